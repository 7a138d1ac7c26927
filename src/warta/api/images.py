"""Images as the API gives them: the original's size and a few ready-made renditions."""

from urllib.parse import urljoin

from django.db.models import prefetch_related_objects

# Named renditions of article images; apps pick by name, the URLs are absolute.
ARTICLE_RENDITIONS = {
    "thumbnail": "fill-320x180",
    "medium": "width-800",
    "large": "width-1200",
}
# A reporter's photo, square like on the reporter's archive page.
PHOTO_RENDITIONS = {"thumbnail": "fill-96x96", "medium": "fill-192x192"}


def prefetch_renditions(images):
    """Fetch the existing renditions of these images in one query."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


def image_data(image, base_url, specs=ARTICLE_RENDITIONS, caption="", credit=""):
    """Return an image as API data, or None when there is none.

    Rendition URLs are made absolute against `base_url` (the site's root URL), unless the
    storage already gives absolute ones (a CDN or object store).
    """
    if image is None:
        return None
    renditions = image.get_renditions(*specs.values())
    return {
        "id": image.pk,
        "title": image.title,
        "caption": caption,
        "credit": credit,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": urljoin(base_url, renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in specs.items()
        },
    }
