"""The search page and command: Indonesian affixes, filters, snippets, bad input."""

import json
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from tests.news.factories import make_article, make_site, paragraphs
from tests.news.pagetext import parse, visible_text

BAD_QUERIES = [
    "",
    " ",
    '"',
    "*",
    "banjir NEAR(gempa)",
    "-",
    ":",
    "(",
    "OR",
    "banjir OR",
    "' OR 1=1 --",
    "1; DROP TABLE news_articlepage;",
    "\x00",
    "banjir\x00",
    "k" * 1000,
    "banjir " * 150,
    "AND NOT",
]


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site(sections=("Umum", "Peristiwa", "Ekonomi"))
        now = timezone.now()
        cls.flood = make_article(
            sections["Peristiwa"],
            title="Warga Bekasi kebanjiran setelah hujan deras",
            lead="Sungai meluap dan membanjiri perumahan.",
            body=[paragraphs("Ratusan rumah terendam banjir setinggi satu meter.")],
            published=now - timedelta(days=2),
        )
        cls.old_flood = make_article(
            sections["Umum"],
            title="Tanggul jebol, kampung terendam banjir",
            body=[paragraphs("Warga mengungsi ke masjid.")],
            published=now - timedelta(days=400),
        )
        cls.prices = make_article(
            sections["Ekonomi"],
            title="Pemerintah menaikkan harga BBM",
            body=[paragraphs("Kenaikan harga berlaku mulai besok.")],
            published=now - timedelta(days=1),
        )
        cls.draft = make_article(sections["Peristiwa"], title="Draf banjir rahasia", live=False)
        cls.sections = sections

    def get(self, **params):
        response = self.client.get("/cari/", params)
        self.assertEqual(response.status_code, 200)
        return response, parse(response)

    def titles(self, page):
        return [visible_text(a) for a in page.xpath("//a[@class='search-result__link']")]

    def test_every_affix_form_finds_the_flood_stories(self):
        for query in ("banjir", "kebanjiran", "membanjiri"):
            _, page = self.get(q=query)
            titles = self.titles(page)
            self.assertIn(self.flood.title, titles, query)
            self.assertIn(self.old_flood.title, titles, query)
            self.assertNotIn(self.prices.title, titles, query)

    def test_naik_finds_kenaikan_and_menaikkan(self):
        _, page = self.get(q="naik")
        self.assertEqual(self.titles(page), [self.prices.title])

    def test_unpublished_articles_are_never_found(self):
        _, page = self.get(q="rahasia")
        self.assertEqual(self.titles(page), [])
        self.assertIn("tidak ditemukan", visible_text(page))

    def test_newer_story_ranks_first_when_relevance_is_close(self):
        _, page = self.get(q="banjir")
        titles = self.titles(page)
        self.assertLess(titles.index(self.flood.title), titles.index(self.old_flood.title))

    def test_snippet_highlights_the_matching_words(self):
        _, page = self.get(q="banjir")
        marks = [visible_text(m) for m in page.xpath("//p[@class='search-result__snippet']/mark")]
        self.assertTrue(marks)
        self.assertTrue({m.lower() for m in marks} <= {"banjir", "membanjiri", "kebanjiran"})

    def test_section_and_date_filters(self):
        _, page = self.get(q="banjir", kategori=self.sections["Umum"].slug)
        self.assertEqual(self.titles(page), [self.old_flood.title])
        since = (timezone.localdate() - timedelta(days=30)).isoformat()
        _, page = self.get(q="banjir", dari=since)
        self.assertEqual(self.titles(page), [self.flood.title])
        until = (timezone.localdate() - timedelta(days=30)).isoformat()
        _, page = self.get(q="banjir", sampai=until)
        self.assertEqual(self.titles(page), [self.old_flood.title])

    def test_a_bad_date_is_named_not_an_error(self):
        _, page = self.get(q="banjir", dari="kemarin")
        self.assertIn("kemarin", visible_text(page))
        self.assertEqual(len(self.titles(page)), 2)

    def test_pagination(self):
        with self.settings():
            from warta.discovery import views

            original, views.PER_PAGE = views.PER_PAGE, 1
            try:
                _, first = self.get(q="banjir")
                _, second = self.get(q="banjir", page="2")
                _, beyond = self.get(q="banjir", page="999")
                _, junk = self.get(q="banjir", page="abc")
            finally:
                views.PER_PAGE = original
        self.assertEqual(len(self.titles(first)), 1)
        self.assertNotEqual(self.titles(first), self.titles(second))
        self.assertEqual(self.titles(beyond), self.titles(second))
        self.assertEqual(self.titles(junk), self.titles(first))
        self.assertTrue(first.xpath("//a[@rel='next']"))

    def test_bad_input_gives_results_or_a_clear_message(self):
        for query in BAD_QUERIES:
            response, page = self.get(q=query)
            text = visible_text(page)
            found = self.titles(page)
            if query.replace("\x00", "").strip():
                self.assertTrue(found or "tidak ditemukan" in text, repr(query[:30]))
            else:
                self.assertIn("Tulis kata yang Anda cari", text)
            self.assertNotIn("None", text)

    def test_the_page_speaks_indonesian_and_extends_the_site(self):
        _, page = self.get(q="banjir")
        self.assertTrue(page.xpath("//header[@class='site-header']"))
        self.assertIn("Cari", visible_text(page))
        self.assertEqual(page.xpath("//input[@name='q']/@value"), ["banjir"])

    def test_command_prints_json(self):
        out = StringIO()
        call_command("search", "kebanjiran", "--json", stdout=out)
        results = json.loads(out.getvalue())
        self.assertEqual(results[0]["title"], self.flood.title)
        self.assertIn("<mark>", results[0]["snippet"])
        out = StringIO()
        call_command("search", '" OR *', stdout=out)
        self.assertIn("tidak ditemukan", out.getvalue())


class CommonWordTests(TestCase):
    """A word in more stories than are ranked: the newest matches are ranked, the best shown."""

    @classmethod
    def setUpTestData(cls):
        _, sections = make_site(sections=("Umum",))
        now = timezone.now()
        cls.stories = [
            make_article(
                sections["Umum"],
                title=f"Gempa ke-{number} guncang Cianjur",
                body=[paragraphs("Gempa terasa hingga Bandung. " * (1 + number % 2))],
                published=now - timedelta(days=10 - number),
            )
            for number in range(5)
        ]

    def test_only_the_newest_matches_are_ranked(self):
        from warta.discovery import engines
        from warta.discovery.search import search

        everything = search("gempa").ids
        self.assertEqual(sorted(everything), sorted(story.pk for story in self.stories))
        original, engines.RANKED_MATCHES = engines.RANKED_MATCHES, 3
        try:
            bounded = search("gempa").ids
        finally:
            engines.RANKED_MATCHES = original
        self.assertEqual(sorted(bounded), sorted(story.pk for story in self.stories[-3:]))

    def test_a_date_filter_still_reaches_the_oldest_match(self):
        from warta.discovery import engines
        from warta.discovery.search import search

        until = timezone.localdate() - timedelta(days=10)
        original, engines.RANKED_MATCHES = engines.RANKED_MATCHES, 3
        try:
            found = search("gempa", until=until).ids
        finally:
            engines.RANKED_MATCHES = original
        self.assertEqual(found, [self.stories[0].pk])
