"""Where an editor starts: a "Tulis berita" button atop the dashboard that asks for the section."""

from django.urls import reverse

from wagtail.admin.ui.components import Component


class WriteArticlePanel(Component):
    """The dashboard's first panel: one button to a new article, via Wagtail's section choice."""

    name = "newsroom_write_article"
    order = 10
    template_name = "newsroom/panels/write.html"

    def get_context_data(self, parent_context):
        return {"url": reverse("wagtailadmin_pages:choose_parent", args=["news", "articlepage"])}
