"""Only the wire desk aims a source: its feed URL, its section and automatic publishing.

A section editor may still add and edit sources for attribution (name, home page, policy), but
through no admin form (add, edit, copy, or revert to an old version) can they point a feed
into another section or let it publish without review.
"""

from django.urls import reverse

import pytest

from tests.news.factories import make_site
from tests.newsroom.newsroom import make_user
from warta.news.models import Source
from warta.newsroom.roles import ADMIN, EDITOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    _home, sections = make_site(sections=("Olahraga", "Ekonomi"))
    editor = make_user("olga", EDITOR, sections["Olahraga"])
    admin = make_user("adi", ADMIN)
    return sections["Olahraga"], sections["Ekonomi"], editor, admin


def url(name, *args):
    return reverse(Source.snippet_viewset.get_url_name(name), args=args)


def form(name, section, **overrides):
    data = {
        "name": name,
        "home_url": "https://kawat.example/",
        "syndication_policy": "republish",
        "feed_url": "https://kawat.example/rss",
        "language": "id",
        "section": str(section.pk),
        "poll_minutes": "15",
        "active": "on",
        "auto_publish": "on",
    }
    data.update(overrides)
    return data


def wire_settings(source):
    source.refresh_from_db()
    return source.feed_url, source.section_id, source.auto_publish


def test_section_editor_creates_no_wire_source_through_the_add_form(client, newsroom):
    olahraga, ekonomi, editor, _admin = newsroom
    client.force_login(editor)
    page = client.get(url("add")).content.decode()
    assert 'name="feed_url"' not in page and 'name="auto_publish"' not in page

    client.post(url("add"), form("Kawat Bola", ekonomi))
    source = Source.objects.get(name="Kawat Bola")
    assert wire_settings(source) == ("", None, False)


def test_section_editor_cannot_aim_a_wire_source_at_another_section(client, newsroom):
    olahraga, ekonomi, editor, _admin = newsroom
    source = Source.objects.create(
        name="Kawat Bola", feed_url="https://kawat.example/bola", section=olahraga
    )
    client.force_login(editor)
    response = client.post(
        url("edit", source.pk),
        form("Kawat Bola Baru", ekonomi, feed_url="https://internal.example/rss"),
    )
    assert response.status_code == 302
    assert Source.objects.get(pk=source.pk).name == "Kawat Bola Baru"  # the rest is theirs
    assert wire_settings(source) == ("https://kawat.example/bola", olahraga.pk, False)


def test_section_editor_cannot_restore_another_sections_aim(client, newsroom):
    olahraga, ekonomi, editor, _admin = newsroom
    source = Source.objects.create(
        name="Kawat Pasar", feed_url="https://kawat.example/pasar", section=ekonomi
    )
    old = source.save_revision()
    source.section = olahraga
    source.save()
    source.save_revision()
    client.force_login(editor)

    client.post(url("revisions_revert", source.pk, old.pk), form("Kawat Pasar", ekonomi))
    assert wire_settings(source) == ("https://kawat.example/pasar", olahraga.pk, False)

    # The copy page's form posts to the add view, which keeps a new source unaimed.
    assert 'name="section"' not in client.get(url("copy", source.pk)).content.decode()


def test_wire_desk_admin_aims_sources_through_the_same_forms(client, newsroom):
    olahraga, ekonomi, _editor, admin = newsroom
    assert admin.has_perm("news.wire_desk")
    client.force_login(admin)
    assert 'name="auto_publish"' in client.get(url("add")).content.decode()

    client.post(url("add"), form("Kawat Pasar", ekonomi))
    source = Source.objects.get(name="Kawat Pasar")
    assert wire_settings(source) == ("https://kawat.example/rss", ekonomi.pk, True)

    client.post(url("edit", source.pk), form("Kawat Pasar", olahraga, auto_publish=""))
    assert wire_settings(source) == ("https://kawat.example/rss", olahraga.pk, False)
