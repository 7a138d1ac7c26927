"""The page cache: hits without queries, pass-through for editors, HTTP validators, purge."""

import gzip
from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tests.news.factories import make_article, make_reporter, make_site, paragraphs
from warta.delivery import pagecache
from warta.discovery.models import RelatedArticle
from warta.news.models import ArticlePage

# About the page cache itself, so it is on here (tests/conftest.py turns it off elsewhere).
pytestmark = pytest.mark.page_cache


def visible(response):
    return response.getvalue().decode()


class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site(sections=("Umum", "Internasional"))
        cls.reporter = make_reporter("Sari Wulandari", "sw")
        cls.article = make_article(
            cls.sections["Umum"], title="Harga beras turun", tags=["pangan"], reporter=cls.reporter
        )

    def test_second_anonymous_request_is_a_hit_without_queries(self):
        first = self.client.get(self.article.url)
        self.assertEqual(first["X-Cache"], "MISS")
        with CaptureQueriesContext(connection) as queries:
            second = self.client.get(self.article.url)
        self.assertEqual(second["X-Cache"], "HIT")
        self.assertEqual(len(queries), 0)
        self.assertEqual(second.content, first.content)
        self.assertIn("Harga beras turun", visible(second))

    def test_query_string_is_its_own_page(self):
        self.client.get("/")
        self.assertEqual(self.client.get("/?page=1")["X-Cache"], "MISS")
        self.assertEqual(self.client.get("/")["X-Cache"], "HIT")

    def test_editors_search_and_posts_pass_through(self):
        self.client.get(self.article.url)
        self.client.cookies["sessionid"] = "x"
        self.assertNotIn("X-Cache", self.client.get(self.article.url))
        del self.client.cookies["sessionid"]
        self.assertNotIn("X-Cache", self.client.get("/cari/?q=beras"))
        self.assertNotIn("X-Cache", self.client.get("/admin/login/"))
        self.assertNotIn("X-Cache", self.client.post(self.article.url))

    def test_validators_answer_304_and_pages_are_compressed(self):
        first = self.client.get(self.article.url, HTTP_ACCEPT_ENCODING="gzip, br")
        self.assertEqual(first["Content-Encoding"], "gzip")
        self.assertIn("Harga beras turun", gzip.decompress(first.content).decode())
        control = first["Cache-Control"]
        self.assertIn("s-maxage=300", control)
        self.assertIn("stale-while-revalidate=60", control)
        self.assertIn("Accept-Encoding", first["Vary"])
        again = self.client.get(self.article.url, HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        since = self.client.get(self.article.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        self.assertEqual(since.status_code, 304)
        plain = self.client.get(self.article.url)
        self.assertNotIn("Content-Encoding", plain)
        self.assertIn("Harga beras turun", visible(plain))

    def test_head_gets_headers_only(self):
        self.client.get(self.article.url)
        head = self.client.head(self.article.url)
        self.assertEqual(head.status_code, 200)
        self.assertEqual(head["X-Cache"], "HIT")
        self.assertEqual(head.content, b"")

    def test_missing_pages_are_not_stored(self):
        self.client.get("/tidak-ada/")
        self.assertEqual(self.client.get("/tidak-ada/").status_code, 404)
        found = pagecache.lookup("testserver", "/tidak-ada/", "")
        self.assertIsNone(found.entry)


class PurgeOnPublishTests(TestCase):
    """Each page that shows an article shows the change right after the publish."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site(sections=("Umum", "Internasional"))
        cls.reporter = make_reporter("Sari Wulandari", "sw")
        umum = cls.sections["Umum"]
        cls.lister = make_article(umum, title="Artikel yang mendaftar", tags=["lain"])
        cls.article = make_article(
            umum,
            title="Harga beras turun",
            tags=["pangan"],
            reporter=cls.reporter,
            # Fresh news: the Google News sitemap lists only the last 48 hours.
            published=timezone.now() - timedelta(hours=1),
        )
        cls.linker = make_article(
            cls.sections["Internasional"],
            title="Artikel dengan Baca Juga",
            body=[paragraphs("Satu."), ("baca_juga", cls.article), paragraphs("Dua.")],
            tags=["lain"],
        )
        RelatedArticle.objects.update_or_create(
            article=cls.lister, related=cls.article, defaults={"score": 1, "rank": 0}
        )

    def pages(self):
        return {
            "article": self.article.url,
            "home": "/",
            "section": self.sections["Umum"].url,
            "tag": "/tag/pangan/",
            "reporter": f"/penulis/{self.reporter.slug}/",
            "berita terkait": self.lister.url,
            "baca juga": self.linker.url,
            "feed": "/feed/",
            "section feed": self.sections["Umum"].url + "feed/",
            "tag feed": "/tag/pangan/feed/",
            "reporter feed": f"/penulis/{self.reporter.slug}/feed/",
            "news sitemap": "/sitemap-news.xml",
        }

    def warm(self):
        for name, url in self.pages().items():
            visible(self.client.get(url))  # a streamed sitemap is stored once it is read whole
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, name)
            self.assertEqual(response.get("X-Cache"), "HIT", name)
            self.assertIn("Harga beras turun", visible(response), name)

    def republish(self, **changes):
        page = ArticlePage.objects.get(pk=self.article.pk)
        for name, value in changes.items():
            setattr(page, name, value)
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        return page

    def assert_retired(self, names):
        for name in names:
            path, _, query = self.pages()[name].partition("?")
            found = pagecache.lookup("testserver", path, query)
            self.assertIsNone(found.current, f"{name} ({path}) was not purged")

    def test_edit_shows_on_every_page_that_lists_the_article(self):
        self.warm()
        self.republish(title="Harga beras naik lagi")
        self.assert_retired(self.pages())
        for name, url in self.pages().items():
            text = visible(self.client.get(url))
            self.assertIn("Harga beras naik lagi", text, name)
            self.assertNotIn("Harga beras turun", text, name)

    def test_unpublish_takes_it_off_every_page(self):
        self.warm()
        page = ArticlePage.objects.get(pk=self.article.pk)
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        self.assertEqual(self.client.get(self.article.url).status_code, 404)
        self.assert_gone_from_every_page()

    def assert_gone_from_every_page(self):
        self.assert_retired(self.pages())
        for name, url in self.pages().items():
            text = visible(self.client.get(url))
            self.assertNotIn("Harga beras turun", text, name)

    def test_delete_takes_it_off_every_page(self):
        self.warm()
        url = self.article.url
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=self.article.pk).delete()
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assert_gone_from_every_page()

    def test_move_purges_the_old_address_and_both_sections(self):
        self.warm()
        old_url = self.article.url
        self.client.get(self.sections["Internasional"].url)
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=self.article.pk).move(
                self.sections["Internasional"], pos="last-child"
            )
        moved = ArticlePage.objects.get(pk=self.article.pk)
        self.assertNotEqual(moved.url, old_url)
        # Purged, not only stale: a stale copy still goes to readers while it is rendered again.
        self.assert_retired(["article", "section"])
        # Wagtail redirects the old address; the cached copy of it must be gone.
        self.assertEqual(self.client.get(old_url).status_code, 301)
        self.assertIn("Harga beras turun", self.client.get(moved.url).content.decode())
        section = self.client.get(self.sections["Internasional"].url).content.decode()
        self.assertIn("Harga beras turun", section)
        old_section = self.client.get(self.sections["Umum"].url).content.decode()
        self.assertNotIn("Harga beras turun", old_section)

    def test_new_slug_retires_the_old_address(self):
        self.warm()
        old_url = self.article.url
        self.republish(slug="harga-beras-naik")
        self.assertEqual(self.client.get(old_url).status_code, 301)
        self.assertEqual(self.client.get("/umum/harga-beras-naik/").status_code, 200)


class SnippetEditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, sections = make_site(sections=("Umum",))
        cls.reporter = make_reporter("Sari Wulandari", "sw")
        cls.article = make_article(sections["Umum"], title="Harga beras", reporter=cls.reporter)

    def test_a_reporters_new_name_shows_on_their_cached_pages(self):
        archive = f"/penulis/{self.reporter.slug}/"
        for url in (self.article.url, archive):
            self.client.get(url)
            self.assertEqual(self.client.get(url)["X-Cache"], "HIT")
        self.reporter.full_name = "Sari Wulandari Putri"
        self.reporter.save()
        for url in (self.article.url, archive):
            self.assertIn("Sari Wulandari Putri", visible(self.client.get(url)), url)
