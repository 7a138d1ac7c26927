"""The editor's preview: a readers' page the admin may frame, with the checks panel fed."""

from django.contrib.auth import get_user_model
from django.test import TestCase

import pytest

from tests.news.factories import make_article
from warta.news.models import ArticlePage, HomePage, SectionPage

from .browser import sign_in
from .newsroom import make_newsroom
from .test_corrections import edit_data


class PreviewPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.article = make_article(cls.umum, title="Harga beras naik")

    def preview(self, page, data):
        url = f"/admin/pages/{page.pk}/edit/preview/"
        self.assertEqual(self.client.post(url, data).json()["is_valid"], True)
        return self.client.get(url)

    def test_every_page_type_may_be_framed_by_the_admin(self):
        admin = get_user_model().objects.create_superuser("pemred", "pemred@example.com", "x")
        self.client.force_login(admin)
        article = ArticlePage.objects.get(pk=self.article.pk)
        no_stories = {"secondary_stories-TOTAL_FORMS": "0", "secondary_stories-INITIAL_FORMS": "0"}
        pages = {
            "article": (article, edit_data(article, admin)),
            "section": (
                SectionPage.objects.get(pk=self.umum.pk),
                {"title": "Umum", "slug": "umum"},
            ),
            "home": (HomePage.objects.get(pk=self.home.pk), {"title": "Beranda"} | no_stories),
        }
        for kind, (page, data) in pages.items():
            with self.subTest(kind):
                response = self.preview(page, data)
                self.assertEqual(response.status_code, 200)
                policy = response["Content-Security-Policy"]
                self.assertIn("frame-ancestors 'self'", policy)
                self.assertNotIn("'none'", policy.split("frame-ancestors")[1].split(";")[0])
                self.assertNotEqual(response.get("X-Frame-Options"), "DENY")

    def test_readers_pages_still_refuse_every_frame(self):
        response = self.client.get(self.article.url)
        self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])
        self.assertNotIn("wagtail-userbar", response.content.decode())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_phone_preview_renders_inside_the_editor_and_feeds_the_checks(chromium, live_server):
    home, umum, intl, people = make_newsroom()
    article = make_article(umum, title="Harga beras naik di Pasar Induk")
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = sign_in(context, live_server.url, "citra")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("h1").filter(has_text="Harga beras naik di Pasar Induk").wait_for()
    page.locator("[data-side-panel-toggle='checks']").click()
    words = page.locator("[data-content-word-count]")
    page.wait_for_function(
        "() => document.querySelector('[data-content-word-count]').textContent.trim() !== '-'"
    )
    assert int(words.inner_text().split()[0]) > 0
    context.close()
