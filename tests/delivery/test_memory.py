"""Each app process holds its most read pages in memory; a purge anywhere empties it at once."""

import io
import subprocess
import sys
import tempfile
import time
from types import SimpleNamespace
from unittest import mock

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

import pytest

from tests.delivery.services import WARTA, warta_env
from tests.delivery.test_redis_down import OneArticleOnOwnRedis, redis_caches
from warta.delivery import memory, pagecache
from warta.delivery.wsgi import PageCacheApplication
from warta.wsgi import application

# About the page cache itself, so it is on here (tests/conftest.py turns it off elsewhere).
pytestmark = pytest.mark.page_cache


def production_caches(url):
    caches = redis_caches(url)
    for alias in ("default", "pages"):
        caches[alias] = caches[alias] | {"KEY_PREFIX": "warta"}  # as settings.py names it
    return caches


def wait_until(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


class PageMemoryTests(OneArticleOnOwnRedis):
    def setUp(self):
        overridden = override_settings(CACHES=production_caches(self.redis.url))
        overridden.enable()
        self.addCleanup(overridden.disable)
        pagecache.cache().clear()
        self.memory = memory.PageMemory(budget=1024 * 1024, seconds=10)
        self.listener = memory.threading.Thread(target=self.memory.listen, daemon=True)
        self.listener.start()
        self.addCleanup(self.memory.stopped.set)
        self.assertTrue(wait_until(lambda: self.memory.listening), "never subscribed")

    def read(self, path):
        """Ask the WSGI fast path, as `warta serve` does, with this test's memory."""
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=dict(headers))

        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        # As Django's test client does: the test's transaction must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            with (
                self.settings(ALLOWED_HOSTS=["localhost"]),
                mock.patch.object(memory, "for_this_process", lambda: self.memory),
            ):
                body = b"".join(
                    PageCacheApplication(application.application)(environ, start_response)
                )
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return answer["headers"].get("X-Cache"), body.decode()

    def test_a_hit_is_kept_in_memory_and_a_purge_elsewhere_ends_it(self):
        path = self.article.url
        self.assertEqual(self.read(path)[0], "MISS")
        self.assertEqual(self.read(path)[0], "HIT")  # read from Redis, now kept in memory

        # Gone from Redis without a purge (evicted): this process still has its copy.
        pagecache.cache().delete(pagecache.entry_key("localhost", path, ""))
        state, body = self.read(path)
        self.assertEqual(state, "HIT")
        self.assertIn("Banjir di Medan surut", body)

        # Another process purges the page: this one forgets its copy within moments.
        purge = f"from warta.delivery import pagecache; pagecache.purge_paths([{path!r}])"
        with tempfile.TemporaryDirectory() as var_dir:
            env = warta_env(REDIS_URL=self.redis.url, WARTA_VAR_DIR=var_dir)
            done = subprocess.run(
                [WARTA, "shell", "-c", purge], env=env, capture_output=True, text=True, timeout=120
            )
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(wait_until(lambda: not self.memory.entries, seconds=1))
        self.assertEqual(self.read(path)[0], "MISS")

    def test_a_copy_read_before_a_purge_is_not_kept_after_it(self):
        epoch = self.memory.epoch
        self.memory.forget()  # the purge message arrived while the copy was read from Redis
        self.memory.put("page", object(), epoch)
        self.assertIsNone(self.memory.get("page"))

    def test_only_the_most_read_pages_are_kept_within_the_budget(self):
        self.memory.budget = 4096
        pages = {name: SimpleNamespace(body=b"x" * 1000, gzipped=None) for name in "abcde"}
        for name in "abcd":
            self.memory.put(name, pages[name], self.memory.epoch)
        self.memory.get("a")
        self.memory.put("e", pages["e"], self.memory.epoch)  # over 4,096 bytes: b goes
        held = [name for name in "abcde" if self.memory.get(name) is not None]
        self.assertEqual(held, ["a", "c", "d", "e"])

        sitemap = SimpleNamespace(body=b"x" * 900, gzipped=b"x" * 200)  # over a quarter
        self.memory.put("sitemap", sitemap, self.memory.epoch)
        self.assertIsNone(self.memory.get("sitemap"))

    def test_memory_is_not_used_while_redis_is_away(self):
        self.memory.put("page", "copy", self.memory.epoch)
        self.redis.stop()
        try:
            self.assertTrue(wait_until(lambda: not self.memory.listening, seconds=15))
            self.assertIsNone(self.memory.get("page"))
            self.memory.put("page", "copy", self.memory.epoch)
            self.assertIsNone(self.memory.get("page"), "nothing is kept without the channel")
        finally:
            self.redis.start()
        self.assertTrue(wait_until(lambda: self.memory.listening, seconds=15))
        self.memory.put("page", "copy", self.memory.epoch)
        self.assertEqual(self.memory.get("page"), "copy")
