"""`warta source add|list` and `warta ingest` as an editor on a terminal sees them."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.models import FeedStatus
from warta.ingest.runs import poll_due_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_list_and_ingest(feed_server):
    sections = make_site(sections=("Umum", "Internasional"))[1]
    feed_server.routes["/rss"] = Route(
        body=rss([rss_item("Gempa Cianjur", "Rumah rusak.", guid="1")]).encode()
    )
    url = feed_server.url("/rss")
    run(
        "source",
        "add",
        url,
        "--name",
        "interfax.ru",
        "--section",
        "Internasional",
        "--language",
        "en",
        "--auto-publish",
    )
    source = Source.objects.get(name="interfax.ru")
    assert (source.feed_url, source.section, source.language, source.auto_publish) == (
        url,
        sections["Internasional"],
        "en",
        True,
    )

    out, err = run("ingest", "--all")
    assert "interfax.ru: 1 baru, 0 duplikat, 0 diperbarui, 0 gagal" in out
    assert "[#" not in err  # no progress bar when the output is not a terminal
    assert ArticlePage.objects.get().live

    out, _ = run("source", "list")
    assert "interfax.ru" in out and "Terbaca, 1 baru" in out

    out, _ = run("ingest")  # nothing due: the poll interval has not passed
    assert "interfax.ru" not in out


def test_add_refuses_bad_input_and_names_the_fix(feed_server):
    make_site()
    with pytest.raises(CommandError, match="diawali http:// atau https://"):
        run("source", "add", "ftp://wire.example/rss", "--name", "A")
    with pytest.raises(CommandError, match="WARTA_INGEST_ALLOW_HOSTS"):
        run("source", "add", "http://192.168.0.10/rss", "--name", "A")
    with pytest.raises(CommandError, match="pilih salah satu: Umum"):
        run("source", "add", feed_server.url("/rss"), "--name", "A", "--section", "Tidak ada")
    run("source", "add", feed_server.url("/rss"), "--name", "A")
    with pytest.raises(CommandError, match="pilih --name lain"):
        run("source", "add", feed_server.url("/rss"), "--name", "A")
    assert Source.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the sources are read in threads of their own
def test_scheduler_job_reads_only_due_sources(feed_server, settings):
    assert "warta.ingest.runs.poll_due_sources" in settings.WARTA_SCHEDULER_JOBS
    make_site()
    feed_server.routes["/a"] = Route(body=rss([rss_item("A", "a", guid="a")]).encode())
    feed_server.routes["/b"] = Route(body=rss([rss_item("B", "b", guid="b")]).encode())
    due = Source.objects.create(name="Due", feed_url=feed_server.url("/a"))
    later = Source.objects.create(name="Later", feed_url=feed_server.url("/b"))
    Source.objects.create(name="Off", feed_url=feed_server.url("/b"), active=False)
    FeedStatus.objects.create(
        source=later, next_run_at=timezone.now() + timezone.timedelta(hours=1)
    )
    for thread in poll_due_sources():
        thread.join()
    assert list(FeedStatus.objects.filter(last_run_at__isnull=False)) == [due.feed_status]
    assert feed_server.hits == ["/a"]
    assert ArticlePage.objects.get().title == "A"
