"""Redis stopped in the middle of a run: readers get pages, editors publish, ingest runs.

The work publishing and ingest start (purges, related lists, new articles) runs in the
request or the command (django_tasks' ImmediateBackend) against the database, so none of
it waits in Redis; when Redis returns, nothing is done twice and nothing stale is served.
"""

from django.test import override_settings

import pytest

from tests.delivery.services import OwnRedisTestCase
from tests.delivery.test_redis_down import redis_caches
from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import FeedServer, Route
from tests.news.factories import make_article, make_site
from warta.discovery.models import RelatedArticle
from warta.ingest.models import IngestedItem
from warta.ingest.runs import ingest_source
from warta.news.models import ArticlePage, Source

STORIES = (
    ("Banjir rob merendam pesisir Semarang", "Air laut naik setinggi lutut di Tambaklorok."),
    ("Harga beras turun di Pasar Johar", "Pedagang menjual beras medium lebih murah sepekan ini."),
    (
        "Kereta cepat tambah jadwal akhir pekan",
        "Operator menambah delapan perjalanan Sabtu-Minggu.",
    ),
)
WIRE = rss(
    [rss_item(title, text, guid=f"wire-{n}") for n, (title, text) in enumerate(STORIES)]
).encode()


@pytest.mark.page_cache
class RedisStoppedMidRunTests(OwnRedisTestCase):
    @classmethod
    def setUpClass(cls):
        cls.feeds = FeedServer().__enter__()
        cls.addClassCleanup(cls.feeds.__exit__, None, None, None)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        _, sections = make_site(sections=("Umum", "Peristiwa"))
        cls.section = sections["Peristiwa"]
        cls.article = make_article(cls.section, title="Banjir di Medan surut", tags=("banjir",))
        make_article(cls.section, title="Banjir di Binjai meluas", tags=("banjir",))
        cls.source = Source.objects.create(
            name="Kantor Berita", feed_url=cls.feeds.url("/wire.xml"), section=cls.section
        )

    def reader_urls(self):
        return [self.article.url, "/", self.section.url, "/cari/?q=banjir", "/feed/"]

    def assert_served(self):
        for url in self.reader_urls():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)

    def test_pages_and_work_survive_redis_stopping_mid_run(self):
        self.feeds.routes["/wire.xml"] = Route(body=WIRE)
        with override_settings(
            CACHES=redis_caches(self.redis.url), WARTA_INGEST_ALLOW_HOSTS=[self.feeds.host]
        ):
            self.assert_served()
            self.assertEqual(self.client.get(self.article.url)["X-Cache"], "HIT")

            self.redis.stop()
            self.assert_served()
            # An editor publishes and the wire is read while Redis is away.
            article = ArticlePage.objects.get(pk=self.article.pk)
            article.title = "Banjir di Medan surut, warga kembali ke rumah"
            article.save_revision().publish()
            self.assertEqual(ingest_source(self.source).new, 3)
            self.assert_served()

            self.redis.start()
            page = self.client.get(self.article.url).content.decode()
            self.assertIn("warga kembali ke rumah", page)
            self.assert_served()
            self.assertEqual(self.client.get(self.article.url)["X-Cache"], "HIT")

            # The wire read again after Redis is back: the same three items, nothing new.
            again = ingest_source(self.source)
            self.assertEqual((again.new, again.duplicate, again.failed), (0, 3, 0))

        titles = list(
            ArticlePage.objects.filter(source=self.source).values_list("title", flat=True)
        )
        self.assertEqual(len(titles), 3)
        self.assertEqual(len(set(titles)), 3)
        self.assertEqual(IngestedItem.objects.filter(source=self.source).count(), 3)
        pairs = list(RelatedArticle.objects.values_list("article_id", "related_id"))
        self.assertTrue(pairs, "the related lists were refreshed during the outage")
        self.assertEqual(len(pairs), len(set(pairs)))
