"""A person and their byline: created with the user, linked to the account, slug from the name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase

from tests.news.factories import make_article
from warta.news.models import Reporter
from warta.newsroom.roles import REPORTER

from .newsroom import make_newsroom


class BylineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.admin = get_user_model().objects.create_superuser("pemred", "pemred@example.com", "x")

    def setUp(self):
        self.client.force_login(self.admin)

    def create_user(self, username, first, last):
        data = {
            "username": username,
            "email": f"{username}@example.com",
            "first_name": first,
            "last_name": last,
            "password1": "kata-sandi-panjang-2026",
            "password2": "kata-sandi-panjang-2026",
            "groups": [Group.objects.get(name=REPORTER).pk],
            "is_active": "on",
        }
        return self.client.post("/admin/users/new/", data, follow=True)

    def test_creating_a_user_creates_their_linked_byline(self):
        response = self.create_user("rizki", "Muhammad", "Rizki")
        self.assertEqual(response.status_code, 200)
        user = get_user_model().objects.get(username="rizki")
        byline = Reporter.objects.get(user=user)
        self.assertEqual(byline.full_name, "Muhammad Rizki")
        self.assertEqual(byline.slug, "muhammad-rizki")
        self.assertEqual(byline.initials, "mr")
        page = response.content.decode()
        self.assertIn("Nama penulis “Muhammad Rizki” (mr) dibuat", page)
        self.assertIn(f"/admin/snippets/news/reporter/edit/{byline.pk}/", page)

    def test_the_same_name_twice_gets_a_free_address(self):
        self.create_user("rizki", "Muhammad", "Rizki")
        self.create_user("rizki2", "Muhammad", "Rizki")
        slugs = sorted(Reporter.objects.values_list("slug", flat=True))
        self.assertEqual(slugs, ["muhammad-rizki", "muhammad-rizki-2"])

    def test_a_byline_added_by_hand_needs_no_typed_slug(self):
        data = {"full_name": "Rahmat Aulia", "slug": "", "initials": "ra", "bio": ""}
        response = self.client.post("/admin/snippets/news/reporter/add/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[-2000:])
        self.assertEqual(Reporter.objects.get(full_name="Rahmat Aulia").slug, "rahmat-aulia")

    def test_the_editor_byline_chooser_asks_for_the_editor(self):
        article = make_article(self.umum, title="Harga beras naik")
        page = self.client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
        self.assertIn("Pilih editor", page)
