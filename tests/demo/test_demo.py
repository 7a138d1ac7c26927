"""The demo newsroom loads idempotently; synthetic articles are real, readable pages."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from warta.demo.accounts import demo_admin
from warta.demo.content import NEIGHBOURS, SEED
from warta.demo.loader import load_demo
from warta.demo.synthetic import add_synthetic_articles
from warta.news.models import ArticlePage, Reporter, SectionPage, Source


class DemoLoadingTests(WagtailPageTestCase):
    def test_loading_twice_creates_nothing_the_second_time(self):
        self.assertEqual(load_demo(), len(NEIGHBOURS) + 1)
        counts = (ArticlePage.objects.count(), Reporter.objects.count(), Source.objects.count())
        self.assertEqual(load_demo(), 0)
        self.assertEqual(
            counts,
            (ArticlePage.objects.count(), Reporter.objects.count(), Source.objects.count()),
        )

    def test_every_article_the_seed_page_names_is_published_in_its_section(self):
        load_demo()
        for demo in [SEED, *NEIGHBOURS]:
            article = ArticlePage.objects.live().get(slug=demo.slug)
            self.assertEqual(article.get_parent().title, demo.section)
            self.assertEqual(article.first_published_at, demo.published)
            self.assertTrue(article.featured_image)
        for neighbour in NEIGHBOURS:
            self.assertContains(
                self.client.get(ArticlePage.objects.get(slug=neighbour.slug).url), "Konten demo"
            )

    def test_demo_admin_login_works_and_is_stable(self):
        username, password = demo_admin()
        self.assertEqual(demo_admin(), (username, password))
        self.assertTrue(self.client.login(username=username, password=password))
        self.assertEqual(self.client.get("/admin/").status_code, 200)


class SyntheticArticleTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        add_synthetic_articles(60)
        add_synthetic_articles(45)  # a second run appends after the first

    def test_tree_stays_consistent(self):
        self.assertEqual(ArticlePage.objects.count(), len(NEIGHBOURS) + 1 + 105)
        problems = Page.find_problems()
        self.assertEqual([list(group) for group in problems], [[]] * len(problems))
        for section in SectionPage.objects.all():
            self.assertEqual(section.numchild, section.get_children().count())

    def test_synthetic_articles_render_like_any_other(self):
        article = (
            ArticlePage.objects.filter(slug__contains="-")
            .exclude(slug__in=[d.slug for d in [SEED, *NEIGHBOURS]])
            .first()
        )
        response = self.client.get(article.url)
        self.assertContains(response, article.title)
        self.assertContains(response, f"{article.dateline}, Mercinews.com</span> – ")
        # Bulk articles get no related lists until they are computed; the section's newest
        # fill the box under its own label, never passed off as related.
        self.assertContains(response, "Berita Lainnya")
        self.assertNotContains(response, "Berita Terkait")

    def test_command_option(self):
        out = StringIO()
        call_command("demo", no_serve=True, articles=5, stdout=out)
        self.assertIn("Synthetic articles: 5 added.", out.getvalue())
        self.assertIn("login: admin", out.getvalue())
