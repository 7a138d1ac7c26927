"""Editors see each feed's last run, counts and last error in the admin, in Indonesian."""

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from warta.ingest.models import FeedStatus
from warta.news.models import Source

pytestmark = pytest.mark.django_db


def test_feed_status_list_shows_outcome_and_error(client):
    editor = get_user_model().objects.create_superuser("redaktur", "r@warta.example", "pw")
    client.force_login(editor)
    ok = Source.objects.create(name="Antara", feed_url="https://antara.example/rss")
    broken = Source.objects.create(name="Tass", feed_url="https://tass.example/rss")
    now = timezone.now()
    FeedStatus.objects.create(source=ok, last_run_at=now, outcome="ok", new=7, duplicate=3)
    FeedStatus.objects.create(
        source=broken,
        last_run_at=now,
        outcome="failed",
        last_error="The server answered 500 Internal Server Error for https://tass.example/rss.",
    )
    page = client.get("/admin/feed-status/").content.decode()
    assert "Status feed" in page
    assert "Antara" in page and "Tass" in page
    assert "Gagal" in page and "Terbaca" in page
    assert "The server answered 500 Internal Server Error" in page
