"""The admin's sign-in page and tab titles name the newsroom, in Indonesian."""

import re

from django.test import TestCase

from tests.news.factories import make_site

from .newsroom import make_newsroom


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


class SignInTests(TestCase):
    def test_the_sign_in_page_names_the_site_and_speaks_indonesian(self):
        make_site(site_name="Mercinews.com")
        html = self.client.get("/admin/login/").content.decode()
        self.assertEqual(title_of(html), "Masuk - Mercinews.com")
        self.assertIn("<h1>Masuk ke Mercinews.com</h1>", html)
        self.assertRegex(html, r'for="id_password"[^>]*>\s*Kata sandi<')
        visible = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
        self.assertNotIn("Password", visible)
        self.assertNotIn("Wagtail", visible.replace("Wagtail memerlukan JavaScript", ""))

    def test_admin_tab_titles_end_in_the_site_name(self):
        home, umum, intl, people = make_newsroom()
        self.client.force_login(people["citra"])
        for url in ("/admin/", f"/admin/pages/{umum.pk}/"):
            with self.subTest(url):
                title = title_of(self.client.get(url).content.decode())
                self.assertTrue(title.endswith("- Mercinews.com"), title)
