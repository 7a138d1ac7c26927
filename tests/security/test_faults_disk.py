"""The media disk fills up during an image upload in the admin.

The disk is "filled" by making the file system write fail with ENOSPC after half the bytes,
as a real full disk does: the partial file is left for Warta to clean up.
"""

import errno
from io import BytesIO
from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

# Committed for real, as in production: a row written before the failure would stay.
pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = "Berkas tidak tersimpan: disk server penuh"


def jpeg_upload(name="banjir.jpg"):
    buffer = BytesIO()
    PILImage.new("RGB", (640, 480), (30, 90, 160)).save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def write_half_then_fail(storage, name, content):
    path = Path(storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.read()
    path.write_bytes(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.fixture
def editor(client, tmp_path):
    user = get_user_model().objects.create_superuser("redaktur", "r@example.com", "sandi-9-x")
    client.force_login(user)
    with override_settings(MEDIA_ROOT=tmp_path / "media"), translation.override("id"):
        yield client


def media_files(root):
    return [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.fixture
def full_disk():
    with mock.patch.object(FileSystemStorage, "_save", write_half_then_fail):
        yield


def test_multiple_upload_on_a_full_disk_says_so_and_keeps_nothing(editor, settings, full_disk):
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": jpeg_upload()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert MESSAGE in answer["error_message"]
    assert not get_image_model().objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []


def test_single_upload_on_a_full_disk_says_so_and_keeps_nothing(editor, settings, full_disk):
    response = editor.post(
        "/admin/images/add/",
        {"title": "Banjir", "file": jpeg_upload(), "collection": 1},
        HTTP_ACCEPT_LANGUAGE="id",
        follow=True,
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not get_image_model().objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []


def test_the_same_upload_goes_through_once_there_is_space(editor, settings):
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": jpeg_upload()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.json()["success"] is True
    assert get_image_model().objects.count() == 1
    assert len(media_files(settings.MEDIA_ROOT)) == 1
