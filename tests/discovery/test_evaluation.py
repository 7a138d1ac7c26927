"""The labelled Indonesian set: search and related news reach their targets with the analysis."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from warta.discovery.evaluation import evaluate, load_set, ndcg
from warta.discovery.models import RelatedArticle
from warta.news.models import ArticlePage

DATA = Path(__file__).resolve().parent / "data" / "evaluation.json"


def test_the_set_is_big_enough_and_graded():
    data = load_set(DATA)
    assert len(data["articles"]) >= 60
    assert len({item["topic"] for item in data["articles"]}) >= 8
    assert len(data["queries"]) >= 20
    queries = {item["query"] for item in data["queries"]}
    for variant in ("banjir", "kebanjiran", "membanjiri", "teroris", "terorisme"):
        assert variant in queries
    assert any("kenaikan" in q for q in queries) and any("menaikkan" in q for q in queries)
    assert all({1, 2} >= set(item["relevant"].values()) for item in data["queries"])


def test_ndcg_rewards_the_ideal_order():
    relevant = {"a": 2, "b": 1}
    assert ndcg(["a", "b"], relevant) == 1.0
    assert ndcg(["b", "a"], relevant) < 1.0
    assert ndcg(["x", "y"], relevant) == 0.0


class EvaluationTests(TestCase):
    def test_targets_hold_with_the_analysis_on_and_nothing_stays_behind(self):
        pages_before = ArticlePage.objects.count()
        outcome = evaluate(DATA, analysis=True)
        self.assertGreaterEqual(outcome["ndcg@10"], 0.92, outcome["queries"])
        # 151 articles in 15 topics, several of one kind of event: harder than the first 70.
        self.assertGreaterEqual(outcome["precision@5"], 0.8)
        self.assertEqual(ArticlePage.objects.count(), pages_before)
        self.assertFalse(RelatedArticle.objects.exists())

    def test_command_names_a_missing_set(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "--data"):
            call_command("evaluate_search", "--data", "/nonexistent/set.json", stdout=StringIO())
