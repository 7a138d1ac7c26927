"""Publishing renders a new article once, so its first readers find its pictures made."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Rendition
from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import make_article, make_image, make_site, paragraphs
from warta.delivery import tasks


class FirstRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Umum"]

    def publish_with_new_photos(self):
        photo, inline = make_image("Banjir"), make_image("Pengungsi")
        with self.captureOnCommitCallbacks(execute=True):
            article = make_article(
                self.section,
                title="Banjir bandang di Garut",
                featured_image=photo,
                body=[paragraphs("Air datang malam hari."), ("image", {"image": inline})],
            )
        return article, [photo, inline]

    def test_the_first_readers_find_every_picture_made(self):
        article, photos = self.publish_with_new_photos()
        made = Rendition.objects.filter(image__in=photos).count()
        self.assertGreater(made, 18)  # article: 3 formats x 3 widths; front page: 3 x 3 crops

        for url in (article.url, "/"):
            with self.subTest(url), CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertContains(response, "Banjir bandang di Garut")
            inserts = [q for q in queries if q["sql"].startswith("INSERT")]
            self.assertEqual(inserts, [], "a reader's first view makes nothing")
        self.assertEqual(Rendition.objects.filter(image__in=photos).count(), made)

    def test_a_failed_render_leaves_the_publication_alone(self):
        with (
            mock.patch.object(tasks.ArticlePage, "serve", side_effect=RuntimeError("boom")),
            self.assertLogs("warta.delivery.tasks", "WARNING") as logs,
        ):
            article, _ = self.publish_with_new_photos()
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertIn(f"Could not render {article.url}", logs.output[0])
        self.assertContains(self.client.get(article.url), "Banjir bandang di Garut")
