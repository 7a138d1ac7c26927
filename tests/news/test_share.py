from urllib.parse import parse_qs, urlsplit

import pytest

from warta.news.share import share_links

URL = "https://berita.example/internasional/judul-berita/"
TITLES = [
    'Putin: "Taliban sekutu kami"',
    "Rusia & Ukraina #perdamaian",
    "Banjir 🌊 di Jakarta 100%",
    "Kunjungan ke Köln dan 東京",
    "Tanya? jawab=ya; a+b",
    "خبر عاجل من القاهرة",
]


def links_by_network(title):
    return {link.network: link.href for link in share_links(URL, title)}


@pytest.mark.parametrize("title", TITLES)
def test_titles_round_trip_through_every_share_url(title):
    links = links_by_network(title)
    expected = {
        "facebook": {"u": [URL]},
        "x": {"text": [title], "url": [URL]},
        "whatsapp": {"text": [f"{title} {URL}"]},
        "telegram": {"url": [URL], "text": [title]},
        "line": {"url": [URL]},
    }
    assert set(links) == set(expected)
    for network, params in expected.items():
        assert parse_qs(urlsplit(links[network]).query) == params, network


@pytest.mark.parametrize("title", TITLES)
def test_share_urls_are_fully_percent_encoded(title):
    for href in links_by_network(title).values():
        query = urlsplit(href).query
        assert " " not in query and "#" not in query and '"' not in query
        assert query.isascii()
        assert query.count("?") == 0


def test_share_targets_are_the_networks_own_hosts():
    hosts = {n: urlsplit(h).netloc for n, h in links_by_network("x").items()}
    assert hosts == {
        "facebook": "www.facebook.com",
        "x": "x.com",
        "whatsapp": "wa.me",
        "telegram": "t.me",
        "line": "social-plugins.line.me",
    }
