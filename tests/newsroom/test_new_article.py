"""A new article whose address is taken: a free one is chosen and the editor is told."""

from unittest import mock

from django.test import TestCase

from tests.news.factories import make_article
from warta.news.models import ArticlePage
from warta.newsroom.forms import ArticlePageForm

from .forms import add_url, new_article_data
from .newsroom import make_newsroom


class TakenAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def setUp(self):
        self.client.force_login(self.people["citra"])

    def slugs(self):
        return sorted(ArticlePage.objects.child_of(self.umum).values_list("slug", flat=True))

    def test_starting_the_same_story_again_takes_the_next_free_address(self):
        make_article(self.umum, title="Banjir Jakarta", slug="banjir-jakarta", live=False)
        data = new_article_data(self.people["citra"], "Banjir Jakarta")
        response = self.client.post(add_url(self.umum), data, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.slugs(), ["banjir-jakarta", "banjir-jakarta-2"])
        page = response.content.decode()
        self.assertIn("banjir-jakarta-2", page)
        self.assertIn("sudah dipakai artikel lain", page)
        self.assertNotIn("is already in use", page)

    def test_scheduling_while_autosave_creates_the_page_is_no_error(self):
        """The twin appears after the form's check, as when autosave commits it meanwhile."""
        is_valid = ArticlePageForm.is_valid

        def autosave_commits_meanwhile(form):
            valid = is_valid(form)
            if form.instance.pk is None and not self.slugs():
                make_article(self.umum, title="Gempa Cianjur", slug="gempa-cianjur", live=False)
            return valid

        data = new_article_data(
            self.people["citra"], "Gempa Cianjur", go_live_at="2030-01-02 08:15"
        )
        with mock.patch.object(ArticlePageForm, "is_valid", autosave_commits_meanwhile):
            response = self.client.post(add_url(self.umum), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.slugs(), ["gempa-cianjur", "gempa-cianjur-2"])
        scheduled = ArticlePage.objects.get(slug="gempa-cianjur-2")
        self.assertEqual(scheduled.get_latest_revision_as_object().go_live_at.minute, 15)

    def test_a_click_after_autosave_created_the_page_saves_that_page(self):
        data = new_article_data(self.people["citra"], "Gempa Cianjur")
        autosave = self.client.post(
            add_url(self.umum), data, headers={"Accept": "application/json"}
        )
        self.assertEqual(autosave.json()["success"], True)
        schedule = data | {"go_live_at": "2030-01-02 08:15"}
        response = self.client.post(add_url(self.umum), schedule, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.slugs(), ["gempa-cianjur"])
        page = ArticlePage.objects.get(slug="gempa-cianjur")
        self.assertEqual(page.get_latest_revision_as_object().go_live_at.minute, 15)
