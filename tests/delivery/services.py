"""Throwaway services for the degradation tests: a redis-server and a TCP proxy that can be cut.

Never the shared PostgreSQL or Redis: other people use them. Everything listens on 127.0.0.1.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

from django.test import TestCase

import pytest

WARTA = os.path.join(os.path.dirname(sys.executable), "warta")


def start_warta_serve(env):
    """Start `warta serve` on a free port with one worker; return its base URL and process."""
    port = free_port()
    process = subprocess.Popen(
        [WARTA, "serve", "--port", str(port), "--workers", "1", "--threads", "4"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return f"http://127.0.0.1:{port}", process


def warta_env(**settings):
    """The environment for a `warta` subprocess: this one's, minus the test run's own settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WARTA_", "DATABASE_URL", "REDIS_URL", "PYTEST_XDIST"))
    }
    env.update(settings)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class RedisServer:
    """A redis-server of our own on a free port, to stop and start again."""

    def __init__(self):
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


class OwnRedisTestCase(TestCase):
    """A TestCase with a redis-server of its own (`cls.redis`) for the whole class."""

    @classmethod
    def setUpClass(cls):
        cls.redis = RedisServer()
        cls.redis.start()
        cls.addClassCleanup(cls.redis.stop)
        super().setUpClass()


class CuttableProxy:
    """Forward a local port to a TCP service; `cut()` drops every connection and refuses more."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.sockets = []
        self.listener = None
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave it listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                except OSError:
                    pass
            self.sockets = []
