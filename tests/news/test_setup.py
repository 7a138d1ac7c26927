from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Page, Site

from warta.news.models import HomePage, SectionPage

DEFAULT_SECTIONS = [
    "Umum",
    "Peristiwa",
    "Nasional",
    "Internasional",
    "Ekonomi",
    "Olahraga",
    "Teknologi",
]


class InitCommandTests(TestCase):
    def init(self, **env):
        out = StringIO()
        with self.settings(**env):
            call_command("init", stdout=out)
        return out.getvalue()

    def test_prepares_an_empty_site_once(self):
        self.assertTrue(Page.objects.filter(depth=2, title__icontains="welcome").exists())
        output = self.init()
        self.assertIn("7 new section(s)", output)
        self.assertIn("Asia/Jakarta", output)
        home = HomePage.objects.get()
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_page_id, home.pk)
        self.assertEqual(site.site_name, "Warta")
        self.assertEqual(
            list(SectionPage.objects.live().order_by("path").values_list("title", flat=True)),
            DEFAULT_SECTIONS,
        )
        self.assertFalse(Page.objects.filter(depth=2).exclude(pk=home.pk).exists())

        self.assertIn("0 new section(s)", self.init())
        self.assertEqual(HomePage.objects.count(), 1)
        self.assertEqual(SectionPage.objects.count(), 7)
        self.assertEqual(Site.objects.count(), 1)

    def test_site_name_comes_from_the_environment(self):
        self.init()
        with self.modify_env(WARTA_SITE_NAME="Kabar Makassar"):
            self.init()
        self.assertEqual(Site.objects.get().site_name, "Kabar Makassar")
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertContains(self.client.get("/"), "Kabar Makassar")

    def modify_env(self, **values):
        from unittest import mock

        return mock.patch.dict("os.environ", values)
