"""Measure search and related news on a labelled set: nDCG@10 and precision@5.

The set (tests/discovery/data/evaluation.json) holds original Indonesian articles in topics
and queries with graded relevance. `evaluate()` loads the articles into the database inside a
transaction, runs every query and reads every stored related list, then rolls everything back.
"""

import json
import math
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page
from wagtail.rich_text import RichText

from warta.discovery.models import RelatedArticle
from warta.discovery.search import search
from warta.news.models import ArticlePage, HomePage, SectionPage

DEFAULT_SET = Path("tests/discovery/data/evaluation.json")
SEARCH_DEPTH = 10
RELATED_DEPTH = 5


class _Rollback(Exception):
    """Raised to undo the evaluation's articles once measured."""


def load_set(path=DEFAULT_SET):
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(
            f"No evaluation set at {path}: run from the repository root or pass --data PATH."
        )
    return json.loads(path.read_text(encoding="utf-8"))


def dcg(grades):
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg(ranked_ids, relevant, depth=SEARCH_DEPTH):
    """Return nDCG@depth of a ranking against {id: grade}."""
    ideal = dcg(sorted(relevant.values(), reverse=True)[:depth])
    if not ideal:
        return 0.0
    return dcg([relevant.get(item, 0) for item in ranked_ids[:depth]]) / ideal


def load_articles(data):
    """Create the set's articles under a throwaway home; return ({set id: page}, home)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Evaluasi", slug="evaluasi-warta"))
    sections = {}
    now = timezone.now()
    pages = {}
    for item in data["articles"]:
        name = item["section"]
        if name not in sections:
            sections[name] = home.add_child(instance=SectionPage(title=name, slug=name.lower()))
        body = [
            (
                "paragraph",
                RichText("".join(f"<p>{escape(text)}</p>" for text in item["paragraphs"])),
            )
        ]
        article = ArticlePage(
            title=item["title"],
            slug=item["id"],
            lead=item["lead"],
            body=body,
            first_published_at=now - timedelta(days=item["age_days"], minutes=len(pages)),
        )
        article.tags.add(*item["tags"])
        sections[name].add_child(instance=article)
        article.save_revision().publish()
        pages[item["id"]] = article
    return pages, home


def measure(data, pages, home):
    ids = {page.pk: key for key, page in pages.items()}
    per_query = []
    for item in data["queries"]:
        results = search(item["query"], root=home)
        ranked = [ids.get(pk) for pk in results.ids[:SEARCH_DEPTH]]
        per_query.append((item["query"], ndcg(ranked, item["relevant"])))
    topics = {item["id"]: item["topic"] for item in data["articles"]}
    sizes = {}
    for topic in topics.values():
        sizes[topic] = sizes.get(topic, 0) + 1
    per_article = []
    for key, page in pages.items():
        if sizes[topics[key]] - 1 < RELATED_DEPTH:
            continue  # precision@5 needs five relevant articles to exist
        related = list(
            RelatedArticle.objects.filter(article=page)
            .order_by("rank")
            .values_list("related_id", flat=True)[:RELATED_DEPTH]
        )
        hits = sum(1 for pk in related if topics.get(ids.get(pk)) == topics[key])
        per_article.append((key, hits / RELATED_DEPTH))
    return {
        "ndcg@10": sum(score for _, score in per_query) / len(per_query),
        "precision@5": sum(score for _, score in per_article) / len(per_article),
        "queries": per_query,
        "articles": per_article,
    }


def evaluate(path=DEFAULT_SET, analysis=True):
    """Return the measures of the set with the Indonesian analysis on or off; change nothing."""
    data = load_set(path)
    outcome = {}
    with override_settings(WARTA_SEARCH_ANALYSIS=analysis):
        try:
            with transaction.atomic():
                pages, home = load_articles(data)
                outcome = measure(data, pages, home)
                raise _Rollback
        except _Rollback:
            pass
    outcome["analysis"] = analysis
    outcome["articles_in_set"] = len(data["articles"])
    outcome["queries_in_set"] = len(data["queries"])
    return outcome
