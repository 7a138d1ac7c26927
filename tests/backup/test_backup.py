"""`warta backup` and `warta restore`: a round trip gives back every row and file, byte for byte."""

import hashlib
import io
import shutil
import tarfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest

from tests.news.factories import make_article, make_image, make_site, paragraphs

pytestmark = pytest.mark.django_db(transaction=True)


def table_digests():
    """Return {table: SHA-256 of all its rows as the database returns them, sorted}."""
    digests = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(map(bytes_if_memoryview, row))) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def bytes_if_memoryview(value):
    return bytes(value) if isinstance(value, memoryview) else value


def media_digests(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def newsroom(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _, sections = make_site(sections=("Umum", "Ekonomi"))
    image = make_image("Banjir Medan")
    rendition = image.get_rendition("fill-300x200")
    article = make_article(
        sections["Ekonomi"],
        title="Harga cabai naik menjelang Lebaran",
        featured_image=image,
        tags=("cabai", "pasar"),
    )
    article.body = [paragraphs("Revisi kedua dengan paragraf baru: “kutip” dan é.")]
    article.save_revision().publish()
    get_user_model().objects.create_user("redaktur", "redaktur@example.com", "sandi-rahasia-9")
    return {"article": article, "image": image, "rendition": rendition}


def test_a_round_trip_restores_every_row_and_file(newsroom, settings, tmp_path):
    before = table_digests()
    media_before = media_digests(settings.MEDIA_ROOT)
    assert Revision.objects.filter(object_id=str(newsroom["article"].pk)).count() == 2
    assert len(media_before) >= 2, "the original and a rendition"

    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))

    # Lose the revisions, the users, the images and their files; garble the article's title.
    Revision.objects.all().delete()
    Page.objects.filter(pk=newsroom["article"].pk).update(title="dirusak")
    get_user_model().objects.all().delete()
    get_image_model().objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)
    assert table_digests() != before

    call_command("restore", str(archive), "--force", stdout=StringIO())

    assert table_digests() == before
    assert media_digests(settings.MEDIA_ROOT) == media_before
    article = Page.objects.get(pk=newsroom["article"].pk).specific
    assert article.title == "Harga cabai naik menjelang Lebaran"
    assert "kutip" in str(article.body)
    assert get_user_model().objects.get(username="redaktur").check_password("sandi-rahasia-9")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"


def rewrite_archive(source, target, change):
    """Copy a tar.gz member by member, letting `change(name, data)` alter or drop each."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


DAMAGES = {
    "flipped bit in an image": lambda name, data: (
        data[:-1] + bytes([data[-1] ^ 1]) if "original_images" in name else data
    ),
    "images left out": lambda name, data: None if name.startswith("media/") else data,
    "emptied database dump": lambda name, data: b"" if name.startswith("database") else data,
}


def test_a_damaged_archive_is_refused_and_nothing_changes(newsroom, tmp_path):
    archive = tmp_path / "good.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    before = table_digests()

    for label, damage in DAMAGES.items():
        damaged = tmp_path / f"{label}.tar.gz"
        rewrite_archive(archive, damaged, damage)
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(damaged), "--force")
        assert "damaged" in str(refused.value) and "Nothing was restored" in str(refused.value)

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(truncated), "--force")

    assert table_digests() == before
