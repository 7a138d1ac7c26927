import time

from django import template
from django.template.base import Token

from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

from warta.news import dates

register = template.Library()

# Long enough that a busy page renders its pictures from memory; short enough that renditions
# deleted on disk (`wagtail_update_image_renditions --purge`) are asked for again soon.
PICTURE_MEMORY_SECONDS = 600
PICTURE_MEMORY_SIZE = 5000


@register.filter
def tanggal(moment):
    """{{ article.first_published_at|tanggal }} -> 'Kamis, 4 Juli 2024 - 21:53 WIB'."""
    return dates.long_date(moment)


@register.filter
def tanggal_pendek(moment):
    """{{ article.first_published_at|tanggal_pendek }} -> 'Rabu, 19 Mar 2025 - 13:36 WIB'."""
    return dates.short_date(moment)


class RememberedPictureNode(PictureNode):
    """Wagtail's `picture`, its HTML kept in memory per image version, filters and attributes.

    Finding a picture's renditions builds a filter per format and size and looks each one up:
    most of a card's cost. The key holds everything the HTML depends on (the image's file,
    size and focal point), so an edited or replaced image gets new HTML at once.
    """

    memory = {}

    def render(self, context):
        image = self.validate_image(context)
        if not image or self.output_var_name:
            return super().render(context)
        attrs = tuple((key, str(value.resolve(context))) for key, value in self.attrs.items())
        key = (
            image.pk,
            image.file.name,
            image.width,
            image.height,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
            tuple(self.filter_specs),
            attrs,
        )
        now = time.monotonic()
        remembered = self.memory.get(key)
        if remembered is not None and remembered[0] > now:
            return remembered[1]
        html = super().render(context)
        if len(self.memory) >= PICTURE_MEMORY_SIZE:
            self.memory.clear()
        self.memory[key] = (now + PICTURE_MEMORY_SECONDS, html)
        return html


@register.tag
def remembered_picture(parser, token):
    """{% remembered_picture image format-{webp,jpeg} width-{480,800} ... %}: see the node."""
    parsed = image(
        parser, Token(token.token_type, "picture" + token.contents[len("remembered_picture") :])
    )
    return RememberedPictureNode(
        parsed.image_expr,
        parsed.filter_specs,
        attrs=parsed.attrs,
        output_var_name=parsed.output_var_name,
    )
