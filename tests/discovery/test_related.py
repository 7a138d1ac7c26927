"""Berita Terkait and Baca Juga: computed on publish, stored, read in the page's query budget."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase

from tests.caches import clear_data_caches
from tests.news.factories import make_article, make_site, paragraphs
from tests.news.pagetext import parse, visible_text
from warta.discovery.models import RelatedArticle, RelatedChoice
from warta.news.models import ArticlePage

FLOOD = [
    ("Banjir rendam ribuan rumah di Bekasi", "Sungai Cikeas meluap, warga Bekasi mengungsi."),
    ("Warga Bekasi kembali kebanjiran", "Banjir setinggi satu meter merendam perumahan Bekasi."),
    ("Tanggul jebol, Bekasi banjir lagi", "BPBD Bekasi mengerahkan perahu karet untuk warga."),
    ("Pemerintah bangun tanggul cegah banjir Bekasi", "Tanggul sungai Cikeas diperkuat."),
]
QUAKE = [
    ("Gempa magnitudo 5,6 guncang Cianjur", "Ratusan rumah rusak akibat gempa di Cianjur."),
    ("Gempa susulan terasa di Cianjur", "BMKG mencatat puluhan gempa susulan di Cianjur."),
    ("Korban gempa Cianjur tinggal di tenda", "Pengungsi gempa Cianjur menunggu bantuan."),
]
FOOTBALL = [
    ("Timnas menang 2-0 atas Vietnam", "Timnas Indonesia menang dalam laga sepak bola."),
    ("Pelatih timnas panggil 26 pemain", "Pemain timnas sepak bola berlatih di Jakarta."),
]
RELATED_LINKS = "//section[contains(@class,'news-list--related')]//a"


def story(section, title, lead, days, **fields):
    return make_article(
        section,
        title=title,
        lead=lead,
        published=timezone.now() - timedelta(days=days),
        body=fields.pop("body", [paragraphs(lead)]),
        **fields,
    )


def stored(article):
    return list(
        RelatedArticle.objects.filter(article=article)
        .order_by("rank")
        .values_list("related_id", flat=True)
    )


class RelatedNewsTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site(sections=("Umum", "Peristiwa", "Olahraga"))
        cls.sections = sections
        cls.floods = [
            story(sections["Peristiwa"], title, lead, days=10 + i)
            for i, (title, lead) in enumerate(FLOOD)
        ]
        cls.quakes = [
            story(sections["Peristiwa"], title, lead, days=20 + i)
            for i, (title, lead) in enumerate(QUAKE)
        ]
        cls.football = [
            story(sections["Olahraga"], title, lead, days=5 + i)
            for i, (title, lead) in enumerate(FOOTBALL)
        ]
        long_body = [
            paragraphs(*[f"Paragraf {n} tentang banjir di Bekasi dan warga." for n in range(1, 9)])
        ]
        cls.long = story(
            sections["Peristiwa"],
            "Banjir Bekasi: warga menunggu bantuan",
            "Banjir di Bekasi belum surut.",
            days=1,
            body=long_body,
        )

    def page(self, article):
        response = self.client.get(article.url)
        self.assertEqual(response.status_code, 200)
        return parse(response)

    def related_titles(self, article):
        section = self.page(article).xpath("//section[contains(@class,'news-list--related')]")
        return [visible_text(a) for a in section[0].xpath(".//a")] if section else []

    def baca_juga(self, article):
        return self.page(article).xpath("//p[@class='baca-juga']")

    def test_the_most_related_are_the_same_story(self):
        first = self.floods[0]
        top = stored(first)[:3]
        self.assertEqual(len(top), 3)
        flood_ids = {a.pk for a in self.floods + [self.long]}
        self.assertTrue(set(top) <= flood_ids, top)
        self.assertNotIn(first.pk, stored(first))

    def test_reading_only_each_terms_heaviest_postings_keeps_the_same_story_on_top(self):
        # Bounded work at any archive size: each term contributes its heaviest postings only.
        from warta.discovery import related

        first = self.floods[0]
        original, related.POSTINGS_PER_TERM = related.POSTINGS_PER_TERM, 2
        try:
            top = [pk for pk, _ in related.relist(first.pk)][:3]
        finally:
            related.POSTINGS_PER_TERM = original
        self.assertEqual(len(top), 3)
        self.assertTrue(set(top) <= {a.pk for a in self.floods + [self.long]}, top)

    def test_a_new_article_enters_the_lists_it_belongs_to(self):
        old = self.quakes[0]
        before = stored(old)
        new = story(
            self.sections["Peristiwa"],
            "Gempa Cianjur: sekolah darurat dibuka",
            "Siswa korban gempa Cianjur belajar di tenda.",
            days=0,
        )
        self.assertNotIn(new.pk, before)
        self.assertIn(new.pk, stored(old)[:3])
        self.assertIn(new.title, self.related_titles(old))

    def test_unpublished_articles_leave_every_list(self):
        gone = self.floods[1]
        self.assertIn(gone.pk, stored(self.floods[0]))
        gone.unpublish()
        self.assertNotIn(gone.pk, stored(self.floods[0]))
        self.assertFalse(RelatedArticle.objects.filter(related=gone).exists())
        self.assertNotIn(gone.title, self.related_titles(self.floods[0]))

    def test_deleted_articles_leave_every_list_and_the_list_refills(self):
        gone = self.floods[2]
        lists_before = set(
            RelatedArticle.objects.filter(related=gone).values_list("article_id", flat=True)
        )
        self.assertTrue(lists_before)
        before = stored(self.floods[0])
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=gone.pk).delete()
        self.assertFalse(RelatedArticle.objects.filter(related_id=gone.pk).exists())
        # Recomputed from the remaining articles: everything else stays.
        self.assertEqual(set(stored(self.floods[0])), set(before) - {gone.pk})

    def test_unrelated_sections_fill_in_only_through_the_fallback(self):
        # Football shares no words with floods: its list holds football, then its section.
        titles = self.related_titles(self.football[0])
        self.assertEqual(titles, [self.football[1].title])

    def test_editors_pin_and_exclude(self):
        article = ArticlePage.objects.get(pk=self.floods[0].pk)
        article.related_choices.add(RelatedChoice(related=self.football[0], kind="pin"))
        article.related_choices.add(RelatedChoice(related=self.floods[1], kind="exclude"))
        article.save_revision().publish()
        titles = self.related_titles(article)
        self.assertEqual(titles[0], self.football[0].title)
        self.assertNotIn(self.floods[1].title, titles)
        self.assertNotIn(article.title, titles)

    def test_related_list_is_shown_most_related_first_with_times(self):
        article = self.floods[0]
        page = self.page(article)
        section = page.xpath("//section[contains(@class,'news-list--related')]")[0]
        titles = [visible_text(a) for a in section.xpath(".//a")]
        by_pk = dict(ArticlePage.objects.values_list("pk", "title"))
        self.assertEqual(titles, [by_pk[pk] for pk in stored(article)][: len(titles)])
        self.assertEqual(len(section.xpath(".//time")), len(titles))

    def test_fillers_never_show_as_related_news(self):
        # Nothing on the site shares a word with this story: its section's newest are shown,
        # but as Berita Lainnya, never as Berita Terkait.
        lone = story(
            self.sections["Olahraga"],
            "Ginting juara bulu tangkis Swiss Open",
            "Anthony Ginting menaklukkan pebulu tangkis Denmark di final.",
            days=0,
        )
        page = self.page(lone)
        self.assertFalse(page.xpath("//section[contains(@class,'news-list--related')]"))
        others = page.xpath("//section[contains(@class,'news-list--others')]")[0]
        self.assertEqual(visible_text(others.xpath(".//h2")[0]), "Berita Lainnya")
        titles = [visible_text(a) for a in others.xpath(".//a")]
        self.assertEqual(set(titles), {a.title for a in self.football})
        self.assertEqual(len(others.xpath(".//time")), len(titles))

    def test_a_filler_never_shows_above_a_related_story(self):
        # Football is the newest of the section but unrelated to the older match report.
        match = story(
            self.sections["Olahraga"],
            "Ginting juara bulu tangkis Swiss Open",
            "Anthony Ginting menaklukkan pebulu tangkis Denmark di final.",
            days=30,
        )
        rematch = story(
            self.sections["Olahraga"],
            "Ginting bidik gelar bulu tangkis All England",
            "Setelah juara Swiss Open, Ginting menatap All England.",
            days=29,
        )
        page = self.page(match)
        related = page.xpath("//section[contains(@class,'news-list--related')]//a")
        self.assertEqual([visible_text(a) for a in related], [rematch.title])
        text = visible_text(page)
        self.assertLess(text.index(rematch.title), text.index("Berita Lainnya"))
        self.assertLess(text.index("Berita Lainnya"), text.index(self.football[0].title))

    def test_automatic_baca_juga_after_the_third_and_sixth_paragraphs(self):
        page = self.page(self.long)
        boxes = page.xpath("//p[@class='baca-juga']")
        self.assertEqual(len(boxes), 2)
        links = [box.xpath("./a")[0] for box in boxes]
        titles = [visible_text(a) for a in links]
        self.assertEqual(len(set(titles)), 2)
        self.assertNotIn(self.long.title, titles)
        for box, number in zip(boxes, (3, 6), strict=True):
            before = box.getprevious()
            self.assertIn(f"Paragraf {number} ", visible_text(before))
        related = page.xpath("//section[contains(@class,'news-list--related')]//a")
        first_shown = [visible_text(a) for a in related[:2]]
        self.assertFalse(set(titles) & set(first_shown))
        stored_titles = set(
            ArticlePage.objects.filter(pk__in=stored(self.long)).values_list("title", flat=True)
        )
        self.assertTrue(set(titles) <= stored_titles, titles)

    def test_baca_juga_takes_the_best_and_berita_terkait_the_next(self):
        page = self.page(self.long)
        links = [visible_text(a) for a in page.xpath("//p[@class='baca-juga']/a")]
        related = page.xpath("//section[contains(@class,'news-list--related')]//a")
        shown = [visible_text(a) for a in related]
        by_pk = dict(ArticlePage.objects.values_list("pk", "title"))
        best = [by_pk[pk] for pk in stored(self.long)]
        self.assertEqual(links, best[:2])
        self.assertEqual(shown, best[2 : 2 + len(shown)])
        self.assertFalse(set(links) & set(shown))

    def test_editors_can_switch_baca_juga_off(self):
        article = ArticlePage.objects.get(pk=self.long.pk)
        article.baca_juga_auto = False
        article.save_revision().publish()
        self.assertEqual(self.baca_juga(article), [])

    def test_short_bodies_get_no_automatic_links(self):
        short = story(
            self.sections["Peristiwa"],
            "Banjir Bekasi singkat",
            "Banjir.",
            days=2,
            body=[paragraphs("Satu banjir.", "Dua banjir.", "Tiga banjir.")],
        )
        self.assertEqual(self.baca_juga(short), [])

    def test_the_page_reads_stored_lists_within_its_query_budget(self):
        article = ArticlePage.objects.get(pk=self.long.pk)
        article.related_choices.add(RelatedChoice(related=self.football[0], kind="pin"))
        article.related_choices.add(RelatedChoice(related=self.quakes[0], kind="exclude"))
        article.save_revision().publish()
        self.client.get(article.url)  # the first view makes the image renditions
        clear_data_caches()  # cold: the related cards are read, not taken from a cache
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(article.url)
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(queries), 15, "\n".join(q["sql"] for q in queries))
        joined = " ".join(q["sql"] for q in queries)
        self.assertIn("discovery_relatedarticle", joined)  # the stored list is what was read
        self.assertNotIn("discovery_articleterm", joined)  # no similarity while a reader waits
        titles = [visible_text(a) for a in parse(response).xpath(RELATED_LINKS)]
        self.assertEqual(titles[0], self.football[0].title)  # the pin, read with the list
        self.assertNotIn(self.quakes[0].title, titles)
        self.assertGreaterEqual(len(titles), 3)
