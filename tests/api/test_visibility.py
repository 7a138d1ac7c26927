"""Only published, public content: drafts, private pages and hidden sections never leak."""

import json

from django.test import TestCase

from wagtail.models import PageViewRestriction

from tests.api.content import build_newsroom
from warta.news.models import ArticlePage

EVERY_LIST = [
    "/api/v1/articles?page_size=100",
    "/api/v1/articles?tag=banjir",
    "/api/v1/articles?tag=rahasia",
    "/api/v1/articles?section=umum",
    "/api/v1/tags?page_size=100",
    "/api/v1/search?q=banjir",
    "/api/v1/search?q=rahasia",
    "/api/v1/search?q=draf",
    "/api/v1/search?q=pelanggan",
]


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()

    def text(self, url, status=200):
        """Return an answer's text, without the search query it repeats back."""
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        data = response.json()
        if isinstance(data, dict):
            data.pop("query", None)
        return json.dumps(data, ensure_ascii=False)

    def assert_hidden_absent(self, text, where):
        for title in self.n.hidden_titles:
            self.assertNotIn(title, text, f"{title!r} leaked through {where}")
        for page in (self.n.draft, self.n.private):
            self.assertNotIn(page.url, text, f"{page.url} leaked through {where}")
        self.assertNotIn("rahasia", text.lower(), f"a hidden tag leaked through {where}")

    def test_drafts_and_private_articles_answer_404(self):
        for page in (self.n.draft, self.n.private):
            with self.subTest(page.title):
                self.assertNotIn(page.title, self.text(f"/api/v1/articles/{page.pk}", 404))

    def test_no_list_and_no_search_shows_them(self):
        for url in EVERY_LIST:
            with self.subTest(url):
                self.assert_hidden_absent(self.text(url), url)

    def test_no_article_links_to_them_in_related_baca_juga_or_body(self):
        # The seed's stored list and its editor's pins name the draft and the private article;
        # its body has a Baca Juga block to the draft.
        for page in (self.n.seed, self.n.older, self.n.economy, self.n.edited):
            with self.subTest(page.title):
                self.assert_hidden_absent(self.text(f"/api/v1/articles/{page.pk}"), page.title)

    def test_a_published_article_shows_its_published_version_not_the_draft(self):
        data = self.client.get(f"/api/v1/articles/{self.n.edited.pk}").json()
        self.assertEqual(data["title"], "Judul yang sudah terbit")
        self.assertEqual(data["lead"], "Banjir di Jakarta.")

    def test_unpublishing_an_article_takes_it_out_at_once(self):
        self.text(f"/api/v1/articles/{self.n.economy.pk}")
        self.text("/api/v1/articles")
        self.n.economy.unpublish()
        self.text(f"/api/v1/articles/{self.n.economy.pk}", 404)
        self.assertNotIn(self.n.economy.title, self.text("/api/v1/articles"))
        self.assertNotIn(self.n.economy.title, self.text("/api/v1/search?q=minyak"))
        self.assertNotIn(self.n.economy.title, self.text(f"/api/v1/articles/{self.n.seed.pk}"))

    def test_articles_of_an_unpublished_section_are_hidden(self):
        self.n.sections["Ekonomi"].unpublish()
        self.assertNotIn("ekonomi", [s["slug"] for s in self.client.get("/api/v1/sections").json()])
        self.text(f"/api/v1/articles/{self.n.economy.pk}", 404)
        for url in ["/api/v1/articles", "/api/v1/search?q=minyak", "/api/v1/tags"]:
            with self.subTest(url):
                self.assertNotIn("minyak", self.text(url).lower())

    def test_a_private_section_hides_everything_in_it(self):
        PageViewRestriction.objects.create(
            page=self.n.sections["Internasional"], restriction_type=PageViewRestriction.LOGIN
        )
        self.text(f"/api/v1/articles/{self.n.seed.pk}", 404)
        titles = self.text("/api/v1/articles?page_size=100")
        self.assertNotIn(self.n.seed.title, titles)
        self.assertNotIn(self.n.older.title, titles)
        self.assertIn(self.n.economy.title, titles)
        self.assertNotIn("internasional", self.text("/api/v1/sections"))

    def test_another_sites_articles_stay_on_that_site(self):
        from wagtail.models import Page, Site

        from warta.news.models import HomePage, SectionPage

        root = Page.get_first_root_node()
        other_home = root.add_child(instance=HomePage(title="Situs lain", slug="situs-lain"))
        Site.objects.create(hostname="lain.example", root_page=other_home)
        section = other_home.add_child(instance=SectionPage(title="Lokal", slug="lokal"))
        article = section.add_child(instance=ArticlePage(title="Berita situs lain", slug="b"))
        article.save_revision().publish()
        self.assertNotIn("Berita situs lain", self.text("/api/v1/articles"))
        self.text(f"/api/v1/articles/{article.pk}", 404)
        with self.settings(ALLOWED_HOSTS=["lain.example"]):
            other = self.client.get("/api/v1/articles", HTTP_HOST="lain.example").json()
        self.assertEqual([item["title"] for item in other["results"]], ["Berita situs lain"])
