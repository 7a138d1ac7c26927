"""`warta ingest` and `warta import_wordpress` killed (SIGKILL) partway, then run again.

Each item is written in one transaction: whatever moment the process dies, an article is
there whole (title, body, source) or not at all, and the next run finishes the job without
making anything twice. The commands run as subprocesses on a database file made from the
test database (SQLite) or on the test database itself (PostgreSQL), which the test reads back.
"""

import signal
import sqlite3
import subprocess
import time
from io import BytesIO

from django.conf import settings
from django.db import connection

from wagtail.models import Page

import pytest
from PIL import Image as PILImage

from tests.delivery.services import WARTA, warta_env
from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import FeedServer, Route
from tests.news.factories import make_site
from tests.wordpress.builder import Export, Post
from warta.backup.archive import dump_database, load_database
from warta.ingest.models import IngestedItem
from warta.news.models import ArticlePage, Source
from warta.wordpress.models import ImportedObject

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = """
    pemerintah daerah warga banjir harga pasar sekolah jalan kereta listrik panen nelayan
    gunung hujan petani beras gula minyak kapal pelabuhan bandara presiden menteri gubernur
    bupati polisi tentara dokter rumah sakit guru murid kampus buku musik film sepak bola
    stadion pantai hutan sungai danau kota desa pabrik buruh gaji pajak bank saham emas
    kopi teh cabai bawang garam ikan sapi kambing ayam telur susu roti mobil motor bus
""".split()  # noqa: SIM905


def story(number):
    """A text of its own words for each number (0 to 7), so that no two are near-duplicates."""
    own = WORDS[number * 8 : number * 8 + 8]
    return " ".join(own + own[::-1] + own[1::2]) + "."


class Worker:
    """Runs `warta` subprocesses on the test's data and reads what they wrote."""

    def __init__(self, tmp_path):
        self.sqlite = connection.vendor == "sqlite"
        self.file = tmp_path / "warta.sqlite3"
        database = settings.DATABASES["default"]
        if self.sqlite:
            url = f"sqlite:///{self.file}"
        else:
            user = database.get("USER") or "postgres"
            host = database.get("HOST") or "127.0.0.1"
            url = f"postgres://{user}@{host}:{database.get('PORT') or 5432}/{database['NAME']}"
        self.env = warta_env(
            DATABASE_URL=url,
            WARTA_VAR_DIR=str(tmp_path / "var"),
            WARTA_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        )

    def hand_over(self):
        """Give the subprocesses what the test wrote."""
        if self.sqlite:
            dump_database(self.file)

    def take_back(self):
        """Read what the subprocesses wrote through the test's own connection."""
        if self.sqlite:
            load_database(self.file, "sqlite")

    def count(self, table):
        if self.sqlite:
            with sqlite3.connect(self.file, timeout=10) as db:
                return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            return cursor.fetchone()[0]

    def start(self, *args):
        return subprocess.Popen(
            [WARTA, *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args):
        done = subprocess.run(
            [WARTA, *args], env=self.env, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def kill_when(self, process, ready, timeout=120):
        """SIGKILL the process as soon as ready() is true; return whether it was still running."""
        deadline = time.monotonic() + timeout
        while not ready():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the command made no progress"
            time.sleep(0.05)
        alive = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return alive


def jpeg():
    buffer = BytesIO()
    PILImage.new("RGB", (320, 200), (180, 40, 40)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def assert_whole(articles):
    for article in articles:
        assert article.title and article.lead, article.pk
        assert len(str(article.body)) > 100, f"article {article.pk} has no body"


def test_ingest_killed_mid_run_leaves_whole_articles_and_finishes_on_rerun(tmp_path):
    _, sections = make_site(sections=("Umum",))
    items = 5
    with FeedServer() as feeds:
        # Each picture comes slowly: the run is long enough to be killed in the middle.
        image = Route(body=jpeg(), content_type="image/jpeg", trickle=0.0002)
        for number in range(items):
            feeds.routes[f"/foto/{number}.jpg"] = image
        feeds.routes["/wire.xml"] = Route(
            body=rss(
                [
                    rss_item(
                        f"Kabar {WORDS[number * 8]} nomor {number}",
                        story(number),
                        guid=f"wire-{number}",
                        content=f"<p>{story(number)}</p>",
                        image=feeds.url(f"/foto/{number}.jpg"),
                    )
                    for number in range(items)
                ]
            ).encode()
        )
        source = Source.objects.create(
            name="Kantor Berita", feed_url=feeds.url("/wire.xml"), section=sections["Umum"]
        )
        worker = Worker(tmp_path)
        worker.env["WARTA_INGEST_ALLOW_HOSTS"] = feeds.host
        worker.hand_over()

        process = worker.start("ingest", "--all")
        assert worker.kill_when(process, lambda: worker.count("ingest_ingesteditem") >= 2)
        worker.take_back()
        partial = list(ArticlePage.objects.filter(source=source))
        assert 2 <= len(partial) < items, "killed in the middle"
        assert_whole(partial)

        worker.hand_over()
        worker.run("ingest", "--all")
        worker.take_back()

    articles = list(ArticlePage.objects.filter(source=source))
    assert len(articles) == items
    assert len({article.title for article in articles}) == items
    assert_whole(articles)
    assert IngestedItem.objects.filter(source=source).count() == items
    assert all(article.featured_image_id for article in articles)


def test_import_killed_mid_run_leaves_whole_articles_and_finishes_on_rerun(tmp_path):
    make_site(sections=("Umum",))
    posts = 24
    export = Export(
        authors=[("redaksi", "Redaksi", "redaksi@lama.example")],
        categories=[("berita", "Berita", "")],
        items=[
            Post(
                post_id=1000 + number,
                title=f"Arsip lama nomor {number}",
                slug=f"arsip-lama-{number}",
                excerpt=f"Ringkasan arsip nomor {number}.",
                content=f"<p>Laporan arsip nomor {number}.</p><p>{story(number % 8)}</p>",
                categories=[("berita", "Berita")],
            )
            for number in range(posts)
        ],
    ).write(tmp_path / "ekspor.xml")
    worker = Worker(tmp_path)
    worker.hand_over()

    process = worker.start("import_wordpress", str(export))
    assert worker.kill_when(process, lambda: worker.count("news_articlepage") >= 3)
    worker.take_back()
    partial = list(ArticlePage.objects.all())
    assert 3 <= len(partial) < posts, "killed in the middle"
    assert_whole(partial)

    worker.hand_over()
    worker.run("import_wordpress", str(export))
    worker.take_back()

    articles = list(ArticlePage.objects.all())
    assert len(articles) == posts
    assert len({article.title for article in articles}) == posts
    assert_whole(articles)
    assert ImportedObject.objects.filter(kind="post").count() == posts
    assert Page.objects.filter(slug__startswith="arsip-lama-").count() == posts
