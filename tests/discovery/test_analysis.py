"""Indonesian analysis: every affix form of a word meets on one term, names stay whole."""

import pytest

from warta.discovery.analysis import fold, terms
from warta.discovery.search import clean_query, query_terms


@pytest.mark.parametrize(
    "variants",
    [
        ["banjir", "kebanjiran", "membanjiri", "banjirnya"],
        ["teroris", "terorisme"],
        ["naik", "kenaikan", "menaikkan", "dinaikkan"],
        ["harga", "hargai"],
    ],
)
def test_affix_variants_share_one_term(variants):
    assert {tuple(terms(word)) for word in variants} == {tuple(terms(variants[0]))}
    assert terms(variants[0])


@pytest.mark.parametrize("word", ["bali", "susi", "bekasi", "taliban"])
def test_protected_names_are_not_cut(word):
    assert terms(word.title()) == [word]


def test_berikan_is_a_form_of_beri_not_of_ikan():
    assert "ikan" not in terms("Dinas kesehatan berikan bubuk abate")
    assert terms("ikan") == ["ikan"]


def test_stop_words_go_and_news_words_stay():
    assert terms("yang dan di dengan untuk") == []
    assert terms("harga naik") == ["harga", "naik"]


def test_case_and_diacritics_fold():
    assert fold("CAFÉ Déjà") == "cafe deja"
    assert terms("BANJIR") == terms("banjir")


def test_without_analysis_words_stay_as_written():
    assert terms("Kebanjiran", analysis=False) == ["kebanjiran"]


@pytest.mark.parametrize(
    "query",
    [
        '"banjir',
        "banjir*",
        "banjir NEAR gempa",
        "-banjir",
        "title:banjir",
        "(banjir OR",
        "'; DROP TABLE wagtailcore_page; --",
        "ban\x00jir",
        "x" * 1000,
        "🌊 banjir 🌊",
    ],
)
def test_queries_are_reduced_to_plain_terms(query):
    found = query_terms(query)
    assert len(found) <= 12
    assert all(term.replace("-", "").isalnum() for term in found)
    assert "\x00" not in clean_query(query)
    assert len(clean_query(query)) <= 200
