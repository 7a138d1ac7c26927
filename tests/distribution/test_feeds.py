"""RSS and Atom feeds: valid, complete, newest first, conditional, at a fixed query cost."""

import calendar
from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser

from tests.distribution.builders import quick_articles
from tests.distribution.xml import assert_atom_schematron_rules, assert_valid
from tests.news.factories import (
    make_article,
    make_image,
    make_reporter,
    make_site,
    make_source,
    paragraphs,
)

ORIGINAL = "https://interfax.ru/world/968470"


def epoch(moment):
    return calendar.timegm(moment.utctimetuple())


class FeedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.reporter = make_reporter("Muhammad Rizki", "m")
        cls.plain = make_article(sections["Umum"], title="Harga beras naik", lead="Beras naik.")
        cls.wire = make_article(
            sections["Internasional"],
            title="Putin menyebut Taliban sekutu & mitra <Rusia>",
            lead="Presiden Rusia menyebut Taliban sekutu.",
            dateline="Astana",
            featured_image=make_image(width=1600, height=900),
            featured_caption="Lavrov dan perwakilan Taliban",
            featured_credit="Kementerian Luar Negeri Rusia",
            reporter=cls.reporter,
            source=make_source("interfax.ru"),
            original_url=ORIGINAL,
            tags=["Rusia", "Taliban"],
            body=[
                paragraphs(
                    "Taliban menguasai Afghanistan.",
                    f'Baca <a linktype="page" id="{cls.plain.pk}">berita beras</a>.',
                ),
                ("image", {"image": make_image(), "caption": "Astana", "credit": "Reuters"}),
                ("quote", {"text": "Sekutu dalam perang", "attribution": "Putin"}),
                ("embed", "https://www.youtube.com/watch?v=abc"),
                ("baca_juga", cls.plain),
            ],
        )
        cls.feeds = {
            "site": "/feed/",
            "section": "/internasional/feed/",
            "tag": "/tag/rusia/feed/",
            "reporter": f"/penulis/{cls.reporter.slug}/feed/",
        }

    def fetch(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def wire_entry(self, url):
        parsed = feedparser.parse(self.fetch(url).content)
        self.assertEqual(parsed.bozo, 0, parsed.get("bozo_exception"))
        return next(e for e in parsed.entries if e.title == self.wire.title), parsed

    def test_every_rss_feed_parses_cleanly_and_validates_against_rss_2_0_xsd(self):
        for name, url in self.feeds.items():
            with self.subTest(name):
                response = self.fetch(url)
                self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
                self.assertEqual(feedparser.parse(response.content).bozo, 0)
                assert_valid(response.content, "rss-2_0.xsd")

    def test_every_atom_feed_parses_cleanly_and_validates_against_atom_rng(self):
        for name, url in self.feeds.items():
            with self.subTest(name):
                response = self.fetch(url + "atom/")
                self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
                self.assertEqual(feedparser.parse(response.content).bozo, 0)
                root = assert_valid(response.content, "atom.rng")
                assert_atom_schematron_rules(root)

    def test_rss_item_has_title_link_date_author_categories_image_and_source(self):
        entry, parsed = self.wire_entry("/feed/")
        self.assertEqual(parsed.feed.title, "Mercinews.com")
        self.assertEqual(parsed.feed.language, "id")
        self.assertEqual(entry.link, "http://testserver" + self.wire.url)
        self.assertEqual(
            calendar.timegm(entry.published_parsed), epoch(self.wire.first_published_at)
        )
        self.assertIn("+0700", entry.published)
        self.assertEqual(entry.author, "Muhammad Rizki")
        self.assertEqual([tag.term for tag in entry.tags], ["Internasional", "Rusia", "Taliban"])
        self.assertEqual(entry.summary, "Presiden Rusia menyebut Taliban sekutu.")
        [media] = entry.media_content
        self.assertEqual((media["width"], media["height"]), ("1200", "675"))
        self.assertTrue(media["url"].startswith("http://testserver/media/images/"))
        self.assertEqual(entry.media_credit[0]["content"], "Kementerian Luar Negeri Rusia")
        [enclosure] = entry.enclosures
        self.assertEqual(enclosure.href, media["url"])
        self.assertGreater(int(enclosure.length), 0)
        self.assertEqual(entry.source.title, "interfax.ru")

    def test_full_text_has_dateline_links_images_and_quotes_but_not_navigation(self):
        entry, _ = self.wire_entry("/feed/")
        content = entry.content[0].value
        self.assertIn("Astana, Mercinews.com</span> – Taliban menguasai Afghanistan.", content)
        self.assertIn(f'href="{self.plain.url}"', content)
        self.assertIn("<figcaption>Astana Foto: Reuters</figcaption>", content)
        self.assertIn("<blockquote><p>Sekutu dalam perang</p><cite>Putin</cite>", content)
        self.assertIn('href="https://www.youtube.com/watch?v=abc"', content)
        self.assertNotIn("linktype", content)
        self.assertEqual(content.count(self.plain.title), 0)  # Baca Juga stays on the site

    def test_atom_entry_has_author_page_updated_time_and_via_link_to_the_original(self):
        entry, parsed = self.wire_entry("/feed/atom/")
        self.assertEqual(parsed.feed.author, "Mercinews.com")
        self.assertEqual(entry.author_detail.href, "http://testserver/penulis/muhammad-rizki/")
        self.assertEqual(calendar.timegm(entry.updated_parsed), epoch(self.wire.last_published_at))
        links = {link.rel: link.href for link in entry.links}
        self.assertEqual(links["alternate"], "http://testserver" + self.wire.url)
        self.assertEqual(links["via"], ORIGINAL)
        self.assertTrue(links["enclosure"].endswith(".jpg"))
        self.assertEqual(entry.content[0].type, "text/html")

    def test_article_without_image_reporter_or_source_has_none_of_them(self):
        parsed = feedparser.parse(self.fetch("/umum/feed/").content)
        [entry] = parsed.entries
        self.assertEqual(entry.title, "Harga beras naik")
        self.assertNotIn("media_content", entry)
        self.assertEqual(entry.enclosures, [])
        self.assertNotIn("source", entry)
        self.assertNotIn("None", self.fetch("/umum/feed/atom/").content.decode())

    def test_each_scope_holds_only_its_articles(self):
        expected = {
            "/feed/": {self.wire.title, self.plain.title},
            "/umum/feed/": {self.plain.title},
            "/internasional/feed/atom/": {self.wire.title},
            "/tag/rusia/feed/": {self.wire.title},
            f"/penulis/{self.reporter.slug}/feed/atom/": {self.wire.title},
        }
        for url, titles in expected.items():
            with self.subTest(url):
                parsed = feedparser.parse(self.fetch(url).content)
                self.assertEqual({entry.title for entry in parsed.entries}, titles)

    def test_unknown_section_tag_or_reporter_is_not_found(self):
        for url in ("/tidak-ada/feed/", "/tag/tidak-ada/feed/", "/penulis/tidak-ada/feed/atom/"):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_unpublished_article_leaves_the_feed(self):
        self.wire.unpublish()
        parsed = feedparser.parse(self.fetch("/feed/").content)
        self.assertEqual([entry.title for entry in parsed.entries], [self.plain.title])


class ConditionalGetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site()
        make_article(cls.sections["Umum"], title="Pertama")

    def test_unchanged_feed_answers_304_to_its_etag_and_its_last_modified_time(self):
        for url in ("/feed/", "/feed/atom/", "/umum/feed/"):
            with self.subTest(url):
                first = self.client.get(url)
                self.assertEqual(first.status_code, 200)
                etag, modified = first["ETag"], first["Last-Modified"]
                again = self.client.get(url, headers={"if-none-match": etag})
                self.assertEqual((again.status_code, again.content), (304, b""))
                since = self.client.get(url, headers={"if-modified-since": modified})
                self.assertEqual(since.status_code, 304)

    def test_a_new_article_changes_the_etag_and_the_feed_is_sent_again(self):
        first = self.client.get("/feed/")
        make_article(self.sections["Umum"], title="Kedua")
        response = self.client.get("/feed/", headers={"if-none-match": first["ETag"]})
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response["ETag"], first["ETag"])
        self.assertIn(b"Kedua", response.content)

    def test_unpublishing_an_article_changes_the_etag(self):
        first = self.client.get("/feed/")
        extra = make_article(self.sections["Umum"], title="Ditarik")
        middle = self.client.get("/feed/")
        extra.unpublish()
        last = self.client.get("/feed/", headers={"if-none-match": middle["ETag"]})
        self.assertEqual(last.status_code, 200)
        self.assertNotIn(b"Ditarik", last.content)
        self.assertNotEqual(first["ETag"], middle["ETag"])


class FeedLengthAndQueryTests(TestCase):
    """A short and a long feed cost the same queries; a feed holds the newest 50."""

    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site(sections=("Pendek", "Panjang", "Lain"))
        cls.now = timezone.now()
        cls.short_reporter = make_reporter("Rina Pendek", "rp")
        cls.long_reporter = make_reporter("Budi Panjang", "bp")
        source = make_source()
        link_target = make_article(sections["Lain"], title="Tujuan tautan")

        def body():
            return [
                paragraphs(f'Lihat <a linktype="page" id="{link_target.pk}">ini</a>.'),
                ("image", {"image": make_image(), "caption": "Foto isi", "credit": "Ist"}),
            ]

        def rich(section, count, tag, reporter):
            return quick_articles(
                section,
                count,
                cls.now - timedelta(hours=1),
                tags=[tag],
                body=body(),
                reporter=reporter,
                source=source,
                original_url=ORIGINAL,
                featured_image=make_image(),
            )

        rich(sections["Pendek"], 2, "pendek", cls.short_reporter)
        cls.long = rich(sections["Panjang"], 52, "panjang", cls.long_reporter)

    def count(self, url):
        self.client.get(url)  # the first request creates the image renditions
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries), feedparser.parse(response.content)

    def test_feed_holds_the_newest_50_newest_first(self):
        _, parsed = self.count("/panjang/feed/")
        titles = [entry.title for entry in parsed.entries]
        self.assertEqual(titles, [article.title for article in self.long[:50]])
        self.assertNotIn(self.long[50].title, titles)
        self.assertNotIn(self.long[51].title, titles)

    def test_queries_do_not_grow_with_the_number_of_items(self):
        pairs = [
            ("/pendek/feed/", "/panjang/feed/"),
            ("/pendek/feed/atom/", "/panjang/feed/atom/"),
            ("/tag/pendek/feed/", "/tag/panjang/feed/"),
            (
                f"/penulis/{self.short_reporter.slug}/feed/atom/",
                f"/penulis/{self.long_reporter.slug}/feed/atom/",
            ),
        ]
        for short_url, long_url in pairs:
            with self.subTest(long_url):
                short, short_feed = self.count(short_url)
                long, long_feed = self.count(long_url)
                self.assertEqual((len(short_feed.entries), len(long_feed.entries)), (2, 50))
                self.assertEqual(short, long)
                self.assertLessEqual(long, 12)


class WireSourceTests(TestCase):
    """A wire's feed URL may hold a subscription token or name an inside host: never publish it."""

    @classmethod
    def setUpTestData(cls):
        _, sections = make_site()
        cls.secret = "https://wire.internal:8443/rss?token=langganan-rahasia"
        with_home = make_source("antara")
        with_home.feed_url = cls.secret
        with_home.home_url = "https://antaranews.example/"
        with_home.save()
        without_home = make_source("kantor-berita")
        without_home.feed_url = cls.secret + "-2"
        without_home.home_url = ""
        without_home.save()
        make_article(sections["Umum"], title="Berita berlangganan", source=with_home)
        make_article(
            sections["Umum"],
            title="Berita tanpa beranda",
            source=without_home,
            original_url="https://kantor-berita.example/berita/1",
        )

    def test_feeds_name_the_sources_home_page_never_their_feed_url(self):
        rss = self.client.get("/feed/").content.decode()
        atom = self.client.get("/feed/atom/").content.decode()
        for document in (rss, atom):
            self.assertNotIn("langganan-rahasia", document)
            self.assertNotIn("wire.internal", document)
        sources = {entry.title: entry.source for entry in feedparser.parse(rss).entries}
        self.assertEqual(sources["Berita berlangganan"].href, "https://antaranews.example/")
        self.assertEqual(sources["Berita tanpa beranda"].title, "kantor-berita")
        self.assertNotIn("href", sources["Berita tanpa beranda"])
