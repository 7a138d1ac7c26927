"""The article page costs a fixed number of SQL queries, whatever it shows."""

from unittest import skipUnless

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import (
    make_article,
    make_image,
    make_reporter,
    make_site,
    make_source,
    paragraphs,
)
from warta.news.latest import new_version
from warta.news.models import SectionPage

# Right after a publish, with the editor's pins to read too: 11.
MAX_QUERIES = 11
# Any other view: the article with what it shows beside it, and the view restrictions.
REPEAT_VIEW_QUERIES = 2


class ArticleQueryBudgetTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Internasional"]
        cls.bare = make_article(sections["Umum"], title="Sendirian", body=[])
        cls.tags = ["Rusia", "Ukraina", "Perdamaian", "Diplomasi", "Eropa"]
        cls.neighbours = [
            make_article(cls.section, featured_image=make_image(), tags=cls.tags[: 1 + i % 5])
            for i in range(12)
        ]
        cls.small = cls.make_full("Kecil", images=1, tags=1, links=1)
        cls.large = cls.make_full("Besar", images=8, tags=5, links=2)
        cls.auto_links = make_article(
            cls.section, title="Otomatis", tags=cls.tags[:2], body=[paragraphs(*"abcdefgh")]
        )

    @classmethod
    def make_full(cls, title, images, tags, links):
        body = []
        for i in range(images):
            body.append(paragraphs(f"Paragraf {i}.", f"Lanjutan {i}."))
            body.append(("image", {"image": make_image(), "caption": f"Foto {i}", "credit": "Ist"}))
        for i in range(links):
            body.insert(1 + 2 * i, ("baca_juga", cls.neighbours[i]))
        return make_article(
            cls.section,
            title=title,
            featured_image=make_image(),
            featured_caption="Keterangan",
            featured_credit="Kredit",
            reporter=make_reporter(f"Reporter {title}", title[:2].lower()),
            editor=make_reporter(f"Editor {title}", "ci"),
            source=make_source(),
            original_url="https://interfax.ru/world/1",
            dateline="Astana",
            tags=cls.tags[:tags],
            body=body,
        )

    def count_queries(self, article, after_a_change=False):
        """Count the queries of the view after the first, which made the image renditions.

        `after_a_change`: the first reader after a publish, who finds no body, tags, related
        or newest cards cached (they are kept per version of the articles); the pictures'
        renditions stay known, as the publish made them. Without it: a repeat view.
        """
        self.client.get(article.url)
        if after_a_change:
            new_version()  # what any publish does: every article's cached parts are read again
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(article.url)
        self.assertEqual(response.status_code, 200)
        return len(queries), response

    def test_more_items_cost_no_more_queries(self):
        # The first reader after a publish: the page's parts are read, not taken from a cache.
        small, _ = self.count_queries(self.small, after_a_change=True)
        large, response = self.count_queries(self.large, after_a_change=True)
        self.assertContains(response, "Baca Juga:", count=2)
        self.assertContains(response, "article__figure--inline", count=8)
        self.assertContains(response, '<li class="tag">', count=5)
        self.assertEqual(small, large)
        self.assertLessEqual(large, MAX_QUERIES)

    def test_every_kind_of_article_stays_within_budget(self):
        for article in (self.bare, self.small, self.large, self.auto_links):
            for after_a_change in (False, True):
                with self.subTest(article.title, after_a_change=after_a_change):
                    count, _ = self.count_queries(article, after_a_change)
                    self.assertLessEqual(count, MAX_QUERIES)

    def test_more_neighbours_cost_no_more_queries(self):
        before, _ = self.count_queries(self.large, after_a_change=True)
        for _ in range(5):
            make_article(self.section, featured_image=make_image(), tags=["Rusia"])
        after, response = self.count_queries(self.large, after_a_change=True)
        self.assertEqual(before, after)
        self.assertContains(response, 'class="card"', count=5)


# The demo seed article's repeat view costs REPEAT_VIEW_QUERIES: tests/news/test_seed_page.py
# checks it, with the demo it loads once for all its tests.


@skipUnless(connection.vendor == "postgresql", "prepared statements are PostgreSQL's")
class PreparedStatementTests(WagtailPageTestCase):
    """PostgreSQL plans the article page's queries once per connection, not on every view."""

    def prepared_article_queries(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements "
                "WHERE statement LIKE %s AND NOT from_sql",
                ["%news_articlepage%"],
            )
            return cursor.fetchone()[0]

    def test_the_article_route_is_prepared_after_a_few_views(self):
        home, sections = make_site()
        article = make_article(sections["Umum"], title="Disiapkan")
        before = self.prepared_article_queries()
        for _ in range(4):
            self.assertContains(self.client.get(article.url), "Disiapkan")
        self.assertGreater(self.prepared_article_queries(), before)


class SectionMenuTests(WagtailPageTestCase):
    def test_menu_follows_sections_being_renamed_added_and_unpublished(self):
        home, sections = make_site()
        article = make_article(sections["Umum"])
        self.assertContains(self.client.get(article.url), ">Umum</a>")

        section = sections["Umum"]
        section.title = "Berita Umum"
        section.save_revision().publish()
        self.assertContains(self.client.get(article.url), ">Berita Umum</a>")

        home.add_child(instance=SectionPage(title="Olahraga", slug="olahraga"))
        self.assertContains(self.client.get(article.url), ">Olahraga</a>")

        sections["Internasional"].unpublish()
        self.assertNotContains(self.client.get(article.url), ">Internasional</a>")
