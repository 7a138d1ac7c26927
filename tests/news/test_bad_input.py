"""Articles missing parts, or with awkward text, render cleanly."""

import re

from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import make_article, make_site
from tests.news.pagetext import parse, visible_text


class AwkwardArticleTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Umum"]

    def render(self, article):
        response = self.client.get(article.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertNotIn("None", visible_text(parse(response)))
        page = parse(response)
        wrappers = page.xpath(
            "//main//*[self::p or self::figure or self::figcaption or self::ul"
            " or self::section or self::div][not(@role='status')]"
        )
        empty = [
            el.get("class") for el in wrappers if not visible_text(el) and not el.xpath(".//img")
        ]
        self.assertEqual(empty, [])
        self.assertNotIn('content=""', html)
        self.assertNotIn("Foto: </", html)
        return html, page

    def test_article_with_nothing_but_a_title(self):
        article = make_article(self.section, title="Hanya judul", body=[])
        html, page = self.render(article)
        self.assertEqual(page.xpath("//h1")[0].text_content(), "Hanya judul")
        for absent in ("article__figure", "article__body", "article__source", "article__initials"):
            self.assertNotIn(absent, html)
        self.assertNotIn("Baca Juga", html)

    def test_no_dateline_means_no_dangling_dash(self):
        article = make_article(
            self.section, dateline="", body=[("paragraph", RichText("<p>Isi.</p>"))]
        )
        html, _ = self.render(article)
        self.assertIn("<p>Isi.</p>", html)
        self.assertNotIn(" – ", html)

    def test_dateline_with_a_body_starting_with_an_image_goes_to_the_first_paragraph(self):
        from tests.news.factories import make_image

        body = [
            ("image", {"image": make_image(), "caption": "", "credit": ""}),
            ("paragraph", RichText("<p>Kalimat pembuka.</p>")),
        ]
        article = make_article(self.section, dateline="Jakarta", body=body)
        html, page = self.render(article)
        first = page.xpath("//div[@class='article__body']/p")[0]
        self.assertEqual(visible_text(first), "Jakarta, Mercinews.com – Kalimat pembuka.")

    def test_only_a_reporter_shows_single_initials(self):
        from tests.news.factories import make_reporter

        article = make_article(self.section, reporter=make_reporter("Ani", "an"))
        html, _ = self.render(article)
        self.assertIn("(an)", html)
        self.assertNotIn("(an/)", html)

    def test_source_without_original_url_is_plain_text(self):
        from tests.news.factories import make_source

        article = make_article(self.section, source=make_source("antaranews.com"))
        _, page = self.render(article)
        line = page.xpath("//p[@class='article__source']")[0]
        self.assertEqual(visible_text(line), "Sumber Berita : antaranews.com")
        self.assertFalse(line.xpath(".//a"))

    def test_longest_title_wagtail_accepts_renders_whole(self):
        title = ("Pemerintah mengumumkan kebijakan baru " * 10)[:255]
        article = make_article(self.section, title=title)
        html, page = self.render(article)
        self.assertEqual(page.xpath("//h1")[0].text_content(), title)
        self.assertIn(f"<title>{title} - Mercinews.com</title>", html)

    def test_a_300_character_title_is_refused_with_a_clear_message(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError) as refused:
            make_article(self.section, title="x" * 300)
        self.assertIn("255", str(refused.exception.message_dict["title"]))

    def test_emoji_and_right_to_left_text(self):
        title = "Banjir 🌊 di Jakarta — خبر عاجل <b>&</b>"
        body = [("paragraph", RichText("<p>مرحبا بالعالم 🎉 dan teks Indonesia.</p>"))]
        article = make_article(self.section, title=title, dateline="Kairo", body=body)
        html, page = self.render(article)
        self.assertEqual(page.xpath("//h1")[0].text_content(), title)
        self.assertNotIn("<b>&</b>", html)  # the title is text, not markup
        self.assertIn("مرحبا بالعالم 🎉", visible_text(page))
        self.assertTrue(re.search(r"Kairo, Mercinews\.com</span> – مرحبا", html))

    def test_unpublished_article_is_not_found(self):
        article = make_article(self.section, live=False)
        self.assertEqual(self.client.get(f"/umum/{article.slug}/").status_code, 404)

    def test_unknown_article_and_section_are_not_found(self):
        self.assertEqual(self.client.get("/umum/tidak-ada/").status_code, 404)
        self.assertEqual(self.client.get("/tidak-ada/").status_code, 404)
        self.assertEqual(self.client.get("/umum/?page=abc").status_code, 404)
        self.assertEqual(self.client.get("/umum/?page=999").status_code, 404)
