"""Blocks of an article's body."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)
    credit = blocks.CharBlock(
        label=_("Photo credit"), required=False, max_length=200, help_text=_("Shown as 'Foto: …'")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "news/blocks/quote.html"


class BacaJugaBlock(blocks.PageChooserBlock):
    """A "Baca Juga" link that the editor places between paragraphs."""

    def __init__(self, **kwargs):
        super().__init__(page_type="news.ArticlePage", **kwargs)

    class Meta:
        icon = "link"
        label = _("Read also (Baca Juga)")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraphs"))
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embed"), help_text=_("A YouTube, X or Instagram URL"))
    baca_juga = BacaJugaBlock()
