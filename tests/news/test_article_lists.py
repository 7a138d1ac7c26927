"""The lists around an article (Berita Terbaru, Berita Terkait) follow every publish at once.

The page reads them from a cache, so each test renders a page first to fill it, then changes
an article the way an editor does, then reads the page again.
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import make_article, make_site
from tests.news.pagetext import parse, visible_text
from warta.demo.synthetic import add_synthetic_articles
from warta.discovery.models import RelatedArticle
from warta.news.models import ArticlePage


class ArticleListsTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.umum, cls.internasional = sections["Umum"], sections["Internasional"]
        hour_ago = timezone.now() - timedelta(hours=1)
        cls.reader = make_article(cls.umum, title="Artikel yang dibaca", published=hour_ago)
        cls.neighbour = make_article(
            cls.umum, title="Tetangga satu bagian", published=hour_ago - timedelta(hours=1)
        )
        cls.elsewhere = make_article(
            cls.internasional, title="Berita bagian lain", published=hour_ago - timedelta(days=1)
        )

    def section_text(self, kind):
        page = parse(self.client.get(self.reader.url))
        return visible_text(page.xpath(f"//section[contains(@class,'news-list--{kind}')]")[0])

    def test_a_new_article_is_in_latest_news_right_after_its_publish(self):
        self.assertNotIn("Baru saja terbit", self.section_text("latest"))
        make_article(self.internasional, title="Baru saja terbit", published=timezone.now())
        self.assertIn("Baru saja terbit", self.section_text("latest"))

    def test_an_unpublished_article_leaves_latest_news_at_once(self):
        self.assertIn(self.neighbour.title, self.section_text("latest"))
        ArticlePage.objects.get(pk=self.neighbour.pk).unpublish()
        self.assertNotIn(self.neighbour.title, self.section_text("latest"))

    def test_a_retitled_related_article_shows_its_new_title(self):
        self.assertIn(self.neighbour.title, self.section_text("related"))
        article = ArticlePage.objects.get(pk=self.neighbour.pk)
        article.title = "Judul tetangga diperbaiki"
        article.save_revision().publish()
        related = self.section_text("related")
        self.assertIn("Judul tetangga diperbaiki", related)
        self.assertNotIn("Tetangga satu bagian", related)

    def test_without_a_stored_list_more_news_are_the_newest_of_the_section(self):
        RelatedArticle.objects.filter(article=self.reader).delete()  # as bulk-written articles
        page = parse(self.client.get(self.reader.url))
        self.assertFalse(page.xpath("//section[contains(@class,'news-list--related')]"))
        others = self.section_text("others")
        self.assertIn("Berita Lainnya", others)
        self.assertIn(self.neighbour.title, others)
        self.assertNotIn(self.elsewhere.title, others)

    def test_articles_written_in_bulk_show_without_a_publish(self):
        self.section_text("latest")
        add_synthetic_articles(14)  # two per section at most, the newest within three years
        newest = (
            ArticlePage.objects.live()
            .exclude(pk__in=[self.reader.pk, self.neighbour.pk, self.elsewhere.pk])
            .order_by("-first_published_at")
            .first()
        )
        self.assertIn(newest.title, self.section_text("latest"))
