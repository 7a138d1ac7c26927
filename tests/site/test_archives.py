"""Section, tag and reporter archives: paginated by number, 404 for bad pages, never 500."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.news.factories import make_article, make_image, make_reporter, make_site
from tests.news.pagetext import parse, visible_text
from warta.news.listings import ARCHIVE_PER_PAGE

BAD_PAGES = ["abc", "0", "-1", "1.5", "99", "", "%00", "1e3", "９"]
ARCHIVES = ["/olahraga/", "/tag/liga-1/", "/penulis/cut-indah/"]


def forget_cached_pages():
    """Drop whole pages kept by the delivery layer's page cache, so the next request renders."""
    if "pages" in settings.CACHES:
        caches["pages"].clear()


class ArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        """One section, one tag and one reporter with a page and a half of articles each."""
        _home, sections = make_site(sections=("Umum", "Olahraga"))
        reporter = make_reporter("Cut Indah", "ci")
        reporter.bio = "Wartawan olahraga sejak 2010.\n\nMeliput Liga 1."
        reporter.photo = make_image("Cut Indah", width=400, height=400)
        reporter.save()
        now = timezone.now()
        cls.count = ARCHIVE_PER_PAGE + 5
        for n in range(cls.count):
            make_article(
                sections["Olahraga"],
                title=f"Laga {n}",
                published=now - timedelta(hours=n),
                tags=["Liga 1"],
                reporter=reporter,
            )
        make_article(sections["Umum"], title="Lain sendiri", tags=["Pemilu"])
        make_article(
            sections["Olahraga"], title="Draf", tags=["Liga 1"], live=False, reporter=reporter
        )

    def titles(self, response):
        self.assertEqual(response.status_code, 200)
        page = parse(response)
        return [visible_text(h) for h in page.xpath("//ul[@class='archive__items']//h3")]

    def test_archive_pages_are_numbered_newest_first(self):
        for url in ARCHIVES:
            with self.subTest(url=url):
                first = self.titles(self.client.get(url))
                self.assertEqual(first, [f"Laga {n}" for n in range(ARCHIVE_PER_PAGE)])
                second = self.titles(self.client.get(url + "?page=2"))
                self.assertEqual(second, [f"Laga {n}" for n in range(ARCHIVE_PER_PAGE, self.count)])
                page = parse(self.client.get(url + "?page=2"))
                nav = page.xpath("//nav[@class='pagination']")[0]
                self.assertEqual(nav.xpath(".//a[@aria-current='page']/text()"), ["2"])
                self.assertEqual(nav.xpath(".//a[@rel='prev']/@href"), ["?page=1"])
                self.assertFalse(nav.xpath(".//a[@rel='next']"))
                self.assertIn(" - Halaman 2 - ", page.xpath("//title/text()")[0])

    def test_bad_or_out_of_range_page_numbers_answer_404(self):
        for url in ARCHIVES:
            for number in BAD_PAGES:
                with self.subTest(url=url, page=number):
                    response = self.client.get(url, {"page": number})
                    self.assertEqual(response.status_code, 404)
                    self.assertIn("Halaman tidak ditemukan", response.content.decode())

    def test_tag_page_lists_only_live_articles_with_the_tag(self):
        page = parse(self.client.get("/tag/pemilu/"))
        self.assertEqual(visible_text(page.xpath("//h1")[0]), "Pemilu")
        titles = [visible_text(h) for h in page.xpath("//ul[@class='archive__items']//h3")]
        self.assertEqual(titles, ["Lain sendiri"])
        self.assertEqual(page.xpath("//title/text()")[0], "Tag: Pemilu - Mercinews.com")

    def test_reporter_page_shows_name_photo_and_bio(self):
        page = parse(self.client.get("/penulis/cut-indah/"))
        header = page.xpath("//header[contains(@class,'profile')]")[0]
        self.assertEqual(visible_text(header.xpath(".//h1")[0]), "Cut Indah")
        self.assertIn("Wartawan olahraga sejak 2010.", visible_text(header))
        self.assertEqual(len(header.xpath(".//div[@class='profile__bio']/p")), 2)
        photo = header.xpath(".//img[@class='profile__photo']")[0]
        self.assertEqual((photo.get("width"), photo.get("height")), ("96", "96"))
        self.assertIn("fill-192x192", photo.get("srcset"))
        self.assertNotIn("Draf", visible_text(page))

    def test_unknown_tags_and_reporters_answer_404(self):
        for url in ["/tag/tidak-ada/", "/penulis/tidak-ada/", "/tag/", "/penulis/x/y/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_sections_are_not_shadowed_by_the_archive_routes(self):
        for url in ["/olahraga/", "/umum/"]:
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_archive_query_count_is_fixed(self):
        for url in ARCHIVES:
            self.client.get(url)
            forget_cached_pages()
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            self.assertLessEqual(len(queries), 12, url)
