"""Review redaksi: a reporter submits, an editor of the section approves or asks for changes."""

from django.test import TestCase

from wagtail.models import WorkflowState

from warta.news.models import ArticlePage

from .newsroom import make_draft, make_newsroom


class ReviewWorkflowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def setUp(self):
        self.draft, _ = make_draft(self.umum, self.people["ani"], "Banjir di Jakarta Utara")
        self.workflow = self.draft.get_workflow()
        self.workflow.start(self.draft, self.people["ani"])  # what "Ajukan ke Review redaksi" does

    def action_url(self, action):
        task_state = self.draft.current_workflow_task_state
        return f"/admin/pages/workflow/action/{self.draft.pk}/{action}/{task_state.pk}/"

    def dashboard(self, name):
        self.client.force_login(self.people[name])
        return self.client.get("/admin/").content.decode()

    def test_articles_go_through_review_redaksi(self):
        self.assertEqual(self.workflow.name, "Review redaksi")
        self.assertTrue(self.workflow.active)

    def test_section_editor_approves_and_the_article_goes_live(self):
        self.client.force_login(self.people["citra"])
        response = self.client.post(self.action_url("approve"), {"comment": ""})
        self.assertNotEqual(response.status_code, 403)
        self.assertTrue(ArticlePage.objects.get(pk=self.draft.pk).live)

    def test_editor_of_another_section_cannot_approve(self):
        for name in ("dodi", "budi"):
            with self.subTest(user=name):
                self.client.force_login(self.people[name])
                response = self.client.post(self.action_url("approve"))
                self.assertIn(response.status_code, (302, 403))
                self.assertFalse(ArticlePage.objects.get(pk=self.draft.pk).live)

    def test_request_changes_sends_the_comment_to_the_reporter(self):
        self.client.force_login(self.people["citra"])
        self.client.post(self.action_url("reject"), {"comment": "Tambahkan keterangan BPBD."})
        state = WorkflowState.objects.get(object_id=str(self.draft.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertFalse(ArticlePage.objects.get(pk=self.draft.pk).live)
        ani = self.dashboard("ani")
        self.assertIn("Perubahan diminta", ani)
        self.assertIn("Tambahkan keterangan BPBD.", ani)
        self.assertNotIn("Tambahkan keterangan BPBD.", self.dashboard("budi"))

    def test_awaiting_review_shows_to_the_sections_editor_and_the_author(self):
        for name in ("citra", "ani"):
            with self.subTest(user=name):
                page = self.dashboard(name)
                self.assertIn("Menunggu review", page)
                self.assertIn("Banjir di Jakarta Utara", page)
        for name in ("dodi", "budi"):
            with self.subTest(user=name):
                self.assertNotIn("Banjir di Jakarta Utara", self.dashboard(name))

    def test_wire_drafts_panel_lists_drafts_with_a_source(self):
        from tests.news.factories import make_source

        self.draft.source = make_source("antaranews.com")
        self.draft.save_revision().save()
        ArticlePage.objects.filter(pk=self.draft.pk).update(source=self.draft.source)
        page = self.dashboard("citra")
        self.assertIn("Draf dari sumber berita", page)
        self.assertIn("antaranews.com", page)
