"""The most-read counter: the beacon, bot filtering, the 24 h and 7 day windows, batching."""

import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.test import override_settings

import pytest
import redis

from tests.news.factories import make_article, make_site
from warta.readership.backends import get_backend
from warta.readership.backends.database import DatabaseBackend
from warta.readership.backends.redis import RedisBackend
from warta.readership.models import HourlyViews
from warta.readership.popular import RANKING_SECONDS

pytestmark = pytest.mark.django_db

READER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A146P) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "",
]


@pytest.fixture
def articles():
    _home, sections = make_site()
    return [make_article(sections["Umum"], title=f"Berita {n}") for n in range(3)]


def beacon(client, article, user_agent=READER, **headers):
    return client.post(f"/-/dibaca/{article.pk}/", headers={"User-Agent": user_agent, **headers})


def ranking(hours=24):
    get_backend().flush()
    return get_backend().top(hours, 10)


def test_beacon_counts_a_readers_view(client, articles):
    response = beacon(client, articles[0])
    assert response.status_code == 204
    assert "no-cache" in response["Cache-Control"]
    beacon(client, articles[0])
    beacon(client, articles[1])
    assert ranking() == [(articles[0].pk, 2), (articles[1].pk, 1)]


def test_beacon_only_accepts_post(client, articles):
    assert client.get(f"/-/dibaca/{articles[0].pk}/").status_code == 405
    assert ranking() == []


@pytest.mark.parametrize("user_agent", ROBOTS)
def test_robots_and_tools_are_not_counted(client, articles, user_agent):
    assert beacon(client, articles[0], user_agent=user_agent).status_code == 204
    assert ranking() == []


def test_prefetches_are_not_counted(client, articles):
    beacon(client, articles[0], **{"Sec-Purpose": "prefetch;prerender"})
    beacon(client, articles[0], Purpose="prefetch")
    assert ranking() == []


def test_unknown_and_unpublished_articles_are_not_counted(client, articles):
    draft = make_article(articles[0].get_parent(), live=False)
    assert client.post("/-/dibaca/999999/", headers={"User-Agent": READER}).status_code == 204
    beacon(client, draft)
    assert ranking() == []
    assert client.post("/-/dibaca/abc/", headers={"User-Agent": READER}).status_code == 404


@pytest.fixture(params=["database", "redis"])
def backend(request):
    if request.param == "database":
        yield DatabaseBackend(flush_seconds=3600, flush_size=10_000)
        return
    location = settings.REDIS_URL or "redis://127.0.0.1:6379/7"
    try:
        redis.Redis.from_url(location, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if settings.REDIS_URL:
            raise
        pytest.skip("no Redis at 127.0.0.1:6379: the Redis backend runs with REDIS_URL set")
    counter = RedisBackend(location=location, prefix=f"test-readership-{uuid.uuid4().hex}")
    yield counter
    counter.clear()


def test_windows_hold_the_last_24_hours_and_the_last_7_days(backend, articles):
    now = datetime.now(UTC)
    fresh, older, stale = articles
    for _ in range(2):
        backend.record(fresh.pk, when=now)
    for _ in range(5):
        backend.record(older.pk, when=now - timedelta(hours=30))
    backend.record(fresh.pk, when=now - timedelta(hours=22, minutes=50))  # still in 24 h
    backend.record(older.pk, when=now - timedelta(days=6, hours=20))  # still in 7 days
    for _ in range(9):
        backend.record(stale.pk, when=now - timedelta(days=8))  # too old for both
    backend.flush()

    assert backend.top(24, 10, now=now) == [(fresh.pk, 3)]
    assert backend.top(24 * 7, 10, now=now) == [(older.pk, 6), (fresh.pk, 3)]
    assert backend.top(24 * 7, 1, now=now) == [(older.pk, 6)]


def test_database_backend_writes_in_batches(articles):
    counter = DatabaseBackend(flush_seconds=3600, flush_size=3)
    counter.record(articles[0].pk)
    counter.record(articles[0].pk)
    counter.record(articles[1].pk)
    assert HourlyViews.objects.count() == 0  # two distinct rows pending: below the batch size
    counter.record(articles[2].pk)  # the third distinct row fills the batch
    assert {(row.article_id, row.views) for row in HourlyViews.objects.all()} == {
        (articles[0].pk, 2),
        (articles[1].pk, 1),
        (articles[2].pk, 1),
    }
    counter.record(articles[0].pk)
    counter.flush()
    assert HourlyViews.objects.get(article=articles[0]).views == 3


def test_database_backend_flushes_after_its_interval(articles):
    counter = DatabaseBackend(flush_seconds=0, flush_size=10_000)
    counter.record(articles[0].pk)
    assert HourlyViews.objects.get().views == 1


def test_database_backend_drops_counts_older_than_eight_days(articles):
    counter = DatabaseBackend(flush_seconds=3600)
    counter.record(articles[0].pk, when=datetime.now(UTC) - timedelta(days=9))
    counter.record(articles[1].pk)
    counter.flush()
    assert list(HourlyViews.objects.values_list("article_id", flat=True)) == [articles[1].pk]


def test_most_read_is_fresh_within_a_minute():
    # A view reaches the ranking after at most one flush interval and one cache lifetime.
    flush_seconds = DatabaseBackend().flush_seconds
    assert RANKING_SECONDS + flush_seconds <= 60


@override_settings(WARTA_READERSHIP={"BACKEND": "warta.readership.backends.nowhere.Backend"})
def test_a_wrong_backend_setting_names_the_fix():
    from django.core.exceptions import ImproperlyConfigured

    get_backend.cache_clear()
    with pytest.raises(ImproperlyConfigured, match="WARTA_READERSHIP"):
        get_backend()
    get_backend.cache_clear()
