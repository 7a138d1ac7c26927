"""An alias of a private article, placed in a public section, is as private as the article.

The API's scope decides by tree paths; an alias sits at its own path, in the public section, so
the scope must follow it to the page it copies.
"""

import json

from django.test import TestCase

from wagtail.models import PageViewRestriction

from tests.api.content import build_newsroom
from tests.news.factories import make_article, paragraphs


class PrivateAliasTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()
        economy = cls.n.sections["Ekonomi"]
        # One alias of an article restricted itself, one of an article in a private section.
        cls.alias = cls.n.private.create_alias(parent=economy, update_slug="salinan-pelanggan")
        members = make_article(
            cls.n.sections["Internasional"], title="Laporan khusus anggota", tags=["banjir"]
        )
        PageViewRestriction.objects.create(
            page=cls.n.sections["Internasional"], restriction_type=PageViewRestriction.LOGIN
        )
        cls.section_alias = members.create_alias(parent=economy, update_slug="salinan-anggota")
        # A public article whose body links to the alias as Baca Juga.
        cls.linking = make_article(
            economy,
            title="Berita yang menautkan",
            body=[paragraphs("Paragraf."), ("baca_juga", cls.alias), paragraphs("Lagi.")],
        )

    def text(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        data = response.json()
        if isinstance(data, dict):
            data.pop("query", None)
        return json.dumps(data, ensure_ascii=False)

    def assert_no_alias(self, text, where):
        for alias in (self.alias, self.section_alias):
            self.assertNotIn(alias.title, text, where)
            self.assertNotIn(alias.url, text, where)

    def test_aliases_of_private_articles_are_not_listed(self):
        for url in (
            "/api/v1/articles?page_size=100",
            "/api/v1/articles?section=ekonomi",
            "/api/v1/articles?tag=banjir",
            "/api/v1/search?q=pelanggan",
            "/api/v1/search?q=anggota",
        ):
            with self.subTest(url):
                self.assert_no_alias(self.text(url), url)
        self.assertIn("Harga minyak naik lagi", self.text("/api/v1/articles?section=ekonomi"))

    def test_aliases_of_private_articles_answer_404(self):
        for alias in (self.alias, self.section_alias):
            with self.subTest(alias.url):
                self.text(f"/api/v1/articles/{alias.pk}", 404)

    def test_no_article_links_to_the_alias(self):
        text = self.text(f"/api/v1/articles/{self.linking.pk}")
        self.assertIn("Berita yang menautkan", text)
        self.assert_no_alias(text, "body")
