"""The demo loader publishes through Wagtail, so the demo's related lists are stored too."""

from django.test import TestCase

from warta.demo.content import SEED
from warta.demo.loader import load_demo
from warta.discovery.models import RelatedArticle
from warta.news.models import ArticlePage


class DemoRelatedListsTests(TestCase):
    def test_loading_the_demo_fills_the_stored_lists(self):
        load_demo(site_name="Mercinews.com")
        seed = ArticlePage.objects.get(slug=SEED.slug)
        entries = list(RelatedArticle.objects.filter(article=seed).select_related("related"))
        self.assertTrue(entries)
        for entry in entries:
            self.assertNotEqual(entry.related_id, seed.pk)
            self.assertTrue(entry.related.live)
        # Every demo article that shares words with another has a list of its own.
        with_lists = RelatedArticle.objects.values("article_id").distinct().count()
        self.assertGreaterEqual(with_lists, ArticlePage.objects.live().count() // 2)


class RebuildCommandTests(TestCase):
    def test_rebuild_recomputes_lists_lost_by_a_bulk_import(self):
        from io import StringIO

        from django.core.management import call_command

        from tests.discovery.test_related import FLOOD, story
        from tests.news.factories import make_site

        _, sections = make_site(sections=("Peristiwa",))
        floods = [
            story(sections["Peristiwa"], t, lead, days=i) for i, (t, lead) in enumerate(FLOOD)
        ]
        before = list(RelatedArticle.objects.filter(article=floods[0]).order_by("rank"))
        RelatedArticle.objects.all().delete()  # as after an import that bypassed publishing
        out = StringIO()
        call_command("related", "--rebuild", stdout=out)
        after = list(RelatedArticle.objects.filter(article=floods[0]).order_by("rank"))
        self.assertEqual([e.related_id for e in after], [e.related_id for e in before])
        self.assertIn("4 related lists", out.getvalue())
