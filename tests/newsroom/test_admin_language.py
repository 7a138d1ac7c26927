"""The admin pages an editor opens speak Indonesian, in their text, aria labels and tooltips."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from tests.news.factories import make_article

from .admin_text import foreign_words
from .newsroom import make_draft, make_newsroom


class AdminLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.article = make_article(cls.umum, title="Harga beras naik", tags=["beras"])
        cls.draft, _ = make_draft(cls.umum, cls.people["ani"], "Banjir di Jakarta Utara")
        cls.admin = get_user_model().objects.create_superuser("pemred", "pemred@example.com", "x")

    def assert_indonesian(self, user, urls):
        if user is None:
            self.client.logout()
        else:
            self.client.force_login(user)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(foreign_words(response.content.decode()), [])

    def test_the_editors_pages(self):
        self.assert_indonesian(
            self.people["citra"],
            [
                "/admin/",
                f"/admin/pages/{self.umum.pk}/",
                f"/admin/pages/{self.article.pk}/edit/",
                f"/admin/pages/{self.draft.pk}/edit/",
                f"/admin/pages/add/news/articlepage/{self.umum.pk}/",
                "/admin/pages/search/?q=beras",
                f"/admin/pages/{self.article.pk}/history/",
            ],
        )

    def test_the_admins_people_pages(self):
        self.assert_indonesian(
            self.admin,
            ["/admin/users/", "/admin/users/new/", "/admin/snippets/news/reporter/"],
        )

    def test_the_sign_in_page(self):
        self.assert_indonesian(None, ["/admin/login/"])
