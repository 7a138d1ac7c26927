"""A raw TCP server on 127.0.0.1 that answers HTTP requests byte by byte, however a test says."""

import socket
import threading
import time


class RawServer:
    """Call `answer(send)` for each request; `send(bytes)` returns False once the client left.

    Every answer gives up after `limit` seconds, so a client that never stops reading (the
    bug a test looks for) still ends.
    """

    def __init__(self, answer, limit=8.0):
        self.answer = answer
        self.limit = limit
        self.requests = 0
        self.endings = []  # per answer: "client left" or "server limit"
        self.done = threading.Semaphore(0)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"

    def url(self, path="/feed"):
        return f"http://{self.host}{path}"

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.listener.close()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(4096)
                if not data:
                    return
                request += data
            self.requests += 1
            ends = time.monotonic() + self.limit

            def send(data):
                if time.monotonic() > ends or self.stopped.is_set():
                    self.endings.append("server limit")
                    return False
                try:
                    conn.sendall(data)
                except OSError:
                    self.endings.append("client left")
                    return False
                return True

            self.answer(send)
        finally:
            conn.close()
            self.done.release()

    def ending(self):
        """Wait for the answer to end; return whether the client left or the server gave up."""
        self.done.acquire(timeout=self.limit + 5)
        return self.endings[-1] if self.endings else "answered"


def trickle(send, data, pause):
    """Send data one byte at a time; return False once the client has gone."""
    for index in range(len(data)):
        if not send(data[index : index + 1]):
            return False
        time.sleep(pause)
    return True
