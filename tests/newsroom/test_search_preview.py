"""The article editor's search-result preview: what Google would show, as the editor types."""

import html

from django.test import TestCase

import pytest

from tests.news.factories import make_article

from .browser import sign_in
from .newsroom import make_newsroom

LONG_TITLE = (
    "Banjir rob merendam ribuan rumah warga di pesisir utara Jakarta sejak Minggu pagi hingga malam"
)
LONG_DESCRIPTION = (
    "Air laut pasang setinggi satu meter merendam permukiman di Muara Angke, Kamal Muara dan "
    "Penjaringan; BPBD DKI Jakarta mencatat 10.000 warga mengungsi ke masjid dan sekolah terdekat "
    "sementara pompa air dikerahkan sepanjang malam."
)


class SearchPreviewPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.article = make_article(
            cls.umum,
            title="Harga beras naik di Pasar Induk",
            slug="harga-beras-naik",
            lead="Harga beras medium naik Rp1.000 per kilogram dalam sepekan.",
        )

    def edit_page(self):
        self.client.force_login(self.people["citra"])
        response = self.client.get(f"/admin/pages/{self.article.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        return html.unescape(response.content.decode())

    def readers_head(self):
        text = html.unescape(self.client.get(self.article.url).content.decode())
        title = text.split("<title>")[1].split("</title>")[0]
        description = text.split('<meta name="description" content="')[1].split('"')[0]
        return title, description

    def test_the_edit_page_shows_the_result_as_the_readers_page_describes_it(self):
        title, description = self.readers_head()
        page = self.edit_page()
        self.assertIn("Pratinjau hasil penelusuran", page)
        self.assertIn("newsroom/js/search-preview.js", page)
        self.assertIn("Harga beras naik di Pasar Induk - ", title)
        self.assertIn(f"data-warta-serp-title>{title}<", page)
        # Without a search description the lead is the description, as on the readers' page.
        self.assertIn("Harga beras medium naik", description)
        self.assertIn(f"data-warta-serp-description>{description}<", page)
        self.assertIn("umum › harga-beras-naik<", page)

    def test_the_seo_title_and_search_description_come_first_cut_as_google_cuts(self):
        self.article.seo_title = LONG_TITLE
        self.article.search_description = LONG_DESCRIPTION
        self.article.save()
        page = self.edit_page()
        title = page.split("data-warta-serp-title>")[1].split("<")[0]
        description = page.split("data-warta-serp-description>")[1].split("<")[0]
        self.assertTrue(title.startswith("Banjir rob merendam ribuan rumah"))
        self.assertTrue(title.endswith("…"))
        self.assertLessEqual(len(title), 60)
        self.assertTrue(description.startswith("Air laut pasang"))
        self.assertTrue(description.endswith("…"))
        self.assertLessEqual(len(description), 158)
        self.assertNotIn("Harga beras medium", description)

    def test_a_new_article_shows_its_section_address_and_asks_for_a_title(self):
        self.client.force_login(self.people["citra"])
        response = self.client.get(f"/admin/pages/add/news/articlepage/{self.umum.pk}/")
        self.assertEqual(response.status_code, 200)
        page = html.unescape(response.content.decode())
        self.assertIn("data-warta-serp-url>localhost › umum<", page)
        self.assertIn("data-warta-serp-title>Ketik judul untuk melihat hasilnya<", page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_search_preview_follows_the_title_and_description_as_they_are_typed(
    chromium, live_server
):
    home, umum, intl, people = make_newsroom()
    article = make_article(umum, title="Harga beras naik", lead="Harga beras naik sepekan.")
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = sign_in(context, live_server.url, "citra")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator("#id_title").fill(LONG_TITLE)
    page.get_by_role("tab", name="Promosikan").click()
    page.locator("#id_search_description").fill(LONG_DESCRIPTION)
    preview = page.locator("[data-warta-serp]")
    assert "Pratinjau hasil penelusuran" in page.locator("main").inner_text()
    title = preview.locator("[data-warta-serp-title]")
    description = preview.locator("[data-warta-serp-description]")
    title.filter(has_text="Banjir rob merendam").wait_for()
    description.filter(has_text="Air laut pasang").wait_for()
    shown_title, shown_description = title.inner_text(), description.inner_text()
    assert shown_title.endswith("…") and len(shown_title) <= 60, shown_title
    assert LONG_TITLE.startswith(shown_title[:-1].rstrip())
    assert shown_description.endswith("…") and len(shown_description) <= 158, shown_description
    assert LONG_DESCRIPTION.startswith(shown_description[:-1].rstrip())
    assert preview.is_visible()
    context.close()
