"""WordPress attachments into Wagtail's image library, from the uploads folder or fetched."""

import hashlib
import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from PIL import Image as PILImage

from warta.wordpress.models import ImportedObject

IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"}
# WordPress names its resized copies foto-300x200.jpg, and big originals foto-scaled.jpg.
SIZE_SUFFIX = re.compile(r"-(\d+x\d+|scaled|rotated|e\d{10,})(?=\.[A-Za-z0-9]+$)")
PHP_STRING = re.compile(r's:\d+:"([^"]*)"')


@dataclass
class Attachment:
    post_id: int
    url: str
    relative_path: str  # inside the uploads folder, e.g. 2024/07/foto.jpg
    title: str = ""
    caption: str = ""
    alt: str = ""
    parent: int = 0
    link: str = ""
    size_files: list = field(default_factory=list)  # resized copies beside the original


def uploads_path(url_or_path):
    """Return the part of an uploads URL after 'wp-content/uploads/' (or 'uploads/')."""
    path = unquote(urlsplit(url_or_path).path)
    for marker in ("/wp-content/uploads/", "/uploads/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return ""


def original_key(url_or_path):
    """Key an uploads file by its original's path, whatever size variant is named."""
    relative = uploads_path(url_or_path) or unquote(urlsplit(url_or_path).path).lstrip("/")
    return SIZE_SUFFIX.sub("", relative).lower()


def attachment_from_item(item):
    relative = item.meta.get("_wp_attached_file", "") or uploads_path(item.attachment_url)
    sizes = []
    metadata = item.meta.get("_wp_attachment_metadata", "")
    if metadata:
        folder = str(PurePosixPath(relative).parent)
        for value in PHP_STRING.findall(metadata):
            name = PurePosixPath(value).name
            if name != PurePosixPath(relative).name and Path(name).suffix.lower() in (
                IMAGE_EXTENSIONS
            ):
                sizes.append(f"{folder}/{name}" if folder != "." else name)
    return Attachment(
        post_id=item.post_id,
        url=item.attachment_url or item.guid,
        relative_path=relative,
        title=item.title,
        caption=strip_tags(item.excerpt),
        alt=item.meta.get("_wp_attachment_image_alt", ""),
        parent=item.parent,
        link=item.link,
        size_files=sorted(set(sizes)),
    )


def strip_tags(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()


class MediaLibrary:
    """Find and import the images a post needs, each at most once."""

    def __init__(self, site_url, report, media_dir=None, fetch_media=False, dry_run=False):
        self.site_url = site_url
        self.report = report
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.fetch_media = fetch_media
        self.dry_run = dry_run
        self.attachments = {}  # post_id -> Attachment
        self.by_key = {}  # original_key -> post_id
        self.images = {}  # post_id or url key -> Image (or None when it could not be had)
        self.max_bytes = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        self.max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

    def register(self, item):
        attachment = attachment_from_item(item)
        self.attachments[item.post_id] = attachment
        if attachment.relative_path:
            self.by_key[original_key(attachment.relative_path)] = item.post_id
        return attachment

    def attachment_for(self, ref):
        if ref.attachment_id and ref.attachment_id in self.attachments:
            return self.attachments[ref.attachment_id]
        if ref.url:
            post_id = self.by_key.get(original_key(ref.url))
            if post_id:
                return self.attachments[post_id]
        return None

    def image_for(self, ref):
        """Return (image, caption, alt) for an image reference, or None with a warning."""
        attachment = self.attachment_for(ref)
        if attachment is not None:
            image = self.attachment_image(attachment)
            caption = ref.caption or attachment.caption
            alt = ref.alt or attachment.alt
        elif ref.url:
            image = self.loose_image(ref.url, ref.alt)
            caption, alt = ref.caption, ref.alt
        else:
            self.report.warn(
                _("Image %(id)s is not in the export; left out.") % {"id": ref.attachment_id}
            )
            return None
        if image is None:
            return None
        return image, caption, alt

    def attachment_image(self, attachment):
        if attachment.post_id in self.images:
            return self.images[attachment.post_id]
        image = self._mapped(attachment.post_id)
        if image is None and Path(attachment.relative_path or attachment.url).suffix.lower() in (
            IMAGE_EXTENSIONS
        ):
            image = self._import(
                attachment.relative_path,
                attachment.url,
                title=attachment.title or PurePosixPath(attachment.relative_path).stem,
                alt=attachment.alt,
            )
            if image is not None and not self.dry_run:
                ImportedObject.objects.update_or_create(
                    site_url=self.site_url,
                    kind=ImportedObject.Kind.ATTACHMENT,
                    wp_id=str(attachment.post_id),
                    defaults={"object_id": image.pk, "data": {"url": attachment.url}},
                )
        self.images[attachment.post_id] = image
        return image

    def loose_image(self, url, alt):
        """Import an image the body uses that the export does not list as an attachment."""
        # Remembered by a hash of its address: a re-run finds it instead of importing it again.
        key = "url:" + hashlib.sha256(original_key(url).encode()).hexdigest()[:40]
        if key not in self.images:
            image = self._mapped(key)
            if image is None:
                relative = uploads_path(url)
                original = SIZE_SUFFIX.sub("", relative)
                # Prefer the full-size original to the resized copy the post showed.
                if (
                    self.media_dir
                    and original != relative
                    and (self.media_dir / original.lstrip("/")).is_file()
                ):
                    relative = original
                image = self._import(
                    relative,
                    url,
                    title=PurePosixPath(urlsplit(url).path).stem or url,
                    alt=alt,
                )
                if image is not None and not self.dry_run:
                    ImportedObject.objects.update_or_create(
                        site_url=self.site_url,
                        kind=ImportedObject.Kind.ATTACHMENT,
                        wp_id=key,
                        defaults={"object_id": image.pk, "data": {"url": url}},
                    )
            self.images[key] = image
        return self.images[key]

    def _mapped(self, post_id):
        mapping = ImportedObject.objects.filter(
            site_url=self.site_url, kind=ImportedObject.Kind.ATTACHMENT, wp_id=str(post_id)
        ).first()
        if mapping is None:
            return None
        return get_image_model().objects.filter(pk=mapping.object_id).first()

    def _import(self, relative_path, url, title, alt):
        data = self._read_local(relative_path) if self.media_dir and relative_path else None
        if data is None and self.fetch_media and url.startswith(("http://", "https://")):
            if self.dry_run:
                self.report.count("images to fetch")
                return None
            data = self._fetch(url)
        if data is None:
            if not self.media_dir and not self.fetch_media:
                self.report.count("images left out (no --media-dir or --fetch-media)")
            else:
                self.report.warn(_("Image not found: %(url)s") % {"url": url or relative_path})
            return None
        name = PurePosixPath(relative_path or urlsplit(url).path).name or "image.jpg"
        try:
            with PILImage.open(BytesIO(data), formats=IMAGE_FORMATS) as probe:
                if probe.width * probe.height > self.max_pixels:
                    raise ValueError("too many pixels")
                probe.verify()
        except Exception as error:  # Pillow raises many kinds for a broken file
            self.report.warn(
                _("Not a usable image: %(name)s (%(error)s)") % {"name": name, "error": error}
            )
            return None
        if self.dry_run:
            self.report.count("images")
            return None
        image = get_image_model()(title=title[:255], description=(alt or "")[:255])
        image.file = ImageFile(BytesIO(data), name=name)
        image.save()
        self.report.count("images")
        return image

    def _read_local(self, relative_path):
        candidate = (self.media_dir / relative_path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.media_dir):
            self.report.warn(
                _("Refused a file outside the uploads folder: %(path)s") % {"path": relative_path}
            )
            return None
        if not candidate.is_file():
            return None
        if candidate.stat().st_size > self.max_bytes:
            self.report.warn(_("Image too large: %(path)s") % {"path": relative_path})
            return None
        return candidate.read_bytes()

    def _fetch(self, url):
        from warta.ingest.fetch import FetchError, fetch

        try:
            return fetch(url, max_bytes=self.max_bytes, accept=("image/",)).body
        except FetchError as error:
            self.report.warn(_("Could not fetch %(url)s: %(error)s") % {"url": url, "error": error})
            return None
