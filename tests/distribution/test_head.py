"""The page head: canonical, robots, OpenGraph, Twitter, JSON-LD and feed links, read by extruct."""

from datetime import datetime
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext

import extruct
from PIL import Image as PILImage

from tests.news.factories import (
    make_article,
    make_image,
    make_reporter,
    make_site,
    make_source,
)
from tests.news.pagetext import parse
from warta.distribution.head import Head
from warta.distribution.templatetags.distribution import distribution_head
from warta.news.models import ArticlePage, Source

JAKARTA = ZoneInfo("Asia/Jakarta")
PUBLISHED = datetime(2024, 7, 4, 21, 53, tzinfo=JAKARTA)
ORIGINAL = "https://interfax.ru/world/968470"


def image_file(url):
    """Open the file behind an absolute media or static URL."""
    path = urlsplit(url).path
    if path.startswith(settings.MEDIA_URL):
        return PILImage.open(Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL) :])
    return PILImage.open(finders.find(path[len(settings.STATIC_URL) :]))


class HeadTestCase(TestCase):
    def head(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        html = response.content.decode()
        data = extruct.extract(
            html, base_url="http://testserver" + url, syntaxes=["json-ld", "opengraph"]
        )
        return parse(response), data

    def json_ld(self, data, kind):
        found = [item for item in data["json-ld"] if item.get("@type") == kind]
        self.assertEqual(len(found), 1, f"one {kind} expected in {data['json-ld']}")
        return found[0]

    def opengraph(self, data):
        properties = {}
        for block in data["opengraph"]:
            for name, value in block["properties"]:
                properties.setdefault(name, []).append(value)
        return properties

    def feed_links(self, document):
        return {
            (link.get("type"), link.get("href"))
            for link in document.xpath("//head/link[@rel='alternate']")
        }


class ArticleHeadTests(HeadTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Internasional"]
        cls.reporter = make_reporter("Muhammad Rizki", "m")
        cls.article = make_article(
            cls.section,
            title="Putin menyebut Taliban sekutu Rusia",
            lead="Presiden Rusia Vladimir Putin menyebut Taliban sekutu melawan terorisme.",
            featured_image=make_image(width=1600, height=1200),
            featured_caption="Lavrov dan perwakilan Taliban",
            reporter=cls.reporter,
            source=make_source("interfax.ru"),
            original_url=ORIGINAL,
            tags=["Rusia", "Taliban"],
            published=PUBLISHED,
        )
        cls.url = cls.article.url
        cls.absolute = "http://testserver" + cls.url
        Client().get(cls.url)  # make the renditions once for the whole class

    def setUp(self):
        self.document, self.data = self.head(self.url)
        self.news = self.json_ld(self.data, "NewsArticle")

    def test_canonical_description_and_robots(self):
        head = self.document.head
        self.assertEqual(head.xpath("link[@rel='canonical']/@href"), [self.absolute])
        self.assertEqual(head.xpath("meta[@name='description']/@content"), [self.article.lead])
        [robots] = head.xpath("meta[@name='robots']/@content")
        self.assertIn("max-image-preview:large", robots)
        self.assertNotIn("noindex", robots)
        self.assertEqual(head.xpath("meta[@name='Googlebot-News']"), [])

    def test_news_article_names_headline_description_section_keywords_and_page(self):
        self.assertEqual(self.news["@context"], "https://schema.org")
        self.assertEqual(self.news["headline"], self.article.title)
        self.assertEqual(self.news["description"], self.article.lead)
        self.assertEqual(self.news["articleSection"], "Internasional")
        self.assertEqual(self.news["keywords"], ["Rusia", "Taliban"])
        self.assertEqual(self.news["mainEntityOfPage"], {"@type": "WebPage", "@id": self.absolute})
        self.assertEqual(self.news["isBasedOn"], ORIGINAL)

    def test_dates_carry_the_sites_offset(self):
        self.assertEqual(self.news["datePublished"], "2024-07-04T21:53:00+07:00")
        modified = datetime.fromisoformat(self.news["dateModified"])
        self.assertEqual(modified.utcoffset().total_seconds(), 7 * 3600)
        self.assertEqual(modified, self.article.last_published_at.replace(microsecond=0))

    def test_author_is_a_person_with_full_name_and_reporter_page(self):
        self.assertEqual(
            self.news["author"],
            [
                {
                    "@type": "Person",
                    "name": "Muhammad Rizki",
                    "url": "http://testserver/penulis/muhammad-rizki/",
                }
            ],
        )

    def test_publisher_is_a_news_media_organization_with_a_real_logo(self):
        publisher = self.news["publisher"]
        self.assertEqual(publisher["@type"], "NewsMediaOrganization")
        self.assertEqual(publisher["name"], "Mercinews.com")
        logo = publisher["logo"]
        with image_file(logo["url"]) as picture:
            self.assertEqual(picture.size, (logo["width"], logo["height"]))
            self.assertGreaterEqual(min(picture.size), 112)
            self.assertIn(picture.format, ("PNG", "JPEG"))

    def test_images_in_16_9_4_3_and_1_1_each_at_least_50000_pixels(self):
        ratios = []
        for image in self.news["image"]:
            with image_file(image["url"]) as picture:
                width, height = picture.size
            self.assertEqual((width, height), (image["width"], image["height"]))
            self.assertGreaterEqual(width * height, 50_000)
            ratios.append(round(width / height, 2))
        self.assertEqual(ratios, [round(16 / 9, 2), round(4 / 3, 2), 1.0])

    def test_opengraph_and_twitter_card_use_a_1200_pixel_wide_image(self):
        og = self.opengraph(self.data)
        self.assertEqual(og["og:type"], ["article"])
        self.assertEqual(og["og:title"], [self.article.title])
        self.assertEqual(og["og:description"], [self.article.lead])
        self.assertEqual(og["og:url"], [self.absolute])
        self.assertEqual(og["og:site_name"], ["Mercinews.com"])
        self.assertEqual(og["article:published_time"], ["2024-07-04T21:53:00+07:00"])
        self.assertEqual(og["article:tag"], ["Rusia", "Taliban"])
        with image_file(og["og:image"][0]) as picture:
            self.assertEqual(picture.size, (1200, 900))
        self.assertEqual((og["og:image:width"], og["og:image:height"]), (["1200"], ["900"]))
        head = self.document.head
        self.assertEqual(head.xpath("meta[@name='twitter:card']/@content"), ["summary_large_image"])
        self.assertEqual(head.xpath("meta[@name='twitter:image']/@content"), og["og:image"])

    def test_breadcrumbs_lead_from_home_through_section_to_article(self):
        crumbs = self.json_ld(self.data, "BreadcrumbList")["itemListElement"]
        self.assertEqual(
            [(c["position"], c["name"], c["item"]) for c in crumbs],
            [
                (1, "Mercinews.com", "http://testserver/"),
                (2, "Internasional", "http://testserver/internasional/"),
                (3, self.article.title, self.absolute),
            ],
        )

    def test_head_links_the_site_and_section_feeds(self):
        self.assertEqual(
            self.feed_links(self.document),
            {
                ("application/rss+xml", "http://testserver/feed/"),
                ("application/atom+xml", "http://testserver/feed/atom/"),
                ("application/rss+xml", "http://testserver/internasional/feed/"),
                ("application/atom+xml", "http://testserver/internasional/feed/atom/"),
            },
        )
        for _, href in self.feed_links(self.document):
            self.assertEqual(self.client.get(href).status_code, 200)

    def test_head_adds_no_queries_and_the_page_stays_within_budget(self):
        bigger = make_article(
            self.section,
            featured_image=make_image(width=1600, height=900),
            reporter=self.reporter,
            tags=["Rusia", "Taliban", "Asia", "Diplomasi", "Terorisme"],
        )
        for article in (self.article, bigger):
            with self.subTest(article.title):
                self.client.get(article.url)  # the first view creates the renditions
                with_head = self.count_queries(article.url)
                with mock.patch(
                    "warta.distribution.templatetags.distribution.build_head", return_value=Head()
                ):
                    without_head = self.count_queries(article.url)
                self.assertEqual(with_head, without_head)
                self.assertLessEqual(with_head, 15)

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)


class SmallImageAndPolicyTests(HeadTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Umum"]

    def test_crops_smaller_than_50000_pixels_are_left_out(self):
        article = make_article(self.section, featured_image=make_image(width=320, height=180))
        _, data = self.head(article.url)
        images = self.json_ld(data, "NewsArticle")["image"]
        self.assertEqual([(i["width"], i["height"]) for i in images], [(320, 180)])

    def test_article_without_image_reporter_or_source_has_a_clean_head(self):
        article = make_article(self.section, title="Tanpa apa-apa")
        document, data = self.head(article.url)
        news = self.json_ld(data, "NewsArticle")
        self.assertNotIn("image", news)
        self.assertNotIn("isBasedOn", news)
        self.assertEqual(news["author"][0]["@type"], "Organization")
        self.assertEqual(document.head.xpath("meta[@name='twitter:card']/@content"), ["summary"])
        self.assertNotIn("description", news)
        html = self.client.get(article.url).content.decode()
        head = html[: html.index("</head>")]
        self.assertNotIn("None", head)
        self.assertNotIn('content=""', head)

    def wire(self, policy):
        source = make_source(f"{policy.replace('_', '-')}.example")
        source.syndication_policy = policy
        source.save()
        return make_article(self.section, source=source, original_url=ORIGINAL)

    def test_canonical_policy_points_the_canonical_url_at_the_original(self):
        article = self.wire(Source.SyndicationPolicy.CANONICAL)
        document, data = self.head(article.url)
        self.assertEqual(document.head.xpath("link[@rel='canonical']/@href"), [ORIGINAL])
        self.assertEqual(self.opengraph(data)["og:url"], [ORIGINAL])
        self.assertEqual(self.json_ld(data, "NewsArticle")["isBasedOn"], ORIGINAL)

    def test_noindex_news_policy_keeps_googlebot_news_away_but_not_search(self):
        article = self.wire(Source.SyndicationPolicy.NOINDEX_NEWS)
        document, _ = self.head(article.url)
        head = document.head
        self.assertEqual(head.xpath("meta[@name='Googlebot-News']/@content"), ["noindex"])
        self.assertNotIn("noindex", head.xpath("meta[@name='robots']/@content")[0])
        self.assertEqual(
            head.xpath("link[@rel='canonical']/@href"), ["http://testserver" + article.url]
        )

    def test_republish_policy_keeps_our_canonical_and_credits_the_original(self):
        article = self.wire(Source.SyndicationPolicy.REPUBLISH)
        document, data = self.head(article.url)
        self.assertEqual(
            document.head.xpath("link[@rel='canonical']/@href"), ["http://testserver" + article.url]
        )
        self.assertEqual(self.json_ld(data, "NewsArticle")["isBasedOn"], ORIGINAL)
        self.assertEqual(document.head.xpath("meta[@name='Googlebot-News']"), [])

    def test_new_sources_republish_with_attribution_by_default(self):
        self.assertEqual(
            make_source("baru.example").syndication_policy, Source.SyndicationPolicy.REPUBLISH
        )


class ListingHeadTests(HeadTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.reporter = make_reporter("Siti Aminah", "sa")
        make_article(sections["Umum"], tags=["Pemilu"], reporter=cls.reporter)

    def test_home_has_website_with_search_action(self):
        document, data = self.head("/")
        website = self.json_ld(data, "WebSite")
        self.assertEqual(website["name"], "Mercinews.com")
        self.assertEqual(website["url"], "http://testserver/")
        action = website["potentialAction"]
        self.assertEqual(action["@type"], "SearchAction")
        self.assertEqual(
            action["target"]["urlTemplate"], "http://testserver/cari/?q={search_term_string}"
        )
        self.assertEqual(action["query-input"], "required name=search_term_string")
        self.assertEqual(
            document.head.xpath("link[@rel='canonical']/@href"), ["http://testserver/"]
        )
        self.assertEqual(self.opengraph(data)["og:type"], ["website"])

    def test_section_has_breadcrumbs_and_its_feeds(self):
        document, data = self.head("/umum/")
        crumbs = self.json_ld(data, "BreadcrumbList")["itemListElement"]
        self.assertEqual(
            [c["item"] for c in crumbs], ["http://testserver/", "http://testserver/umum/"]
        )
        self.assertIn(
            ("application/rss+xml", "http://testserver/umum/feed/"), self.feed_links(document)
        )
        self.assertIn(
            ("application/atom+xml", "http://testserver/umum/feed/atom/"), self.feed_links(document)
        )

    def test_tag_and_reporter_pages_link_their_feeds(self):
        for url in ("/tag/pemilu/", f"/penulis/{self.reporter.slug}/"):
            with self.subTest(url):
                document, _ = self.head(url)
                self.assertIn(
                    ("application/rss+xml", f"http://testserver{url}feed/"),
                    self.feed_links(document),
                )
                self.assertIn(
                    ("application/atom+xml", f"http://testserver{url}feed/atom/"),
                    self.feed_links(document),
                )
                self.assertEqual(
                    document.head.xpath("link[@rel='canonical']/@href"), [f"http://testserver{url}"]
                )

    def test_page_number_stays_in_the_canonical_url_other_parameters_do_not(self):
        document, _ = self.head("/umum/?utm_source=wa")
        self.assertEqual(
            document.head.xpath("link[@rel='canonical']/@href"), ["http://testserver/umum/"]
        )


class PreviewHeadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Umum"]

    def test_unsaved_article_in_preview_gets_a_head_without_none_or_empty_values(self):
        preview = "/admin/pages/add/news/articlepage/3/preview/"
        request = RequestFactory().get(preview)
        article = ArticlePage(title="Belum disimpan", lead="Ringkasan.")
        context = {"request": request, "page": article, "section": self.section, "tags": []}
        head = distribution_head(context)["head"]
        [news] = [data for data in head.json_ld if data["@type"] == "NewsArticle"]
        self.assertEqual(news["url"], "http://testserver" + preview)
        self.assertEqual(news["description"], "Ringkasan.")
        self.assertNotIn("datePublished", news)
        self.assertNotIn(None, news.values())
        html = render_to_string("distribution/head.html", {"head": head})
        self.assertNotIn("None", html)
        self.assertNotIn('content=""', html)
