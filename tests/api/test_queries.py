"""Each endpoint reads the database a fixed number of times, however many items it returns."""

from datetime import timedelta

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.news.factories import (
    make_article,
    make_image,
    make_reporter,
    make_site,
    make_source,
    paragraphs,
)
from warta.news.models import SectionPage

MANY = 24


# The page cache would answer repeated URLs without queries; this measures the API itself.
@override_settings(WARTA_PAGE_CACHE=False, WARTA_API_RATE_LIMIT="off")
class QueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home, sections = make_site(sections=("Umum", "Ekonomi"))
        reporters = [make_reporter(f"Wartawan {i}", f"w{i}") for i in range(3)]
        for reporter in reporters:
            reporter.photo = make_image("Potret", 96, 96)
            reporter.save()
        source = make_source("antaranews.com")
        now = timezone.now()
        cls.articles = [
            make_article(
                sections["Umum" if i % 2 else "Ekonomi"],
                title=f"Banjir di kota {i}",
                lead="Hujan deras membanjiri jalan.",
                published=now - timedelta(hours=i),
                body=[
                    paragraphs("Warga kebanjiran.", "Air naik."),
                    ("image", {"image": make_image(f"Foto {i}"), "caption": "Banjir"}),
                ],
                tags=[f"tag{i}", "banjir", "cuaca"],
                reporter=reporters[i % 3],
                editor=reporters[(i + 1) % 3],
                source=source,
                featured_image=make_image(f"Utama {i}"),
            )
            for i in range(MANY)
        ]

    def count(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return len(queries), response.json()

    def assert_same_cost(self, small_url, large_url, budget, large_size=20):
        self.client.get(large_url)  # make the image renditions once, as the site would
        small, small_data = self.count(small_url)
        large, large_data = self.count(large_url)
        self.assertEqual(len(small_data["results"]), 1)
        self.assertGreaterEqual(len(large_data["results"]), large_size)
        self.assertEqual(small, large, f"{small_url}: {small} queries, {large_url}: {large}")
        self.assertLessEqual(large, budget)

    def test_article_list(self):
        self.assert_same_cost(
            "/api/v1/articles?page_size=1", "/api/v1/articles?page_size=100", budget=7
        )

    def test_filtered_article_list(self):
        self.assert_same_cost(
            "/api/v1/articles?page_size=1&tag=banjir&reporter=wartawan-1&since=2000-01-01",
            "/api/v1/articles?page_size=100&tag=banjir&since=2000-01-01",
            budget=7,
        )

    def test_search(self):
        self.assert_same_cost(
            "/api/v1/search?q=kebanjiran&page_size=1",
            "/api/v1/search?q=kebanjiran&page_size=100",
            budget=10,
        )

    def test_tags_and_reporters(self):
        self.assert_same_cost("/api/v1/tags?page_size=1", "/api/v1/tags?page_size=100", budget=5)
        self.assert_same_cost(
            "/api/v1/reporters?page_size=1",
            "/api/v1/reporters?page_size=100",
            budget=6,
            large_size=3,
        )

    def test_sections_cost_the_same_however_many(self):
        self.client.get("/api/v1/sections?warm")  # the site's root paths, cached once
        few, data = self.count("/api/v1/sections")
        self.assertEqual(len(data), 2)
        home = self.articles[0].get_parent().get_parent()
        for title in ("Nasional", "Olahraga", "Teknologi"):
            home.add_child(instance=SectionPage(title=title, slug=title.lower()))
        self.client.get("/api/v1/sections?warm-again")  # the section list, cached until it changes
        more, data = self.count("/api/v1/sections?again")
        self.assertEqual(len(data), 5)
        self.assertEqual(few, more)
        self.assertLessEqual(more, 5)

    def test_article_detail_costs_the_same_however_much_it_shows(self):
        first, last = self.articles[0], self.articles[-1]
        self.client.get(f"/api/v1/articles/{first.pk}")
        self.client.get(f"/api/v1/articles/{last.pk}")
        costs = [self.count(f"/api/v1/articles/{page.pk}")[0] for page in (first, last)]
        self.assertEqual(costs[0], costs[1])
        self.assertLessEqual(costs[0], 11)
