"""Who may see, edit and publish what: reporters their own drafts, editors their sections."""

from django.test import TestCase

from .newsroom import make_draft, make_newsroom


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.draft, cls.revision = make_draft(
            cls.umum, cls.people["ani"], "Draf Ani soal banjir", "Kalimat rahasia Ani."
        )

    def as_user(self, name):
        self.client.force_login(self.people[name])
        return self.client

    def draft_urls(self):
        pk, rev = self.draft.pk, self.revision.pk
        return [
            f"/admin/pages/{pk}/edit/",
            f"/admin/pages/{pk}/edit/preview/",
            f"/admin/pages/{pk}/view_draft/",
            f"/admin/pages/{pk}/revisions/{rev}/view/",
            f"/admin/pages/{pk}/history/",
            f"/admin/pages/{pk}/revisions/compare/earliest...latest/",
            f"/admin/pages/{pk}/workflow_history/",
        ]

    def test_reporter_cannot_reach_a_colleagues_draft_by_any_url(self):
        client = self.as_user("budi")
        for url in self.draft_urls():
            response = client.get(url)
            with self.subTest(url=url):
                self.assertIn(response.status_code, (302, 403))
                self.assertNotIn("Kalimat rahasia Ani", response.content.decode())

    def test_owner_and_section_editor_reach_the_draft(self):
        for name in ("ani", "citra"):
            client = self.as_user(name)
            with self.subTest(user=name):
                response = client.get(f"/admin/pages/{self.draft.pk}/view_draft/")
                self.assertEqual(response.status_code, 200)
                self.assertIn("Kalimat rahasia Ani", response.content.decode())

    def test_editor_of_another_section_cannot_reach_the_draft(self):
        client = self.as_user("dodi")
        for url in self.draft_urls():
            with self.subTest(url=url):
                self.assertIn(client.get(url).status_code, (302, 403))

    def test_explorer_hides_colleagues_drafts_from_reporters_only(self):
        url = f"/admin/pages/{self.umum.pk}/"
        self.assertNotIn("Draf Ani soal banjir", self.as_user("budi").get(url).content.decode())
        self.assertIn("Draf Ani soal banjir", self.as_user("ani").get(url).content.decode())
        self.assertIn("Draf Ani soal banjir", self.as_user("citra").get(url).content.decode())

    def test_admin_search_and_page_chooser_hide_colleagues_drafts(self):
        for url in ("/admin/pages/search/?q=banjir", "/admin/choose-page/search/?q=banjir"):
            with self.subTest(url=url):
                self.assertNotIn(
                    "Draf Ani soal banjir", self.as_user("budi").get(url).content.decode()
                )
                self.assertIn("Draf Ani soal banjir", self.as_user("ani").get(url).content.decode())
                self.assertIn(
                    "Draf Ani soal banjir", self.as_user("citra").get(url).content.decode()
                )

    def test_reporter_cannot_publish_even_own_draft(self):
        permissions = self.draft.permissions_for_user(self.people["ani"])
        self.assertTrue(permissions.can_edit())
        self.assertFalse(permissions.can_publish())
        edit = f"/admin/pages/{self.draft.pk}/edit/"
        self.assertNotIn('name="action-publish"', self.as_user("ani").get(edit).content.decode())
        self.assertIn('name="action-submit"', self.as_user("ani").get(edit).content.decode())
        self.assertIn('name="action-publish"', self.as_user("citra").get(edit).content.decode())

    def test_reporter_and_editor_create_only_in_their_sections(self):
        add = "/admin/pages/add/news/articlepage/{}/"
        self.assertEqual(self.as_user("ani").get(add.format(self.umum.pk)).status_code, 200)
        self.assertIn(self.as_user("ani").get(add.format(self.intl.pk)).status_code, (302, 403))
        self.assertEqual(self.as_user("dodi").get(add.format(self.intl.pk)).status_code, 200)
        self.assertIn(self.as_user("dodi").get(add.format(self.umum.pk)).status_code, (302, 403))

    def test_editor_publishes_only_in_own_section(self):
        self.assertTrue(self.draft.permissions_for_user(self.people["citra"]).can_publish())
        self.assertFalse(self.draft.permissions_for_user(self.people["dodi"]).can_publish())
        self.assertFalse(self.draft.permissions_for_user(self.people["dodi"]).can_edit())

    def test_new_section_gets_its_own_groups(self):
        from django.contrib.auth.models import Group

        from warta.news.models import SectionPage

        self.home.add_child(instance=SectionPage(title="Olahraga", slug="olahraga"))
        names = set(Group.objects.values_list("name", flat=True))
        self.assertLessEqual({"Reporter · Olahraga", "Editor · Olahraga"}, names)

    def test_admin_group_may_do_everything_everywhere(self):
        from warta.newsroom.roles import ADMIN

        from .newsroom import make_user

        admin = make_user("eka", ADMIN)
        self.assertTrue(self.draft.permissions_for_user(admin).can_publish())
        self.client.force_login(admin)
        self.assertEqual(self.client.get("/admin/users/").status_code, 200)
        self.assertEqual(self.client.get(f"/admin/pages/{self.draft.pk}/edit/").status_code, 200)
