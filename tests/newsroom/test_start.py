"""Where an editor starts: "Tulis berita" on the dashboard asks for the section."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from .newsroom import make_newsroom


class WriteArticleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def test_the_dashboard_offers_tulis_berita_which_asks_for_the_section(self):
        self.client.force_login(self.people["ani"])
        dashboard = self.client.get("/admin/").content.decode()
        self.assertIn("Tulis berita", dashboard)
        self.assertIn('href="/admin/pages/create/news/articlepage"', dashboard)
        # A reporter of one section goes straight to a new article there.
        self.assertRedirects(
            self.client.get("/admin/pages/create/news/articlepage"),
            f"/admin/pages/add/news/articlepage/{self.umum.pk}/",
            fetch_redirect_response=False,
        )

    def test_someone_of_several_sections_is_asked_which(self):
        admin = get_user_model().objects.create_superuser("pemred", "pemred@example.com", "x")
        self.client.force_login(admin)
        self.assertEqual(self.client.get("/admin/pages/create/news/articlepage").status_code, 200)
        response = self.client.post(
            "/admin/pages/create/news/articlepage", {"parent_page": self.umum.pk}
        )
        self.assertRedirects(
            response,
            f"/admin/pages/add/news/articlepage/{self.umum.pk}/",
            fetch_redirect_response=False,
        )
