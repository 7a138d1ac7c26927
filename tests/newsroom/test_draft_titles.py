"""A colleague's draft title stays unseen on every admin screen that lists pages.

The explorer hid reporters' colleagues' drafts, but the admin API behind the explorer menu
(`?child_of=` without `for_explorer`), the site history report and the missed-schedule panel
listed them to anyone signed in.
"""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from .newsroom import make_draft, make_newsroom

DRAFT = "Draf Ani soal banjir"
MISSED = "Draf Internasional yang terlewat"


class DraftTitleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.draft, _ = make_draft(cls.umum, cls.people["ani"], DRAFT)
        missed, revision = make_draft(cls.intl, cls.people["dodi"], MISSED)
        revision.approved_go_live_at = timezone.now() - timedelta(hours=1)
        revision.save(update_fields=["approved_go_live_at"])

    def page(self, name, url):
        self.client.force_login(self.people[name])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def test_admin_api_lists_a_colleagues_draft_to_no_reporter(self):
        url = f"/admin/api/main/pages/?child_of={self.umum.pk}"
        self.assertNotIn(DRAFT, self.page("budi", url))
        self.assertNotIn(DRAFT, self.page("budi", "/admin/api/main/pages/?search=banjir"))
        for name in ("ani", "citra"):
            self.assertIn(DRAFT, self.page(name, url))

    def test_admin_api_detail_of_a_colleagues_draft_is_not_found(self):
        self.client.force_login(self.people["budi"])
        response = self.client.get(f"/admin/api/main/pages/{self.draft.pk}/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(DRAFT, response.content.decode())

    def test_site_history_shows_no_colleagues_draft(self):
        self.assertNotIn(DRAFT, self.page("budi", "/admin/reports/site-history/"))
        self.assertIn(DRAFT, self.page("ani", "/admin/reports/site-history/"))

    def test_missed_schedule_panel_shows_only_the_editors_sections(self):
        self.assertNotIn(MISSED, self.page("citra", "/admin/"))
        self.assertIn(MISSED, self.page("dodi", "/admin/"))
