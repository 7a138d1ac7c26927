"""PostgreSQL lost under a running `warta serve` and a `warta ingest`.

Cached pages are still served; every other request gets the branded Indonesian 503 within
3 seconds, with nothing of the failure in it; ingest fails in plain words and reads the same
sources again once the database is back. PostgreSQL is reached through a proxy the test
cuts (never by stopping the shared server), on the test run's own database.
"""

import os
import re
import subprocess

from django.conf import settings
from django.db import connection

import pytest

from tests.delivery.services import WARTA, CuttableProxy, start_warta_serve, warta_env
from tests.delivery.test_servers import get, wait_until_up
from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import FeedServer, Route
from tests.news.factories import make_article, make_site
from warta.ingest.models import FeedStatus
from warta.news.models import ArticlePage, Source

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://...)",
    ),
]

# What must never reach a reader: a traceback, SQL, driver or settings names, the address.
LEAKS = re.compile(
    r"Traceback|File \"|psycopg|OperationalError|SELECT |FROM \"|DATABASES|SECRET_KEY"
    r"|settings\.py|5432",
)


@pytest.fixture
def proxied_env(tmp_path):
    database = settings.DATABASES["default"]
    proxy = CuttableProxy(database.get("HOST") or "127.0.0.1", int(database.get("PORT") or 5432))
    proxy.start()
    user = database.get("USER") or "postgres"
    env = warta_env(
        DATABASE_URL=f"postgres://{user}@127.0.0.1:{proxy.port}/{database['NAME']}",
        WARTA_VAR_DIR=str(tmp_path / "var"),
        WARTA_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        WARTA_SITE_NAME="Mercinews.com",
        WARTA_DB_CONNECT_TIMEOUT="2",
        WARTA_DEBUG="false",
    )
    yield proxy, env
    proxy.cut()


def test_lost_database_cached_pages_503_and_ingest_retries(proxied_env):
    proxy, env = proxied_env
    _, sections = make_site(sections=("Umum", "Peristiwa"))
    article = make_article(sections["Peristiwa"], title="Gempa di Cianjur, warga mengungsi")
    feeds = FeedServer().__enter__()
    feeds.routes["/wire.xml"] = Route(
        body=rss([rss_item("Jalur Puncak ditutup sementara", "Longsor.", guid="puncak")]).encode()
    )
    source = Source.objects.create(
        name="Kantor Berita", feed_url=feeds.url("/wire.xml"), section=sections["Peristiwa"]
    )
    env["WARTA_INGEST_ALLOW_HOSTS"] = feeds.host
    base, server = start_warta_serve(env)
    try:
        wait_until_up(base + "/robots.txt", server)
        status, _, text, _ = get(base + article.url, timeout=60)
        assert status == 200 and "Gempa di Cianjur" in text

        proxy.cut()
        status, headers, text, _ = get(base + article.url)
        assert status == 200 and "Gempa di Cianjur" in text, "the cached page is still served"
        for path in ("/peristiwa/", "/tag/gempa/", "/cari/?q=gempa", "/admin/login/", "/feed/"):
            status, headers, text, seconds = get(base + path)
            assert status == 503, path
            assert seconds < 3, f"{path} took {seconds:.1f} s"
            assert "Sedang tidak tersedia" in text and "Mercinews.com" in text
            assert not LEAKS.search(text), LEAKS.search(text)
            assert str(proxy.port) not in text
            assert headers["Retry-After"]

        failed = subprocess.run(
            [WARTA, "ingest"], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert failed.returncode != 0
        assert "The database cannot be reached" in failed.stderr
        assert "Traceback" not in failed.stderr + failed.stdout
    finally:
        proxy.start()
        server.terminate()
        server.wait(timeout=15)

    connection.close()  # ours went through no proxy, but start from a fresh one anyway
    assert not FeedStatus.objects.filter(source=source).exists(), "nothing recorded while down"
    ran = subprocess.run(
        [WARTA, "ingest"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    feeds.__exit__(None, None, None)
    assert ran.returncode == 0, ran.stderr
    assert FeedStatus.objects.get(source=source).outcome == FeedStatus.Outcome.OK
    assert ArticlePage.objects.filter(source=source, title__startswith="Jalur Puncak").count() == 1
