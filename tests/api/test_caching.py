"""HTTP caching, purge on publish, and the rate limit per client address."""

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, TestCase, override_settings

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from tests.news.factories import make_article, make_site
from warta.api.throttle import parse_rate

PURGED = []


class RecordingBackend(BaseBackend):
    """A front cache that remembers what it was told to purge."""

    def purge(self, url):
        PURGED.append(url)


RECORDING = {"test": {"BACKEND": "tests.api.test_caching.RecordingBackend"}}


class HttpCachingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site()
        cls.article = make_article(cls.sections["Umum"], title="Harga beras turun")

    def test_answers_carry_validators_and_a_public_lifetime(self):
        url = f"/api/v1/articles/{self.article.pk}"
        first = self.client.get(url)
        self.assertIn("public", first["Cache-Control"])
        self.assertIn("max-age=", first["Cache-Control"])
        self.assertEqual(first["Access-Control-Allow-Origin"], "*")
        again = self.client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")

    def test_errors_are_not_marked_cacheable(self):
        missing = self.client.get("/api/v1/articles/987654")
        self.assertEqual(missing.status_code, 404)
        self.assertNotIn("public", missing.get("Cache-Control", ""))

    @override_settings(WAGTAILFRONTENDCACHE=RECORDING)
    def test_publishing_and_unpublishing_purge_the_api_urls_that_show_the_article(self):
        PURGED.clear()
        article = make_article(self.sections["Umum"], title="Berita baru")
        paths = {url.split("://", 1)[-1].split("/", 1)[-1] for url in PURGED}
        for path in [
            f"api/v1/articles/{article.pk}",
            "api/v1/articles",
            "api/v1/search",
            "api/v1/tags",
        ]:
            self.assertIn(path, paths)
        PURGED.clear()
        article.unpublish()
        self.assertIn(f"api/v1/articles/{article.pk}", {url.split("/", 3)[-1] for url in PURGED})

    @override_settings(WAGTAILFRONTENDCACHE=RECORDING)
    def test_publishing_a_section_purges_the_section_list(self):
        PURGED.clear()
        self.sections["Umum"].save_revision().publish()
        self.assertIn("api/v1/sections", {url.split("/", 3)[-1] for url in PURGED})


@override_settings(WARTA_API_RATE_LIMIT="3/minute")
class RateLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_the_request_over_the_limit_gets_429_with_retry_after(self):
        # Different URLs, so no cache in front answers in the API's place.
        for page in (1, 2, 3):
            self.assertEqual(self.client.get(f"/api/v1/articles?page={page}").status_code, 200)
        refused = self.client.get("/api/v1/articles?page=4")
        self.assertEqual(refused.status_code, 429)
        self.assertTrue(1 <= int(refused["Retry-After"]) <= 60)
        detail = refused.json()["detail"]
        self.assertIn(f"Coba lagi dalam {refused['Retry-After']} detik", detail)
        # Another reader is not held back by the first one.
        other = self.client.get("/api/v1/articles?page=5", REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 200)

    @override_settings(WARTA_PROXY_COUNT=1)
    def test_behind_a_proxy_the_forwarded_address_is_counted(self):
        for page in (1, 2, 3):
            self.client.get(f"/api/v1/sections?p={page}", HTTP_X_FORWARDED_FOR="203.0.113.7")
        self.assertEqual(
            self.client.get("/api/v1/sections?p=4", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code,
            429,
        )
        self.assertEqual(
            self.client.get("/api/v1/sections?p=5", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code,
            200,
        )


class RateSettingTests(SimpleTestCase):
    def test_rates_are_read_and_bad_ones_name_the_setting(self):
        self.assertEqual(parse_rate("120/minute"), (120, 60))
        self.assertEqual(parse_rate("10/second"), (10, 1))
        self.assertEqual(parse_rate("5000/hours"), (5000, 3600))
        self.assertEqual(parse_rate("off"), (0, 0))
        with self.assertRaisesMessage(ImproperlyConfigured, "WARTA_API_RATE_LIMIT"):
            parse_rate("banyak")
