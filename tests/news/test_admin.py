"""Editors write and preview a whole article in the admin, in Bahasa Indonesia."""

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from wagtail.embeds.finders.base import EmbedFinder
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from tests.news.factories import (
    body_form_data,
    make_article,
    make_image,
    make_reporter,
    make_site,
    make_source,
)
from warta.news.models import ArticlePage, HomePage, SectionPage


class LocalVideoFinder(EmbedFinder):
    """Answers oEmbed for one test URL without the network."""

    def accept(self, url):
        return url.startswith("https://video.example/")

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "Video uji",
            "type": "video",
            "html": '<iframe title="Video uji" src="https://video.example/embed/1"></iframe>',
            "width": 640,
            "height": 360,
            "provider_name": "Video",
            "author_name": "",
            "thumbnail_url": "",
        }


@override_settings(WAGTAILEMBEDS_FINDERS=[{"class": "tests.news.test_admin.LocalVideoFinder"}])
class ArticleEditingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Internasional"]
        cls.other = make_article(cls.section, title="Dinas Rahasia AS melenyapkan penembak")
        cls.image = make_image("Lavrov dan Taliban", 1600, 900)
        cls.reporter = make_reporter("Muhammad Rizki", "m")
        cls.editor = make_reporter("Cut Indah", "ci")
        cls.source = make_source("interfax.ru")
        cls.user = get_user_model().objects.create_superuser(
            "redaktur", "r@example.com", "rahasia-123"
        )

    def setUp(self):
        self.client.force_login(self.user)

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=("news", "articlepage", self.section.pk))

    def article_form(self):
        response = self.client.get(self.add_url())
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
        fields = {
            "title": "Putin menyebut Taliban sekutu Rusia",
            "slug": "putin-menyebut-taliban-sekutu-rusia",
            "lead": "Presiden Rusia menyebut Taliban sekutu dalam perang melawan terorisme.",
            "dateline": "Astana",
            "featured_image": str(self.image.pk),
            "featured_caption": "Menteri Luar Negeri Rusia Sergei Lavrov dan perwakilan Taliban.",
            "featured_credit": "Kementerian Luar Negeri Rusia",
            "reporter": str(self.reporter.pk),
            "editor": str(self.editor.pk),
            "tags": "Taliban, Rusia",
            "source": str(self.source.pk),
            "original_url": "https://www.interfax.ru/world/1",
            "first_published_at": "2024-07-04 21:53",
        }
        blocks = [
            ("paragraph", rich_text("<p>Taliban menguasai Afghanistan.</p><p>Kedua.</p>")),
            (
                "image",
                {"image": str(self.image.pk), "caption": "Presiden Rusia", "credit": "Kremlin"},
            ),
            ("quote", {"text": "Taliban adalah sekutu kami.", "attribution": "Vladimir Putin"}),
            ("embed", "https://video.example/watch/1"),
            ("baca_juga", str(self.other.pk)),
            ("paragraph", rich_text("<p>Ketiga.</p>")),
        ]
        data.update(fields)
        data.update(body_form_data(blocks))
        return data

    def test_admin_speaks_indonesian(self):
        response = self.client.get(self.add_url())
        self.assertContains(response, 'lang="id"')
        for label in ("Simpan draf", "Ringkasan", "Tempat berita", "Foto utama", "Sumber berita"):
            self.assertContains(response, label)

    def test_page_tree_rules(self):
        self.assertCanCreateAt(HomePage, SectionPage)
        self.assertCanCreateAt(SectionPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(SectionPage, SectionPage)

    def test_editor_creates_an_article_with_every_field_and_publishes_it(self):
        data = self.article_form()
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url(), data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        article = ArticlePage.objects.get(slug="putin-menyebut-taliban-sekutu-rusia")
        self.assertTrue(article.live)
        self.assertEqual(
            [block.block_type for block in article.body],
            ["paragraph", "image", "quote", "embed", "baca_juga", "paragraph"],
        )
        self.assertEqual(sorted(t.name for t in article.tags.all()), ["Rusia", "Taliban"])
        self.assertEqual((article.reporter, article.editor), (self.reporter, self.editor))
        self.assertEqual(article.featured_image, self.image)

        page = self.client.get(article.url)
        self.assertContains(page, "Kamis, 4 Juli 2024 - 21:53 WIB")
        self.assertContains(page, "Astana, Mercinews.com</span> – Taliban menguasai")
        self.assertContains(page, "Foto: Kementerian Luar Negeri Rusia")
        self.assertContains(page, "Taliban adalah sekutu kami.")
        self.assertContains(page, 'src="https://video.example/embed/1"')
        self.assertContains(page, "Baca Juga:")
        self.assertContains(page, "(m/ci)")
        self.assertContains(page, "Sumber Berita : ")

    def test_editor_previews_an_unsaved_article(self):
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("news", "articlepage", self.section.pk)
        )
        response = self.client.post(preview_url, self.article_form())
        self.assertEqual(response.json(), {"is_valid": True, "is_available": True})
        preview = self.client.get(preview_url)
        self.assertContains(preview, "Putin menyebut Taliban sekutu Rusia")
        self.assertContains(preview, "Astana, Mercinews.com</span> – Taliban menguasai")
        self.assertFalse(
            ArticlePage.objects.filter(slug="putin-menyebut-taliban-sekutu-rusia").exists()
        )
