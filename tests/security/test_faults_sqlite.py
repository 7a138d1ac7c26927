"""SQLite locked by another writer: readers get pages, writers wait and retry or fail whole.

A second connection holds the write lock (BEGIN EXCLUSIVE) of the database file `warta serve`
uses; the file is a copy of the test database, made with SQLite's online backup.
"""

import http.cookiejar
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from django.contrib.auth import get_user_model
from django.db import connection

import pytest

from tests.delivery.services import WARTA, start_warta_serve, warta_env
from tests.delivery.test_servers import wait_until_up
from tests.news.factories import make_article, make_site
from warta.backup.archive import dump_database

pytestmark = pytest.mark.django_db(transaction=True)


class Reader:
    """A browser of sorts: keeps cookies, never raises on an HTTP error status."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def csrf(self):
        for handler in self.opener.handlers:
            if isinstance(handler, urllib.request.HTTPCookieProcessor):
                return next(c.value for c in handler.cookiejar if c.name == "csrftoken")
        raise AssertionError("no cookie jar")


def start_publishing(env, article_id, title, timeout):
    """Start a `warta shell` that loads the article, says "ready", then saves a new title."""
    code = (
        "from warta.news.models import ArticlePage;"
        f"page = ArticlePage.objects.get(pk={article_id}); page.title = {title!r};"
        "print('ready', flush=True);"
        "page.save_revision().publish()"
    )
    return subprocess.Popen(
        [WARTA, "shell", "-c", code],
        env=env | {"WARTA_SQLITE_TIMEOUT": str(timeout)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def publish(env, article_id, title, timeout):
    process = start_publishing(env, article_id, title, timeout)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture
def locked_site(tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("runs in the SQLite pass of the suite")
    _, sections = make_site(sections=("Umum", "Peristiwa"))
    article = make_article(sections["Peristiwa"], title="Kebakaran pasar di Bukittinggi")
    get_user_model().objects.create_superuser("redaktur", "r@example.com", "sandi-rahasia-9")
    database = tmp_path / "warta.sqlite3"
    dump_database(database)
    env = warta_env(
        DATABASE_URL=f"sqlite:///{database}",
        WARTA_VAR_DIR=str(tmp_path / "var"),
        WARTA_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        WARTA_SQLITE_TIMEOUT="1",
        WARTA_PAGE_CACHE="false",  # every request reads the database
    )
    base, server = start_warta_serve(env)
    try:
        wait_until_up(f"{base}/robots.txt", server)
        yield {"base": base, "env": env, "db": database, "article": article}
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_a_held_write_lock_gives_pages_or_503_and_never_corrupts(locked_site):
    base, env, article = locked_site["base"], locked_site["env"], locked_site["article"]
    reader = Reader(base)
    assert reader.open("/admin/login/")[0] == 200

    holder = sqlite3.connect(locked_site["db"], isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for path in (article.url, "/", "/peristiwa/", "/cari/?q=kebakaran", "/feed/"):
            status, text = reader.open(path)
            assert status == 200, path
        # Logging in writes the session and the last login: it waits, then gets the 503 page.
        status, text = reader.open(
            "/admin/login/",
            {
                "username": "redaktur",
                "password": "sandi-rahasia-9",
                "csrfmiddlewaretoken": reader.csrf(),
            },
        )
        assert status == 503, (status, text[:500])
        assert "Sedang tidak tersedia" in text and "Traceback" not in text

        # A save that outlasts the wait fails whole: nothing of it is written.
        failed = publish(env, article.pk, "Judul yang tidak pernah tersimpan", timeout=1)
        assert failed.returncode != 0 and "database is locked" in failed.stderr

        # A save that starts under the lock waits for it and goes through once it is released.
        writer = start_publishing(
            env, article.pk, "Kebakaran pasar padam, 40 kios hangus", timeout=15
        )
        said = ""
        while said.strip() != "ready":  # after the shell's own lines
            said = writer.stdout.readline()
            assert said, "the writer ended before saving"
        time.sleep(1.5)  # the writer is now waiting for the lock
        assert writer.poll() is None, "the save did not wait for the lock"
    finally:
        holder.execute("COMMIT")
        holder.close()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err

    status, text = reader.open(article.url)
    assert status == 200 and "40 kios hangus" in text
    assert "tidak pernah tersimpan" not in text
    check = sqlite3.connect(locked_site["db"])
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    titles = [row[0] for row in check.execute("SELECT title FROM wagtailcore_page")]
    check.close()
    assert "Judul yang tidak pernah tersimpan" not in titles
