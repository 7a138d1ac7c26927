"""The editor's controls over an article's related news and Baca Juga links."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

related_news_panel = MultiFieldPanel(
    [
        FieldPanel("baca_juga_auto"),
        InlinePanel(
            "related_choices",
            label=_("related news choice"),
            help_text=_(
                "Pinned articles lead the 'Berita Terkait' list in this order; "
                "excluded ones never appear in it."
            ),
        ),
    ],
    heading=_("Related news"),
)
