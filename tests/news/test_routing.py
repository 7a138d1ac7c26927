"""A URL leads to the one article it names: its section's, live, and nothing below it."""

from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import make_article, make_site


class RoutingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.umum, cls.dunia = sections["Umum"], sections["Internasional"]
        cls.here = make_article(cls.umum, title="Banjir di sini")
        cls.there = make_article(cls.dunia, title="Banjir di sana")
        cls.there.slug = cls.here.slug
        cls.there.save_revision().publish()

    def test_the_same_slug_in_two_sections_leads_to_each_sections_article(self):
        self.assertEqual(self.here.slug, self.there.slug)
        self.assertContains(self.client.get(f"/umum/{self.here.slug}/"), "Banjir di sini")
        self.assertContains(self.client.get(f"/internasional/{self.here.slug}/"), "Banjir di sana")

    def test_a_slug_only_another_section_has_is_not_found(self):
        only_there = make_article(self.dunia, title="Hanya di sana")
        self.assertEqual(self.client.get(f"/umum/{only_there.slug}/").status_code, 404)
        self.assertEqual(self.client.get(f"/internasional/{only_there.slug}/").status_code, 200)

    def test_drafts_and_paths_below_an_article_are_not_found(self):
        draft = make_article(self.umum, title="Belum terbit", live=False)
        self.assertEqual(self.client.get(f"/umum/{draft.slug}/").status_code, 404)
        self.assertEqual(self.client.get(f"/umum/{self.here.slug}/lagi/").status_code, 404)
        self.assertEqual(self.client.get("/tidak-ada/apa-apa/").status_code, 404)
