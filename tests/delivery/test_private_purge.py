"""Making a live article private, or public again, purges every page that showed it at once.

Both caches hear it through the same purge as a publish: the app's page cache (checked here by
reading the pages again) and nginx (a PURGE for each URL, answered here by a stand-in that
speaks like nginx's cache-purge module, on the address WARTA_PURGE_URL names).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import TestCase

from wagtail.models import PageViewRestriction

import pytest

from tests.news.factories import make_article, make_reporter, make_site

pytestmark = pytest.mark.page_cache

TITLE = "Harga beras turun tajam"
PAGES = ("/", "/umum/", "/tag/pangan/", "/penulis/sari-wulandari/")


class FrontCache(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class PrivatePurgeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site(sections=("Umum", "Internasional"))
        reporter = make_reporter("Sari Wulandari", "sw")
        cls.article = make_article(
            cls.sections["Umum"], title=TITLE, tags=["pangan"], reporter=reporter
        )

    def setUp(self):
        server = ThreadingHTTPServer(("127.0.0.1", 0), FrontCache)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        FrontCache.purged.clear()
        front = {
            "pages": {"BACKEND": "warta.delivery.backends.PageCacheBackend"},
            "front": {
                "BACKEND": "warta.delivery.frontcache.NginxPurgeBackend",
                "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
            },
        }
        settings = self.settings(WAGTAILFRONTENDCACHE=front)
        settings.enable()
        self.addCleanup(settings.disable)

    def cache_every_page(self, urls=None):
        self.client = self.client_class()  # a new reader: no cookie from a password form
        for url in urls or (self.article.url, *PAGES):
            self.client.get(url)
            self.assertEqual(self.client.get(url).get("X-Cache"), "HIT", url)
        FrontCache.purged.clear()

    def assert_every_page_purged(self):
        for url in (self.article.url, *PAGES):
            self.assertIn(url, FrontCache.purged, "nginx was not told")
            self.assertNotEqual(self.client.get(url).get("X-Cache"), "HIT", url)

    def assert_shown(self, shown):
        article = self.client.get(self.article.url).content.decode()
        self.assertEqual(TITLE in article and 'name="password"' not in article, shown)
        for url in PAGES:
            self.assertEqual(TITLE in self.client.get(url).content.decode(), shown, url)

    def test_a_password_on_the_article_and_its_removal(self):
        self.cache_every_page()
        restriction = PageViewRestriction.objects.create(
            page=self.article, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
        )
        self.assert_every_page_purged()
        self.assert_shown(False)

        self.cache_every_page(PAGES)  # the article's password form is never stored
        restriction.delete()
        self.assert_every_page_purged()
        self.assert_shown(True)

    def test_a_sign_in_restriction_on_the_section(self):
        self.cache_every_page()
        PageViewRestriction.objects.create(
            page=self.sections["Umum"], restriction_type=PageViewRestriction.LOGIN
        )
        self.assert_every_page_purged()
        self.assertEqual(self.client.get(self.article.url).status_code, 302)  # to sign in
        for url in PAGES[:1] + PAGES[2:]:
            self.assertNotIn(TITLE, self.client.get(url).content.decode(), url)

    def test_unpublishing_purges_every_page_that_showed_it(self):
        self.cache_every_page()
        self.article.unpublish()
        self.assert_every_page_purged()
        self.assertEqual(self.client.get(self.article.url).status_code, 404)
        for url in PAGES:
            self.assertNotIn(TITLE, self.client.get(url).content.decode(), url)
