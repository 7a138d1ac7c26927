"""Safeguards before publishing, through the admin's own forms: body, lead, photo, past times."""

from datetime import timedelta

from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.news.factories import make_article, make_image
from warta.news.dates import site_zone
from warta.news.models import ArticlePage

from .forms import add_url, new_article_data
from .newsroom import make_draft, make_newsroom
from .test_corrections import edit_data

EMPTY_BODY = nested_form_data({"body": streamfield([])})


class PublishingSafeguardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def setUp(self):
        self.client.force_login(self.people["citra"])

    def post_new(self, action, **changes):
        data = new_article_data(self.people["citra"], "Harga cabai melonjak", action=action)
        return self.client.post(add_url(self.umum), data | changes)

    def test_an_article_without_a_body_is_not_published(self):
        response = self.post_new("publish", **EMPTY_BODY)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tulis isi berita sebelum menerbitkannya.", response.content.decode())
        self.assertFalse(ArticlePage.objects.filter(live=True, title__contains="cabai").exists())

    def test_a_draft_without_a_body_is_still_saved(self):
        response = self.post_new(None, **EMPTY_BODY)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ArticlePage.objects.get(title="Harga cabai melonjak").live)

    def test_an_article_with_a_body_is_published(self):
        self.assertEqual(self.post_new("publish").status_code, 302)
        self.assertTrue(ArticlePage.objects.get(title="Harga cabai melonjak").live)

    def test_approving_asks_for_a_body_too(self):
        draft, _ = make_draft(self.umum, self.people["ani"], "Banjir rob di Muara Baru")
        draft.get_workflow().start(draft, self.people["ani"])
        state = WorkflowState.objects.get(object_id=str(draft.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}
        data = edit_data(draft, self.people["citra"]) | EMPTY_BODY | approve
        del data["action-publish"]
        response = self.client.post(f"/admin/pages/{draft.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tulis isi berita sebelum menerbitkannya.", response.content.decode())
        self.assertFalse(ArticlePage.objects.get(pk=draft.pk).live)

        data = edit_data(draft, self.people["citra"]) | approve
        del data["action-publish"]
        self.assertEqual(self.client.post(f"/admin/pages/{draft.pk}/edit/", data).status_code, 302)
        self.assertTrue(ArticlePage.objects.get(pk=draft.pk).live)

    @override_settings(WARTA_PUBLISH_REQUIRES=["lead", "photo"])
    def test_a_site_may_require_a_lead_and_a_photo(self):
        page = self.post_new("publish").content.decode()
        self.assertIn("tanpa ringkasan", page)
        self.assertIn("tanpa foto utama", page)
        photo = make_image("Pasar Induk")
        response = self.post_new(
            "publish", lead="Harga naik dua kali lipat.", featured_image=photo.pk
        )
        self.assertEqual(response.status_code, 302)

    def test_a_section_is_required_an_article_cannot_be_added_elsewhere(self):
        response = self.client.get(add_url(self.home))
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertFalse(ArticlePage.objects.child_of(self.home).exists())


class PastGoLiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def setUp(self):
        self.client.force_login(self.people["citra"])
        article = make_article(self.umum, title="Rapat DPR", live=False)
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=None)
        self.article = ArticlePage.objects.get(pk=article.pk)
        self.yesterday = (
            (timezone.now() - timedelta(days=1))
            .astimezone(site_zone())
            .replace(second=0, microsecond=0)
        )

    def publish(self, **changes):
        data = edit_data(self.article, self.people["citra"])
        data["go_live_at"] = self.yesterday.strftime("%Y-%m-%d %H:%M")
        return self.client.post(f"/admin/pages/{self.article.pk}/edit/", data | changes)

    def test_a_past_go_live_time_is_questioned_not_replaced_by_now(self):
        response = self.publish()
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("sudah lewat", page)
        self.assertIn(self.yesterday.strftime("%H:%M"), page)
        self.assertFalse(ArticlePage.objects.get(pk=self.article.pk).live)

    def test_back_dating_publishes_now_dated_at_the_go_live_time(self):
        self.assertEqual(self.publish(backdate="on").status_code, 302)
        article = ArticlePage.objects.get(pk=self.article.pk)
        self.assertTrue(article.live)
        self.assertEqual(article.first_published_at, self.yesterday)
        self.assertIsNone(article.go_live_at)


class EditorFieldTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def test_the_title_shows_its_limit_and_the_picker_steps_by_minutes_in_wib(self):
        self.client.force_login(self.people["citra"])
        page = self.client.get(add_url(self.umum)).content.decode()
        self.assertIn('data-warta-count="255"', page)
        self.assertIn("dari %(limit)s karakter", page)
        self.assertIn("newsroom/js/counter.js", page)
        self.assertIn('initDateTimeChooser("id_go_live_at"', page)
        chooser = page.split('initDateTimeChooser("id_go_live_at"', 1)[1].split(")", 1)[0]
        self.assertIn('"step": 5', chooser)
        self.assertIn("(WIB)", page.split('for="id_go_live_at"', 1)[1][:200])
