"""`warta scheduler` publishes on time while a wire source hangs: ingest never holds it up."""

import sqlite3
import subprocess
import time
from contextlib import closing

from django.db import connection

import pytest

from tests.delivery.services import WARTA, warta_env
from tests.ingest.rawserver import RawServer, trickle
from tests.news.factories import make_article, make_site
from warta.backup.archive import dump_database
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db(transaction=True)

SCHEDULE = (
    "from datetime import timedelta; from django.utils import timezone;"
    "from warta.news.models import ArticlePage;"
    "page = ArticlePage.objects.get(pk={pk});"
    "page.go_live_at = timezone.now() + timedelta(seconds=1);"
    "page.save_revision().publish()"
)


def hang(send):
    """Answer with header lines one byte every half second: never a timeout, never an end."""
    if send(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"):
        while trickle(send, b"X-Tunggu: sebentar lagi\r\n", 0.5):
            pass


def database(tmp_path):
    """Return the DATABASE_URL a subprocess reaches this test's data with, and a way to ask
    it whether a page is live."""
    if connection.vendor == "sqlite":
        path = tmp_path / "warta.sqlite3"
        dump_database(path)

        def live(pk):
            with closing(sqlite3.connect(path)) as db:
                query = "SELECT live FROM wagtailcore_page WHERE id = ?"
                return bool(db.execute(query, [pk]).fetchone()[0])

        return f"sqlite:///{path}", live
    conf = connection.settings_dict
    url = f"postgres://{conf['USER']}@{conf['HOST']}:{conf['PORT']}/{conf['NAME']}"
    return url, lambda pk: ArticlePage.objects.get(pk=pk).live


def test_a_hanging_source_never_delays_scheduled_publishing(tmp_path, settings):
    _, sections = make_site()
    article = make_article(sections["Umum"], title="Pengumuman kabinet", live=False)
    with RawServer(hang, limit=90) as wire:
        Source.objects.create(name="Lambat", feed_url=wire.url())
        url, is_live = database(tmp_path)
        env = warta_env(
            DATABASE_URL=url,
            WARTA_VAR_DIR=str(tmp_path / "var"),
            WARTA_MEDIA_ROOT=str(settings.MEDIA_ROOT),
            WARTA_INGEST_ALLOW_HOSTS=wire.host,
        )
        scheduler = subprocess.Popen(
            [WARTA, "scheduler", "--interval", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(lambda: wire.requests == 1, "the scheduler to read the source")
            subprocess.run(
                [WARTA, "shell", "-c", SCHEDULE.format(pk=article.pk)],
                env=env,
                check=True,
                capture_output=True,
                timeout=120,
            )
            wait_for(lambda: is_live(article.pk), "the scheduled article to go live")
            assert wire.endings == []  # published while the source's fetch still hangs
        finally:
            scheduler.kill()
            scheduler.wait(timeout=30)


def wait_for(condition, what, limit=60):
    ends = time.monotonic() + limit
    while not condition():
        if time.monotonic() > ends:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)
