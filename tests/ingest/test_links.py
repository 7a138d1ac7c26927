"""A wire item's link is quoted as a browser would; a link that is no web address loses only
itself, never the story, and the run's report says so."""

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.models import FeedStatus
from warta.ingest.runs import ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db


def test_links_are_quoted_and_a_story_without_a_web_link_is_kept(feed_server, client):
    make_site()
    items = [
        rss_item(
            "Gempa di Cianjur",
            "Isi berita gempa.",
            guid="g-1",
            link='https://wire.example/cari?q=gempa cianjur&kutip="resmi"',
        ),
        rss_item(
            "Banjir di Bekasi",
            "Isi berita banjir.",
            guid="g-2",
            link="https://wire example/banjir",
        ),
    ]
    feed_server.routes["/rss"] = Route(body=rss(items).encode())
    source = Source.objects.create(name="Wire", feed_url=feed_server.url("/rss"), auto_publish=True)
    summary = ingest_sources([source])[0]
    assert (summary.new, summary.failed) == (2, 0)

    quake = ArticlePage.objects.get(title="Gempa di Cianjur")
    expected = "https://wire.example/cari?q=gempa%20cianjur&kutip=%22resmi%22"
    assert quake.original_url == expected
    assert f'href="{expected.replace("&", "&amp;")}"' in client.get(quake.url).content.decode()

    flood = ArticlePage.objects.get(title="Banjir di Bekasi")
    assert flood.live and flood.original_url == ""
    report = FeedStatus.objects.get(source=source)
    assert report.outcome == "ok"
    assert "'Banjir di Bekasi' was kept without a link to the original" in report.last_error
