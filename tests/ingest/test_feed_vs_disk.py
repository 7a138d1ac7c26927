"""Feed content is only ever parsed: it never names a file or a URL, never declares entities."""

import resource

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.models import FeedStatus
from warta.ingest.runs import ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

ENTITY_FEED = (
    '<?xml version="1.0"?>{before}<!DOCTYPE rss [<!ENTITY kata "Gempa ">]>'
    '<rss version="2.0"><channel><title>Wire</title><item><guid>e-1</guid>'
    "<title>&kata;&kata;&kata;</title><description>Isi berita.</description></item>"
    "</channel></rss>"
)

DOCTYPE_ONLY = ENTITY_FEED.format(before="").replace('[<!ENTITY kata "Gempa ">]', "")


@pytest.fixture
def memory_ceiling():
    """Cap this process's memory at 1 GB more than it uses: a runaway read fails, not the host."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + 2**30, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run(server, path, route):
    make_site()
    server.routes[path] = route
    source = Source.objects.create(name="Wire", feed_url=server.url(path), auto_publish=True)
    ingest_sources([source])
    return FeedStatus.objects.get(source=source)


def test_a_body_naming_a_device_is_not_read(feed_server, memory_ceiling):
    status = run(feed_server, "/feed", Route(body=b"/dev/zero", content_type="text/plain"))
    assert status.outcome == "failed"
    assert "not an RSS or Atom feed" in status.last_error
    assert not ArticlePage.objects.exists()


def test_a_body_naming_a_local_feed_file_publishes_nothing_from_it(feed_server, tmp_path):
    secret = tmp_path / "internal.xml"
    secret.write_text(rss([rss_item("Memo internal redaksi", "Rahasia.", guid="secret-1")]))
    status = run(feed_server, "/feed", Route(body=str(secret).encode(), content_type="text/plain"))
    assert status.outcome == "failed"
    assert "not an RSS or Atom feed" in status.last_error
    assert not ArticlePage.objects.filter(title__contains="Memo internal").exists()


@pytest.mark.parametrize(
    ("body", "charset"),
    [
        (ENTITY_FEED.format(before="").encode(), "utf-8"),
        # A comment holding "<x" ends the prolog for a naive reader, not for the XML parser.
        (ENTITY_FEED.format(before="<!-- <x -->").encode(), "utf-8"),
        (ENTITY_FEED.format(before="").encode("utf-16"), "utf-16"),
        (DOCTYPE_ONLY.encode(), "utf-8"),
    ],
    ids=["entity", "behind-comment", "utf-16", "doctype-only"],
)
def test_a_feed_with_a_doctype_or_entities_is_refused_before_parsing(feed_server, body, charset):
    route = Route(body=body, content_type=f"application/rss+xml; charset={charset}")
    status = run(feed_server, "/feed", route)
    assert status.outcome == "failed"
    assert "DOCTYPE" in status.last_error and "entities" in status.last_error
    assert not ArticlePage.objects.exists()


def test_markup_quoted_inside_an_item_is_no_declaration(feed_server):
    quoted = rss_item("Gempa Cianjur", "Isi.", guid="q-1", content="<!DOCTYPE html><p>Isi.</p>")
    status = run(feed_server, "/feed", Route(body=rss([quoted]).encode()))
    assert status.outcome == "ok" and status.new == 1
