"""Image uploads: supported formats only, bounded size and pixels, safe names and types."""

import struct
import zlib
from io import BytesIO
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

import pytest
from PIL import Image as PILImage
from PIL import ImageFile

from tests.newsroom.newsroom import make_newsroom

pytestmark = pytest.mark.django_db
Image = get_image_model()


def jpeg(width=64, height=48, comment=b""):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG", comment=comment)
    return buffer.getvalue()


def png_header(width, height):
    """A PNG that claims width x height pixels in its header but holds one row of data."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


SVG = b"""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"
onload="alert(1)"><script>alert(1)</script><rect width="10" height="10"/></svg>"""
# A real JPEG whose comment segment is an HTML page: a browser that sniffs would run it.
POLYGLOT = jpeg(comment=b"<html><body><script>alert(1)</script></body></html>")


@pytest.fixture
def editor():
    _home, _umum, _intl, people = make_newsroom()
    client = Client()
    client.force_login(people["citra"])
    return client


def upload(client, name, content, title="Foto uji"):
    """Upload through the admin's single-image form; return (response, created image)."""
    before = set(Image.objects.values_list("pk", flat=True))
    response = client.post(
        "/admin/images/add/", {"title": title, "file": SimpleUploadedFile(name, content)}
    )
    created = Image.objects.exclude(pk__in=before)
    return response, created.first()


def upload_many(client, name, content):
    """Upload through the admin's multiple-image view, which answers JSON."""
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    return response.json()


def form_errors(response):
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


def test_the_supported_formats_are_set_explicitly():
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["avif", "gif", "jpg", "jpeg", "png", "webp"]


def test_a_plain_jpeg_is_accepted(editor):
    response, image = upload(editor, "foto.jpg", jpeg())
    assert response.status_code == 302
    assert image is not None and (image.width, image.height) == (64, 48)


@pytest.mark.parametrize(
    "name, content",
    [
        ("gambar.svg", SVG),
        ("gambar.svg.jpg", SVG),
        ("halaman.html", b"<html><script>alert(1)</script></html>"),
        ("halaman.jpg", b"<html><script>alert(1)</script></html>"),
        ("foto.jpg.html", POLYGLOT),
        ("skrip.php", jpeg()),
        ("foto.tiff", jpeg()),
    ],
)
def test_what_is_not_a_supported_image_is_refused_with_a_reason(editor, name, content):
    response, image = upload(editor, name, content)
    assert response.status_code == 200
    assert image is None
    message = form_errors(response)
    assert "JPG" in message or "gambar" in message.lower() or "image" in message.lower(), message
    result = upload_many(editor, name, content)
    assert result["success"] is False
    assert result["error_message"]
    assert not Image.objects.exists()


def test_an_oversized_upload_is_refused_with_its_size(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024
    big = jpeg(1200, 1200) + bytes(60 * 1024)  # JPEG readers stop at the end marker
    response, image = upload(editor, "besar.jpg", big)
    assert image is None
    message = form_errors(response)
    assert "50,0" in message or "50.0" in message, message
    result = upload_many(editor, "besar.jpg", big)
    assert result["success"] is False
    assert "50" in result["error_message"]


def test_a_large_upload_streams_to_a_temporary_file_and_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 3 * 1024 * 1024
    big = jpeg() + bytes(4 * 1024 * 1024)  # above FILE_UPLOAD_MAX_MEMORY_SIZE
    on_disk = []
    original = TemporaryUploadedFile.__init__

    def record(self, *args, **kwargs):
        on_disk.append(args)
        original(self, *args, **kwargs)

    with mock.patch.object(TemporaryUploadedFile, "__init__", record):
        response, image = upload(editor, "besar.jpg", big)
    assert on_disk, "the upload was held in memory"
    assert image is None
    assert "3,0" in form_errors(response) or "3.0" in form_errors(response)


def test_a_huge_form_body_is_refused():
    body = {"username": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "password": "x"}
    response = Client(raise_request_exception=False).post("/admin/login/", body)
    assert response.status_code == 400


def error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data().get("file", [])]


@pytest.mark.parametrize("size", [(100_000, 100_000), (9_000, 8_000)])
def test_a_pixel_bomb_is_refused_from_its_header_without_decoding(editor, size):
    bomb = png_header(*size)
    assert len(bomb) < 200  # the claim is in the header; decoding would need gigabytes
    # Decoding would call load(): make that fail loudly instead.
    with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")):
        response, image = upload(editor, "bom.png", bomb)
        result = upload_many(editor, "bom.png", bomb)
    assert image is None
    assert error_codes(response) == ["file_too_many_pixels"]
    assert "piksel" in form_errors(response).lower() or "pixel" in form_errors(response).lower()
    assert result["success"] is False
    assert not Image.objects.exists()


def test_a_damaged_image_gets_a_clear_message_not_an_error_page(editor):
    truncated = png_header(400, 300)  # a valid header, far too little data
    response, image = upload(editor, "rusak.png", truncated)
    assert response.status_code == 200
    assert image is None
    assert error_codes(response) == ["damaged_image"]
    assert "rusak atau tidak lengkap" in form_errors(response)
    result = upload_many(editor, "rusak.png", truncated)
    assert result["success"] is False and result["error_message"]


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.jpg",
        "..\\..\\windows\\foto.jpg",
        "/etc/cron.d/foto.jpg",
        "foto%00.php.jpg",
        "foto\x00.jpg",
        "fóto ñusantara 日本語 😀.jpg",
        "<script>alert(1)</script>.jpg",
        ("a" * 300) + ".jpg",
        ".htaccess.jpg",
    ],
)
def test_stored_file_names_are_normalised(editor, name):
    response, image = upload(editor, name, jpeg())
    assert image is not None, form_errors(response) if response.context else response
    stored = image.file.name
    assert stored.startswith("original_images/")
    leaf = stored.removeprefix("original_images/")
    assert "/" not in leaf and "\\" not in leaf and ".." not in leaf, stored
    assert leaf.isascii() and len(stored) <= 100, stored
    assert "<" not in leaf and "\x00" not in leaf and "%" not in leaf, stored
    path = Path(image.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.exists()


def test_the_model_form_applies_the_same_rules():
    form_class = get_image_form(Image)
    for name, content, ok in [
        ("foto.jpg", jpeg(), True),
        ("gambar.svg", SVG, False),
        ("bom.png", png_header(100_000, 100_000), False),
        ("../../etc/passwd.jpg", jpeg(), True),
    ]:
        form = form_class(
            data={"title": name}, files={"file": SimpleUploadedFile(name, content)}, user=None
        )
        assert form.is_valid() is ok, (name, form.errors)
        if ok:
            image = form.save()
            assert ".." not in image.file.name and image.file.name.startswith("original_images/")


def test_a_jpeg_html_polyglot_is_served_as_an_image_that_browsers_must_not_sniff(editor):
    response, image = upload(editor, "poliglot.jpg", POLYGLOT)
    assert image is not None
    served = Client().get(f"/media/{image.file.name}")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" in b"".join(served.streaming_content)  # the very file, unaltered
