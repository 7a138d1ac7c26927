from django import template
from django.template.base import Token

from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

from warta.news import dates
from warta.news.pictures import remembered

register = template.Library()


@register.filter
def tanggal(moment):
    """{{ article.first_published_at|tanggal }} -> 'Kamis, 4 Juli 2024 - 21:53 WIB'."""
    return dates.long_date(moment)


@register.filter
def tanggal_pendek(moment):
    """{{ article.first_published_at|tanggal_pendek }} -> 'Rabu, 19 Mar 2025 - 13:36 WIB'."""
    return dates.short_date(moment)


class RememberedPictureNode(PictureNode):
    """Wagtail's `picture`, its HTML remembered per image version, filters and attributes."""

    def render(self, context):
        image = self.validate_image(context)
        if not image or self.output_var_name:
            return super().render(context)
        attrs = tuple((key, str(value.resolve(context))) for key, value in self.attrs.items())
        what = ("picture", tuple(self.filter_specs), attrs)
        return remembered(image, what, lambda: super(RememberedPictureNode, self).render(context))


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
