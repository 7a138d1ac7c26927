"""Review feedback where people look: the comment atop the article, one resubmit, clear messages."""

import json

from django.test import TestCase

from wagtail.models import WorkflowState

from warta.news.models import ArticlePage

from .newsroom import make_draft, make_newsroom
from .test_corrections import edit_data

COMMENT = "Tambahkan keterangan BPBD soal jumlah pengungsi."


class ReviewFeedbackTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def setUp(self):
        self.draft, _ = make_draft(self.umum, self.people["ani"], "Banjir di Jakarta Utara")
        self.draft.get_workflow().start(self.draft, self.people["ani"])
        self.edit_url = f"/admin/pages/{self.draft.pk}/edit/"

    def review(self, action, comment=""):
        """Post the editor's review from the article editor, as its action menu does."""
        self.client.force_login(self.people["citra"])
        draft = ArticlePage.objects.get(pk=self.draft.pk)
        data = edit_data(draft, self.people["citra"])
        del data["action-publish"]
        data |= {
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment}),
        }
        return self.client.post(self.edit_url, data, follow=True).content.decode()

    def test_asking_for_changes_says_so_not_updated(self):
        page = self.review("reject", COMMENT)
        self.assertIn("Perubahan diminta untuk “Banjir di Jakarta Utara”", page)
        self.assertNotIn("telah diperbarui", page)
        state = WorkflowState.objects.get(object_id=str(self.draft.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)

    def test_the_reporter_sees_the_comment_atop_the_article_and_one_resubmit(self):
        self.review("reject", COMMENT)
        self.client.force_login(self.people["ani"])
        page = self.client.get(self.edit_url).content.decode()
        messages = page.split('class="messages', 1)[1].split("</ul>", 1)[0]
        self.assertIn("citra meminta perubahan", messages)
        self.assertIn(COMMENT, messages)
        self.assertIn("Ajukan ulang", messages)
        self.assertIn("Draf: perubahan diminta", page)
        self.assertNotIn("Dalam Moderasi", page)
        self.assertIn("Ajukan ulang ke Review editor rubrik", page)
        self.assertNotIn("action-restart-workflow", page)

    def test_approving_says_so_and_links_to_the_live_article(self):
        page = self.review("approve")
        article = ArticlePage.objects.get(pk=self.draft.pk)
        self.assertTrue(article.live)
        self.assertIn("“Banjir di Jakarta Utara” disetujui dan sudah tayang.", page)
        self.assertIn(f'href="{article.url}"', page)
        self.assertIn("Lihat yang tayang", page)
        self.assertNotIn("telah diperbarui", page)
