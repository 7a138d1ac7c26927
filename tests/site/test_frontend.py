"""The front-end budget: one CSS file, a few KB of deferred JS, nothing from elsewhere."""

import gzip
import re
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.test import TestCase

from tests.news.pagetext import parse
from warta.demo.content import SEED
from warta.demo.loader import load_demo
from warta.news.models import ArticlePage, Reporter

BUDGET = 40 * 1024  # article page HTML + CSS + JS, compressed


def static_text(path):
    return open(finders.find(path), encoding="utf-8").read()


def compressed_size(data):
    return len(gzip.compress(data if isinstance(data, bytes) else data.encode(), 9))


class FrontEndBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(site_name="Mercinews.com")
        cls.article = ArticlePage.objects.get(slug=SEED.slug)
        reporter = Reporter.objects.filter(articles__isnull=False).first()
        tag = cls.article.tags.first()
        cls.urls = [
            "/",
            "/internasional/",
            f"/tag/{tag.slug}/",
            f"/penulis/{reporter.slug}/",
            cls.article.url,
        ]

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def test_article_page_fits_40_kb_compressed(self):
        html = self.get(self.article.url).content
        page = parse(self.get(self.article.url))
        assets = page.xpath("//link[@rel='stylesheet']/@href") + page.xpath("//script/@src")
        sizes = [compressed_size(html)]
        for url in assets:
            sizes.append(compressed_size(static_text(url.removeprefix("/static/"))))
        self.assertLessEqual(sum(sizes), BUDGET, f"HTML, CSS, JS compressed: {sizes}")

    def test_every_page_has_one_stylesheet_deferred_js_and_nothing_foreign(self):
        for url in self.urls:
            page = parse(self.get(url))
            with self.subTest(url=url):
                self.assertEqual(
                    page.xpath("//link[@rel='stylesheet']/@href"), ["/static/warta/css/site.css"]
                )
                scripts = page.xpath("//script[@src]")
                self.assertEqual([s.get("src") for s in scripts], ["/static/warta/js/site.js"])
                self.assertTrue(all(s.get("defer") is not None for s in scripts))
                self.assertFalse(page.xpath("//script[not(@src) and not(@type)]"))
                addresses = page.xpath("//@src | //@srcset | //link/@href")
                for address in addresses:
                    for candidate in address.split(","):
                        host = urlsplit(candidate.strip().split(" ")[0]).netloc
                        self.assertIn(host, ("", "testserver"), address)

    def test_every_page_has_a_skip_link_a_viewport_and_one_h1(self):
        for url in self.urls:
            page = parse(self.get(url))
            with self.subTest(url=url):
                first_link = page.xpath("//body//a")[0]
                self.assertEqual(first_link.get("href"), "#isi")
                self.assertTrue(page.xpath("//main[@id='isi']"))
                self.assertEqual(len(page.xpath("//h1")), 1)
                self.assertTrue(page.xpath("//meta[@name='viewport']"))
                self.assertTrue(page.xpath("//meta[@name='description']/@content")[0].strip())

    def test_only_article_pages_send_the_view_beacon(self):
        for url in self.urls:
            beacon = parse(self.get(url)).xpath("//body/@data-dibaca")
            with self.subTest(url=url):
                if url == self.article.url:
                    self.assertEqual(beacon, [f"/-/dibaca/{self.article.pk}/"])
                else:
                    self.assertEqual(beacon, [])

    def test_css_is_readable_system_fonts_light_and_dark(self):
        css = static_text("warta/css/site.css")
        body = re.search(r"\bbody\s*\{([^}]*)\}", css).group(1)
        size = re.search(r"font:\s*([\d.]+)rem", body).group(1)
        self.assertGreaterEqual(float(size) * 16, 16)
        self.assertIn("system-ui", body)
        self.assertNotIn("@font-face", css)
        self.assertNotIn("@import", css)
        self.assertNotRegex(css, r"url\(\s*['\"]?(https?:)?//")
        self.assertIn("@media (prefers-color-scheme: dark)", css)
        self.assertRegex(css, r":focus-visible\s*\{[^}]*outline:\s*3px")
        measure = re.search(r"\.article__body\s*\{[^}]*max-width:\s*(\d+)ch", css).group(1)
        self.assertLessEqual(int(measure), 75)

    def test_javascript_is_a_few_kb_and_framework_free(self):
        js = static_text("warta/js/site.js")
        self.assertLess(len(js.encode()), 4 * 1024)
        self.assertNotRegex(js, r"import\s|require\(|jQuery|\$\(")
        for contract in ("[data-share]", "[data-copy-url]", "[data-copy-toast]", "data-message"):
            self.assertIn(contract, js)
