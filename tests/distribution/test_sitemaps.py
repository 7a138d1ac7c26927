"""Sitemaps: a valid index of paged, streamed sitemaps; the Google News sitemap at its edges."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.distribution.builders import bulk_articles, quick_articles
from tests.distribution.xml import (
    IMAGE,
    NEWS,
    SITEMAP,
    assert_valid,
    parse,
    schema,
    sitemap_locations,
    streamed,
)
from tests.news.factories import make_article, make_image, make_site, make_source
from warta.news.models import Source

WINDOW = timedelta(hours=48)


def moved_clock(moment):
    """Move Django's clock to `moment` for the code under test."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site()
        cls.with_image = make_article(
            cls.sections["Internasional"], title="Dengan foto", featured_image=make_image()
        )
        cls.without_image = make_article(cls.sections["Umum"], title="Tanpa foto")
        cls.draft = make_article(cls.sections["Umum"], title="Draf", live=False)

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        return streamed(response)

    def test_index_lists_pages_articles_and_news_sitemaps_and_validates(self):
        root = assert_valid(self.get("/sitemap.xml"), "siteindex.xsd")
        self.assertEqual(
            sitemap_locations(root),
            [
                "http://testserver/sitemap-pages.xml",
                "http://testserver/sitemap-articles-1.xml",
                "http://testserver/sitemap-news.xml",
            ],
        )
        pages = root.findall(f"{SITEMAP}sitemap")[0]
        self.assertIsNone(pages.find(f"{SITEMAP}lastmod"))  # listing pages change constantly
        article_lastmod = root.findall(f"{SITEMAP}sitemap")[1].find(f"{SITEMAP}lastmod").text
        newest = max(self.with_image.last_published_at, self.without_image.last_published_at)
        self.assertEqual(article_lastmod, timezone.localtime(newest).isoformat(timespec="seconds"))
        self.assertTrue(article_lastmod.endswith("+07:00"))

    def test_pages_sitemap_lists_home_and_sections(self):
        root = assert_valid(self.get("/sitemap-pages.xml"), "sitemap.xsd")
        self.assertEqual(
            sitemap_locations(root),
            ["http://testserver/", "http://testserver/umum/", "http://testserver/internasional/"],
        )

    def test_article_sitemap_lists_live_articles_with_lastmod_and_images(self):
        root = assert_valid(self.get("/sitemap-articles-1.xml"), "sitemap-all.xsd")
        urls = {url.findtext(f"{SITEMAP}loc"): url for url in root.iter(f"{SITEMAP}url")}
        self.assertEqual(
            set(urls),
            {"http://testserver" + a.url for a in (self.with_image, self.without_image)},
        )
        entry = urls["http://testserver" + self.with_image.url]
        self.assertEqual(
            entry.findtext(f"{SITEMAP}lastmod"),
            timezone.localtime(self.with_image.last_published_at).isoformat(timespec="seconds"),
        )
        self.assertEqual(
            [loc.text for loc in entry.iter(f"{IMAGE}loc")],
            ["http://testserver" + self.with_image.featured_image.file.url],
        )
        bare = urls["http://testserver" + self.without_image.url]
        self.assertEqual(list(bare.iter(f"{IMAGE}image")), [])

    def test_article_sitemap_streams_its_body(self):
        response = self.client.get("/sitemap-articles-1.xml")
        self.assertTrue(response.streaming)

    def test_page_beyond_the_last_is_not_found(self):
        self.assertEqual(self.client.get("/sitemap-articles-2.xml").status_code, 404)
        self.assertEqual(self.client.get("/sitemap-articles-0.xml").status_code, 404)

    def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertEqual(lines[0], "User-agent: *")
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Disallow: /cari/", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        self.assertIn("Sitemap: http://testserver/sitemap-news.xml", lines)


class SyndicationPolicyInSitemapsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        section = sections["Umum"]

        def wire(policy, title):
            host = f"{policy.replace('_', '-')}.example"
            source = make_source(host)
            source.syndication_policy = policy
            source.save()
            return make_article(
                section,
                title=title,
                source=source,
                original_url=f"https://{host}/1",
                published=timezone.now() - timedelta(hours=1),
            )

        cls.republished = wire(Source.SyndicationPolicy.REPUBLISH, "Disalin")
        cls.canonical = wire(Source.SyndicationPolicy.CANONICAL, "Kanonik")
        cls.noindex = wire(Source.SyndicationPolicy.NOINDEX_NEWS, "Bukan berita Google")

    def locations(self, url):
        return set(sitemap_locations(parse(streamed(self.client.get(url)))))

    def test_canonical_elsewhere_stays_out_and_noindex_news_stays_out_of_news_only(self):
        url = {
            a.title: "http://testserver" + a.url
            for a in (self.republished, self.canonical, self.noindex)
        }
        self.assertEqual(
            self.locations("/sitemap-articles-1.xml"), {url["Disalin"], url["Bukan berita Google"]}
        )
        self.assertEqual(self.locations("/sitemap-news.xml"), {url["Disalin"]})


@override_settings(WARTA_SITEMAP_PAGE_SIZE=3)
class SitemapSplitTests(TestCase):
    """The split at its edge, with a page size of 3 standing in for 50,000."""

    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Umum"]
        cls.articles = quick_articles(cls.section, 3, timezone.now() - timedelta(days=3))

    def article_pages(self):
        root = parse(streamed(self.client.get("/sitemap.xml")))
        return [loc for loc in sitemap_locations(root) if "sitemap-articles-" in loc]

    def test_a_full_page_is_one_sitemap_and_one_more_article_opens_a_second(self):
        self.assertEqual(self.article_pages(), ["http://testserver/sitemap-articles-1.xml"])
        self.assertEqual(self.client.get("/sitemap-articles-2.xml").status_code, 404)

        extra = quick_articles(self.section, 1, timezone.now() - timedelta(days=4))
        self.assertEqual(
            self.article_pages(),
            [
                "http://testserver/sitemap-articles-1.xml",
                "http://testserver/sitemap-articles-2.xml",
            ],
        )
        first = sitemap_locations(
            assert_valid(streamed(self.client.get("/sitemap-articles-1.xml")), "sitemap-all.xsd")
        )
        second = sitemap_locations(
            assert_valid(streamed(self.client.get("/sitemap-articles-2.xml")), "sitemap-all.xsd")
        )
        self.assertEqual(len(first), 3)
        self.assertEqual(second, ["http://testserver" + extra[0].url])

    def test_each_page_reports_the_newest_lastmod_of_its_own_articles(self):
        quick_articles(self.section, 2, timezone.now() - timedelta(days=10))
        root = parse(streamed(self.client.get("/sitemap.xml")))
        lastmods = [
            sitemap.findtext(f"{SITEMAP}lastmod")
            for sitemap in root.iter(f"{SITEMAP}sitemap")
            if "sitemap-articles-" in sitemap.findtext(f"{SITEMAP}loc")
        ]
        expected = [
            timezone.localtime(self.articles[0].last_published_at).isoformat(timespec="seconds"),
            timezone.localtime(timezone.now() - timedelta(days=10)).isoformat(timespec="seconds"),
        ]
        self.assertEqual(lastmods[0], expected[0])
        self.assertEqual(lastmods[1][:16], expected[1][:16])

    @override_settings(WARTA_SITEMAP_PAGE_SIZE=50_001)
    def test_a_page_size_beyond_the_protocol_limit_is_refused_with_the_fix(self):
        from django.core.exceptions import ImproperlyConfigured

        with self.assertRaisesMessage(ImproperlyConfigured, "Set WARTA_SITEMAP_PAGE_SIZE"):
            self.client.get("/sitemap.xml")


class NewsWindowTests(TestCase):
    """Only articles first published in the last 48 hours, by the moved clock."""

    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.published = timezone.now().replace(microsecond=0) - timedelta(days=1)
        cls.article = make_article(
            sections["Umum"],
            title="Gempa M5 guncang Jawa Barat & Banten",
            featured_image=make_image(),
            published=cls.published,
        )

    def news(self, now):
        with moved_clock(now):
            return streamed(self.client.get("/sitemap-news.xml"))

    def test_article_is_listed_until_exactly_48_hours_and_gone_a_second_later(self):
        at_edge = self.news(self.published + WINDOW)
        root = assert_valid(at_edge, "sitemap-all.xsd")
        self.assertEqual(sitemap_locations(root), ["http://testserver" + self.article.url])
        past_edge = parse(self.news(self.published + WINDOW + timedelta(seconds=1)))
        self.assertEqual(sitemap_locations(past_edge), [])

    def test_news_entry_names_publication_language_time_with_offset_and_title(self):
        root = assert_valid(self.news(self.published + timedelta(hours=1)), "sitemap-all.xsd")
        news = root.find(f"{SITEMAP}url/{NEWS}news")
        self.assertEqual(news.findtext(f"{NEWS}publication/{NEWS}name"), "Mercinews.com")
        self.assertEqual(news.findtext(f"{NEWS}publication/{NEWS}language"), "id")
        self.assertEqual(
            news.findtext(f"{NEWS}publication_date"),
            timezone.localtime(self.published).isoformat(timespec="seconds"),
        )
        self.assertTrue(news.findtext(f"{NEWS}publication_date").endswith("+07:00"))
        self.assertEqual(news.findtext(f"{NEWS}title"), "Gempa M5 guncang Jawa Barat & Banten")
        self.assertEqual(len(root.findall(f"{SITEMAP}url/{IMAGE}image")), 1)

    def test_empty_news_sitemap_is_a_well_formed_urlset_without_urls(self):
        root = parse(self.news(self.published + WINDOW * 2))
        self.assertEqual(root.tag, f"{SITEMAP}urlset")
        self.assertEqual(len(root), 0)
        # The sitemaps.org XSD wants at least one <url>; that is its only complaint.
        validator = schema("sitemap-all.xsd")
        self.assertFalse(validator.validate(root))
        self.assertEqual(len(validator.error_log), 1)
        self.assertIn("Missing child element", validator.error_log[0].message)


class NewsCapAndQueryTests(TestCase):
    """1,001 articles inside the window: the newest 1,000 are listed; queries stay fixed."""

    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site(sections=("Umum", "Sepi"))
        cls.now = timezone.now().replace(microsecond=0)
        image = make_image()
        cls.articles = bulk_articles(
            sections["Umum"], 1001, cls.now - timedelta(minutes=1), featured_image=image
        )
        cls.quiet = quick_articles(sections["Sepi"], 2, cls.now - timedelta(days=30))

    def news(self, now):
        with moved_clock(now):
            return sitemap_locations(parse(streamed(self.client.get("/sitemap-news.xml"))))

    def test_1001_candidates_give_the_newest_1000(self):
        listed = self.news(self.now)
        self.assertEqual(len(listed), 1000)
        self.assertEqual(listed[0], "http://testserver" + self.articles[0].url)
        self.assertEqual(listed[-1], "http://testserver" + self.articles[999].url)
        self.assertNotIn("http://testserver" + self.articles[1000].url, listed)

    def test_1000_candidates_are_all_listed(self):
        oldest = self.articles[1000].first_published_at
        listed = self.news(oldest + WINDOW + timedelta(seconds=1))  # the oldest leaves the window
        self.assertEqual(len(listed), 1000)
        self.assertEqual(listed[-1], "http://testserver" + self.articles[999].url)

    def count(self, url, now=None):
        self.client.get("/")  # the first request also looks the site up, later ones do not
        with moved_clock(now or self.now), CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            body = streamed(response)
        self.assertEqual(response.status_code, 200)
        return len(queries), len(sitemap_locations(parse(body)))

    def test_queries_do_not_grow_with_the_number_of_urls(self):
        few = self.count("/sitemap-news.xml", self.now + timedelta(days=40))  # the window is empty
        many = self.count("/sitemap-news.xml")
        self.assertEqual((few[1], many[1]), (0, 1000))
        self.assertEqual(few[0], many[0])
        articles = self.count("/sitemap-articles-1.xml")
        self.assertEqual(articles[1], 1003)
        index = self.count("/sitemap.xml")
        pages = self.count("/sitemap-pages.xml")
        for queries, _ in (many, articles, index, pages):
            self.assertLessEqual(queries, 6)

    @override_settings(WARTA_SITEMAP_PAGE_SIZE=10)
    def test_article_sitemaps_cost_the_same_however_many_pages(self):
        first, _ = self.count("/sitemap-articles-1.xml")
        last, urls = self.count("/sitemap-articles-101.xml")
        self.assertEqual(urls, 3)
        self.assertEqual(first, last)
        index_queries, sitemaps = self.count("/sitemap.xml")
        self.assertEqual(sitemaps, 1 + 101 + 1)
        self.assertLessEqual(index_queries, 6)
