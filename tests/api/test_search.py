"""Search through the API: the site's Indonesian analysis, filters, and awkward input."""

from django.test import TestCase, override_settings

from tests.api.content import build_newsroom
from tests.discovery.test_search import BAD_QUERIES


@override_settings(WARTA_API_RATE_LIMIT="off")
class SearchApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()

    def search(self, query):
        response = self.client.get("/api/v1/search", query)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return response.json()

    def test_every_affix_form_finds_the_same_articles(self):
        found = {}
        for word in ("banjir", "kebanjiran", "membanjiri"):
            data = self.search({"q": word})
            found[word] = {hit["article"]["id"] for hit in data["results"]}
        self.assertEqual(found["banjir"], {self.n.older.pk, self.n.edited.pk, self.n.seed.pk})
        self.assertEqual(found["kebanjiran"], found["banjir"])
        self.assertEqual(found["membanjiri"], found["banjir"])

    def test_hits_are_ranked_with_highlighted_snippets(self):
        data = self.search({"q": "kebanjiran"})
        scores = [hit["score"] for hit in data["results"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        seed = next(hit for hit in data["results"] if hit["article"]["id"] == self.n.seed.pk)
        self.assertIn("<mark>kebanjiran</mark>", seed["snippet_html"])
        self.assertEqual(data["query"], "kebanjiran")

    def test_section_and_date_filters(self):
        umum = self.search({"q": "banjir", "section": "umum"})
        self.assertEqual([hit["article"]["id"] for hit in umum["results"]], [self.n.edited.pk])
        july_first = self.search({"q": "banjir", "until": "2024-07-01"})
        self.assertEqual([hit["article"]["id"] for hit in july_first["results"]], [self.n.older.pk])
        exact = self.search({"q": "banjir", "since": "2024-07-04T21:53:00+07:00"})
        self.assertEqual([hit["article"]["id"] for hit in exact["results"]], [self.n.seed.pk])
        self.assertEqual(self.search({"q": "banjir", "section": "tidak-ada"})["count"], 0)

    def test_pages_of_results(self):
        first = self.search({"q": "banjir", "page_size": 2})
        self.assertEqual((first["count"], len(first["results"])), (3, 2))
        second = self.search({"q": "banjir", "page_size": 2, "page": 2})
        ids = [hit["article"]["id"] for hit in first["results"] + second["results"]]
        self.assertEqual(len(set(ids)), 3)

    def test_awkward_queries_get_an_answer_never_an_error(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query[:30]):
                data = self.search({"q": query})
                self.assertIsInstance(data["results"], list)
        self.assertEqual(self.search({"q": ""})["count"], 0)
