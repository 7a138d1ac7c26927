"""A fresh demo shows `Terpopuler` full and counts its readers once; a new site says it has none."""

from datetime import UTC, datetime
from io import StringIO

from django.core.management import call_command

import pytest

from tests.news.factories import make_article, make_site
from tests.news.pagetext import parse, visible_text
from warta.demo.content import NEIGHBOURS, SEED
from warta.demo.reads import WEEK_HOURS, record_demo_reads
from warta.readership.backends import get_backend

pytestmark = pytest.mark.django_db
EMPTY = "Belum cukup pembaca yang tercatat."


@pytest.fixture(autouse=True)
def _empty_counter():
    """Start with no views counted, and leave none behind in a shared Redis."""
    get_backend.cache_clear()
    get_backend().clear()
    yield
    get_backend().clear()
    get_backend.cache_clear()


@pytest.fixture
def demo_articles():
    """The demo's articles by slug and title, without the demo's pictures (quicker)."""
    _home, sections = make_site()
    return [
        make_article(sections["Umum"], title=demo.title, slug=demo.slug)
        for demo in [SEED, *NEIGHBOURS]
    ]


def most_read(client):
    """Return {window: (linked titles, visible text)} of the front page's `Terpopuler` box."""
    page = parse(client.get("/"))
    windows = {}
    for window in ("day", "week"):
        box = page.xpath(f"//*[@data-most-read='{window}']")[0]
        windows[window] = ([visible_text(a) for a in box.xpath(".//a")], visible_text(box))
    return windows


def test_a_fresh_demo_shows_both_most_read_lists_full(client):
    call_command("demo", no_serve=True, stdout=StringIO())

    windows = most_read(client)
    demo_titles = {demo.title for demo in [SEED, *NEIGHBOURS]}
    for titles, text in windows.values():
        assert len(titles) == 5, text
        assert set(titles) <= demo_titles
        assert EMPTY not in text
    assert windows["day"][1].startswith("24 jam terakhir")
    assert windows["week"][1].startswith("7 hari terakhir")


def test_recording_the_demo_readers_again_counts_none_twice(demo_articles):
    now = datetime.now(UTC)
    assert record_demo_reads(now) > 0
    week = get_backend().top(WEEK_HOURS, 100, now=now)

    assert record_demo_reads(now) == 0
    assert get_backend().top(WEEK_HOURS, 100, now=now) == week


def test_a_site_without_reads_still_says_so(client, demo_articles):

    for titles, text in most_read(client).values():
        assert titles == []
        assert text.endswith(EMPTY)
