"""`Terpopuler` on the front page: ranked by views, both windows, no query per item."""

from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.news.factories import make_article, make_site
from tests.news.pagetext import parse, visible_text
from warta.readership.backends import get_backend
from warta.readership.popular import CACHE_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_articles():
    home, sections = make_site()
    articles = [
        make_article(sections["Internasional" if n % 2 else "Umum"], title=f"Berita nomor {n}")
        for n in range(7)
    ]
    return home, articles


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    """Render the front page each time. Clearing the page cache instead would wipe the counts
    too when both live in the same Redis database."""
    settings.WARTA_PAGE_CACHE = False


def count(article, views, when=None):
    for _ in range(views):
        get_backend().record(article.pk, when=when)
    get_backend().flush()  # what the background timer does within FLUSH_SECONDS


def most_read(client, window):
    page = parse(client.get("/"))
    box = page.xpath(f"//*[@data-most-read='{window}']")[0]
    return [visible_text(a) for a in box.xpath(".//a")], visible_text(box)


def test_front_page_ranks_by_views_in_each_window(client, site_with_articles):
    _home, articles = site_with_articles
    count(articles[3], 5)
    count(articles[1], 3)
    count(articles[5], 9, when=datetime.now(UTC) - timedelta(days=2))

    day, day_text = most_read(client, "day")
    week, _ = most_read(client, "week")
    assert day == ["Berita nomor 3", "Berita nomor 1"]
    assert week == ["Berita nomor 5", "Berita nomor 3", "Berita nomor 1"]
    assert day_text.startswith("24 jam terakhir")
    assert "Internasional" in day_text  # section label of each story


def test_unpublished_articles_leave_the_ranking(client, site_with_articles):
    _home, articles = site_with_articles
    count(articles[2], 4)
    count(articles[4], 2)
    articles[2].unpublish()
    assert most_read(client, "day")[0] == ["Berita nomor 4"]


def test_empty_ranking_says_so(client, site_with_articles):
    assert most_read(client, "day") == ([], "24 jam terakhir Belum cukup pembaca yang tercatat.")


def home_queries(client):
    cache.delete(CACHE_KEY % {"limit": 5})  # rankings fetched again, as on a cold cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_ranking_costs_no_query_per_item(client, site_with_articles):
    _home, articles = site_with_articles
    client.get("/")  # warm the caches every request shares (site root paths)
    count(articles[0], 1)
    one_item = home_queries(client)
    for n, article in enumerate(articles):
        count(article, n + 1)
    assert home_queries(client) == one_item
    assert len(most_read(client, "day")[0]) == 5
