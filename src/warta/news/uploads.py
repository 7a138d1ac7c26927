"""Image uploads: refuse pixel bombs from their header, and damaged files with a clear message.

Wagtail checks an image's pixel count only after Willow has decoded the whole image, and lets a
damaged (truncated) file end in a server error. Settings: WAGTAILIMAGES_IMAGE_FORM_BASE.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image as PILImage


def header_pixels(upload):
    """Return the pixel count an image's header claims, without decoding it (None: unknown)."""
    position = upload.tell()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as image:
                return image.size[0] * image.size[1] * getattr(image, "n_frames", 1)
    except PILImage.DecompressionBombError:
        return float("inf")
    except Exception:  # noqa: BLE001 - not an image Pillow knows: Wagtail's checks say so
        return None
    finally:
        upload.seek(position)


class GuardedImageField(WagtailImageField):
    def to_python(self, data):
        limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        if data not in self.empty_values and limit and hasattr(data, "seek"):
            pixels = header_pixels(data)
            if pixels is not None and pixels > limit:
                raise ValidationError(
                    self.error_messages["file_too_many_pixels"]
                    % {
                        "num_pixels": pixels if pixels != float("inf") else _("unknown number"),
                        "max_pixels_count": limit,
                    },
                    code="file_too_many_pixels",
                )
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                _("This image file is damaged or incomplete. Save it again and upload it."),
                code="damaged_image",
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form with the guarded file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = GuardedImageField  # same field, checked before decoding
