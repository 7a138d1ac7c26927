"""Redis stopped: pages are served uncached with no 5xx, and caching resumes by itself."""

from django.test import override_settings

import pytest

from tests.delivery.services import OwnRedisTestCase
from tests.news.factories import make_article, make_site

# About the page cache itself, so it is on here (tests/conftest.py turns it off elsewhere).
pytestmark = pytest.mark.page_cache


def redis_caches(url):
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {"default": redis, "pages": redis, "renditions": local}


class OneArticleOnOwnRedis(OwnRedisTestCase):
    @classmethod
    def setUpTestData(cls):
        _, sections = make_site(sections=("Umum",))
        cls.article = make_article(sections["Umum"], title="Banjir di Medan surut")


class RedisDownTests(OneArticleOnOwnRedis):
    def get(self):
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Banjir di Medan surut", response.content.decode())
        return response.get("X-Cache")

    def test_pages_outlive_redis_and_caching_comes_back(self):
        with override_settings(CACHES=redis_caches(self.redis.url)):
            self.assertEqual(self.get(), "MISS")
            self.assertEqual(self.get(), "HIT")

            self.redis.stop()
            self.assertEqual(self.get(), "MISS")  # rendered, not an error
            self.assertEqual(self.get(), "MISS")
            self.assertEqual(self.client.get("/").status_code, 200)

            self.redis.start()  # empty again: the first request stores, the next hits
            self.assertEqual(self.get(), "MISS")
            self.assertEqual(self.get(), "HIT")
