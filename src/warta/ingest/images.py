"""Bring a feed item's picture into Wagtail's image library, safely."""

from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image

from warta.ingest.fetch import FetchError, fetch

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
IMAGE_FORMATS = ["JPEG", "PNG", "GIF", "WEBP"]
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class ImageRejected(Exception):
    """The picture could not be used; the message says why."""


def download_image(url):
    """Fetch and check a picture; return (bytes, format) or raise ImageRejected."""
    try:
        result = fetch(url, max_bytes=MAX_IMAGE_BYTES, accept=IMAGE_TYPES, total_timeout=20)
    except FetchError as error:
        raise ImageRejected(str(error)) from error
    try:
        with Image.open(BytesIO(result.body), formats=IMAGE_FORMATS) as picture:
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise ImageRejected(f"The picture at {url} is {width}×{height} pixels: too large.")
            picture.verify()
            kind = picture.format
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ImageRejected(f"The file at {url} is not a picture Warta accepts.") from error
    return result.body, kind


def save_image(data, kind, title):
    """Store checked picture bytes in the image library."""
    name = f"ingest.{EXTENSIONS[kind]}"
    return get_image_model().objects.create(
        title=title[:255] or "Foto", file=ImageFile(BytesIO(data), name=name)
    )
