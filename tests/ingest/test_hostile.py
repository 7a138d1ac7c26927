"""Hostile and broken feeds each end in a recorded outcome; other sources go on."""

import zlib

from django.utils import timezone

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.models import FeedStatus, IngestedItem
from warta.ingest.runs import ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

GOOD = rss([rss_item("Harga beras naik", "Harga beras medium naik.", guid="good-1")]).encode()


def bomb():
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(64)) + compressor.flush()


HOSTILE = {
    "malformed": (
        Route(body=b"<rss><channel><item><title>Rusak & <b>tak</title><description>x"),
        None,
    ),
    "html": (
        Route(body=b"<!doctype html><html><body>Halaman</body></html>", content_type="text/html"),
        "text/html",
    ),
    "html-as-xml": (
        Route(body=b"<!doctype html><html><body><p>Bukan feed</p></body></html>"),
        "not an RSS or Atom feed",
    ),
    "empty": (Route(body=b""), "empty"),
    "huge": (Route(chunked_size=50 * 1024 * 1024), "larger than"),
    "bomb": (Route(body=bomb(), headers={"Content-Encoding": "gzip"}), "larger than"),
    "trickle": (Route(body=GOOD, trickle=1.0), "longer than"),
    "loop": (Route(status=302, headers={"Location": "/loop"}), "more than 5"),
    "missing": (Route(status=404, body=b"no"), "404"),
    "broken": (Route(status=500, body=b"oops"), "500"),
    "busy": (Route(status=429, headers={"Retry-After": "3600"}), "3600 seconds"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_feed_ends_in_a_recorded_outcome(case, feed_server, settings):
    settings.WARTA_INGEST_TIMEOUT = 3
    settings.WARTA_INGEST_MAX_FEED_BYTES = 2 * 1024 * 1024
    make_site()
    route, message = HOSTILE[case]
    feed_server.routes[f"/{case}"] = route
    feed_server.routes["/good"] = Route(body=GOOD)
    bad = Source.objects.create(name="Bad", feed_url=feed_server.url(f"/{case}"))
    good = Source.objects.create(name="Good", feed_url=feed_server.url("/good"))

    bad_summary, good_summary = ingest_sources([bad, good])

    assert good_summary.new == 1 and not good_summary.error
    status = FeedStatus.objects.get(source=bad)
    assert status.last_run_at is not None
    if message is None:  # feedparser rescues the broken XML's one item, its markup dropped
        assert (status.outcome, status.new, status.last_error) == ("ok", 1, "")
        rescued = ArticlePage.objects.exclude(title="Harga beras naik").get()
        assert (rescued.title, rescued.live) == ("Rusak & tak", False)
    else:
        assert status.outcome == "failed"
        assert message in status.last_error
        assert ArticlePage.objects.count() == 1
    assert IngestedItem.objects.filter(source=bad).count() == status.new
    if case == "busy":
        assert (status.next_run_at - timezone.now()).total_seconds() > 3500


def test_broken_source_does_not_stop_ingest_of_unreachable_hosts(feed_server):
    make_site()
    feed_server.routes["/good"] = Route(body=GOOD)
    unreachable = Source.objects.create(name="Nowhere", feed_url="http://10.255.255.1/feed")
    good = Source.objects.create(name="Good", feed_url=feed_server.url("/good"))
    first, second = ingest_sources([unreachable, good])
    assert first.outcome == "failed" and "private or reserved" in first.error
    assert second.new == 1


def test_item_with_hostile_html_never_reaches_the_article(feed_server, client):
    make_site()
    hostile = (
        "<p>Awal berita.<script>alert('xss')</script></p>"
        '<p onclick="alert(\'click\')">Paragraf <a href="javascript:alert(1)">tautan</a>'
        ' <a href="data:text/html;base64,PHNjcmlwdD4=">data</a>'
        ' <a href="https://ok.example/" onmouseover="alert(2)">baik</a></p>'
        '<img src=x onerror="alert(3)"><svg onload="alert(4)"><circle/></svg>'
        '<form action="https://evil.example/"><input name=q><button>Kirim</button></form>'
        '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
        '<p style="background:url(javascript:alert(5))">Akhir berita.</p>'
    )
    feed_server.routes["/rss"] = Route(
        body=rss(
            [
                rss_item(
                    "Judul <script>alert(6)</script>",
                    "Ringkasan <img src=x onerror=alert(7)>",
                    guid="xss",
                    link="https://wire.example/xss",
                    content=hostile,
                )
            ]
        ).encode()
    )
    source = Source.objects.create(name="Wire", feed_url=feed_server.url("/rss"), auto_publish=True)
    ingest_sources([source])
    article = ArticlePage.objects.get()
    stored = article.title + article.lead + article.body[0].value.source
    for poison in ("alert", "<script", "javascript:", "data:", "onerror", "onclick", "<form"):
        assert poison not in stored
    assert "Awal berita." in stored and "Akhir berita." in stored
    assert '<a href="https://ok.example/" rel="nofollow noopener">baik</a>' in stored

    page = client.get(article.url).content.decode()
    for poison in (
        "alert(",
        "javascript:",
        "onerror",
        "onclick",
        "onmouseover",
        "<form",
        "<iframe",
    ):
        assert poison not in page
