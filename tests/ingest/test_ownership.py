"""A source changes only the articles it created and no person has touched since (source vs.
article): any other match only credits it, and people's drafts are never matched at all."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.ingest.test_pipeline import QUAKE, QUAKE_OTHER_WIRE
from tests.news.factories import make_site, paragraphs
from warta.ingest.models import ArticleSource, FeedStatus
from warta.ingest.runs import ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

CHANGED = ("DIUBAH: tsunami besar di Cianjur", "Teks yang diganti oleh kantor berita lain.")


@pytest.fixture
def umum(db):
    return make_site()[1]["Umum"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktur", password="x")  # noqa: S106


def wire(server, name, story, *, guid, auto_publish=True):
    """Serve one item of `story` for a source called `name`; return the source."""
    path = f"/{name}"
    serve(server, path, story, guid)
    return Source.objects.create(
        name=name, feed_url=server.url(path), auto_publish=auto_publish, home_url=""
    )


def serve(server, path, story, guid):
    link = f"https://{path.strip('/')}.example/{guid}"
    server.routes[path] = Route(body=rss([rss_item(*story, guid=guid, link=link)]).encode())


def staff_article(section, editor, story, *, live=True, go_live_at=None):
    """Write an article as a person does in the admin: their revision, their publish."""
    title, text = story
    article = ArticlePage(
        title=title,
        slug=f"staf-{abs(hash(title)) % 10**6}",
        lead=text[:80],
        body=[paragraphs(text)],
        live=False,
        go_live_at=go_live_at,
    )
    section.add_child(instance=article)
    revision = article.save_revision(user=editor, log_action=True)
    if live or go_live_at:
        revision.publish(user=editor)
    return ArticlePage.objects.get(pk=article.pk)


def text_of(article):
    article.refresh_from_db()
    latest = article.get_latest_revision_as_object()
    return latest.title, str(latest.body[0].value)


def test_a_wire_matching_a_staff_article_only_credits_itself(feed_server, umum, editor):
    staff = staff_article(umum, editor, QUAKE)
    before = text_of(staff)
    kompas = wire(feed_server, "kompas", QUAKE_OTHER_WIRE, guid="k1")
    assert ingest_sources([kompas])[0].duplicate == 1
    assert ArticleSource.objects.filter(article=staff, source=kompas).exists()

    serve(feed_server, "/kompas", CHANGED, "k1")
    ingest_sources([kompas])
    assert text_of(staff) == before
    assert not ArticlePage.objects.filter(title=CHANGED[0]).exists()
    assert "not applied" in FeedStatus.objects.get(source=kompas).last_error


def test_an_embargoed_draft_is_never_matched_nor_published(feed_server, umum, editor):
    embargo = timezone.now() + timedelta(hours=6)
    draft = staff_article(umum, editor, QUAKE, live=False, go_live_at=embargo)
    kompas = wire(feed_server, "kompas", QUAKE_OTHER_WIRE, guid="k1")
    summary = ingest_sources([kompas])[0]
    assert (summary.new, summary.duplicate) == (1, 0)  # the wire's own article instead

    serve(feed_server, "/kompas", CHANGED, "k1")
    ingest_sources([kompas])
    draft.refresh_from_db()
    assert not draft.live and draft.title == QUAKE[0]
    assert draft.get_latest_revision().approved_go_live_at == embargo
    assert not ArticleSource.objects.filter(article=draft).exists()


def test_a_wire_never_rewrites_or_publishes_another_wires_article(feed_server, umum):
    antara = wire(feed_server, "antara", QUAKE, guid="a1", auto_publish=False)
    kompas = wire(feed_server, "kompas", QUAKE_OTHER_WIRE, guid="k1")
    ingest_sources([antara])
    theirs = ArticlePage.objects.get(source=antara)
    before = text_of(theirs)
    assert ingest_sources([kompas])[0].duplicate == 1  # an untouched wire draft is matched

    serve(feed_server, "/kompas", CHANGED, "k1")
    ingest_sources([kompas])
    theirs.refresh_from_db()
    assert not theirs.live  # kompas publishes automatically; antara's draft waits for review
    assert text_of(theirs) == before
    assert ArticleSource.objects.filter(article=theirs, source=kompas).exists()


def test_a_wire_no_longer_changes_its_article_once_an_editor_has_edited_it(
    feed_server, umum, editor
):
    antara = wire(feed_server, "antara", QUAKE, guid="a1")
    ingest_sources([antara])
    article = ArticlePage.objects.get(source=antara)
    edited = article.get_latest_revision_as_object()
    edited.title = "Gempa Cianjur: 12 rumah rusak (disunting redaksi)"
    edited.save_revision(user=editor, log_action=True).publish(user=editor)

    serve(feed_server, "/antara", CHANGED, "a1")
    summary = ingest_sources([antara])[0]
    assert summary.updated == 0
    assert text_of(article)[0] == "Gempa Cianjur: 12 rumah rusak (disunting redaksi)"
    assert "not applied" in FeedStatus.objects.get(source=antara).last_error


def test_a_wire_still_updates_its_own_untouched_article(feed_server, umum):
    antara = wire(feed_server, "antara", QUAKE, guid="a1")
    ingest_sources([antara])
    serve(feed_server, "/antara", CHANGED, "a1")
    assert ingest_sources([antara])[0].updated == 1
    article = ArticlePage.objects.get(source=antara)
    assert article.live and article.title == CHANGED[0]
