"""A wire's body markup stays inside its own paragraph on the page, in RSS and in the API."""

import feedparser
import html5lib
import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.runs import ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

# A link around a nested list: a body splitter that cuts at the first </ul> leaves it open.
BODY = (
    '<p>Paragraf pembuka.</p><ul><li><a href="https://wire.example/tautan">Daftar'
    "<ul><li>butir dalam</li></ul>akhir tautan</a></li></ul>"
    "<p>Paragraf kedua.</p><p>Paragraf ketiga.</p>"
)


def link_texts(markup):
    """Return the text of each wire link as a browser's parser reads the markup."""
    tree = html5lib.parse(markup, namespaceHTMLElements=False)
    return [
        " ".join(" ".join(link.itertext()).split())
        for link in tree.iter("a")
        if link.get("href", "").startswith("https://wire.example/")
    ]


def test_an_open_link_in_a_feed_body_ends_where_the_wire_ended_it(feed_server, client):
    make_site()
    item = rss_item("Banjir di Bekasi", "Ringkasan.", guid="b-1", content=BODY)
    feed_server.routes["/rss"] = Route(body=rss([item]).encode())
    source = Source.objects.create(name="Wire", feed_url=feed_server.url("/rss"), auto_publish=True)
    ingest_sources([source])
    article = ArticlePage.objects.get()
    expected = ["Daftar butir dalam akhir tautan"]

    page = client.get(article.url).content.decode()
    assert link_texts(page) == expected
    assert "Paragraf ketiga." in page

    feed = feedparser.parse(client.get("/feed/").content)
    content = feed.entries[0].content[0].value
    assert link_texts(content) == expected
    assert "Paragraf ketiga." in content

    body_html = client.get(f"/api/v1/articles/{article.pk}").json()["body_html"]
    assert link_texts(body_html) == expected
    assert "Paragraf ketiga." in body_html
