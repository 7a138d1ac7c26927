"""Duplicates are recognised by GUID, by normalized URL and by their words."""

import json
from pathlib import Path

import pytest

from warta.ingest import dedupe

PAIRS = Path(__file__).parent / "data" / "pairs.jsonl"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://www.wire.example/a/b/", "http://wire.example/a/b"),
        ("https://wire.example/a?utm_source=rss&utm_medium=x&id=7", "https://wire.example/a?id=7"),
        ("https://wire.example/a?b=2&a=1#top", "https://WIRE.example/a?a=1&b=2"),
        ("https://wire.example/a?fbclid=abc", "https://wire.example/a"),
    ],
)
def test_normalized_urls_match(first, second):
    assert dedupe.normalize_url(first) == dedupe.normalize_url(second)


def test_different_articles_keep_different_urls():
    assert dedupe.normalize_url("https://wire.example/a?id=7") != dedupe.normalize_url(
        "https://wire.example/a?id=8"
    )


def load_pairs():
    return [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]


def judge(pair):
    first, second = pair["a"], pair["b"]
    return bool(
        dedupe.same_story(
            dedupe.signature(dedupe.shingles(first)),
            dedupe.numbers(first),
            dedupe.signature(dedupe.shingles(second)),
            dedupe.numbers(second),
        )
    )


def test_calibrated_threshold_on_labelled_pairs():
    """Same event in other words is merged; same topic, other event is not (docs/ingest.md)."""
    pairs = load_pairs()
    assert sum(pair["same"] for pair in pairs) >= 10
    assert sum(not pair["same"] for pair in pairs) >= 10
    verdicts = [(pair["same"], judge(pair)) for pair in pairs]
    true_positive = sum(same and merged for same, merged in verdicts)
    false_positive = sum(merged and not same for same, merged in verdicts)
    false_negative = sum(same and not merged for same, merged in verdicts)
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall


def test_numbers_keep_same_topic_stories_apart():
    assert dedupe.numbers_agree(frozenset({"5,6", "06.12", "10"}), frozenset({"5,6", "10", "12"}))
    assert not dedupe.numbers_agree(frozenset({"5,6", "06.12"}), frozenset({"6,2", "23.21"}))
    assert dedupe.numbers_agree(frozenset({"5"}), frozenset({"6", "7"}))  # too few to judge


def test_signature_is_stable_and_empty_text_matches_nothing():
    text = "Gempa bumi mengguncang Cianjur pagi ini"
    assert dedupe.signature(dedupe.shingles(text)) == dedupe.signature(dedupe.shingles(text))
    empty = dedupe.signature(set())
    assert dedupe.similarity(empty, empty) == 0.0
    assert dedupe.band_keys(empty) == []
