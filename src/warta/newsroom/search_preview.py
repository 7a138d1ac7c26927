"""The article editor's search-result preview: the title and description as Google shows them.

The text mirrors the readers' page: <title> is the SEO title (else the title) and the site's
name, the description is the search description (else the lead). Google cuts a title near
60 characters and a description near 158; the preview cuts at the same lengths, at a word.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from warta.news.sections import site_name

TITLE_LIMIT = 60
DESCRIPTION_LIMIT = 158
ELLIPSIS = "…"


def shorten(text, limit):
    """Return text cut to at most limit characters at a word, ending in an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–") + ELLIPSIS


def page_title(title, seo_title, name):
    """Return what the readers' page puts in <title>, or nothing while the title is empty."""
    headline = (seo_title or title).strip()
    return f"{headline} - {name}" if headline else ""


def url_line(base_url, slug):
    """Return the address as Google writes it: host › section › slug."""
    address = base_url.split("://", 1)[-1]
    parts = [part for part in address.split("/") if part] + ([slug] if slug else [])
    return " › ".join(parts)


class SearchPreviewPanel(Panel):
    """A live preview of the article's search result, under the fields it comes from."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Search result preview"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/panels/search_preview.html"

        class Media:
            js = ["newsroom/js/search-preview.js"]
            css = {"all": ["newsroom/css/search-preview.css"]}

        def base_url(self):
            parent = getattr(self.form, "parent_page", None)
            if parent is None and self.instance.pk:
                parent = self.instance.get_parent()
            return parent.get_full_url(self.request) or "" if parent else ""

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            name = site_name(self.request)
            base_url = self.base_url()
            context.update(
                {
                    "site_name": name,
                    "base_url": base_url,
                    "url_line": url_line(base_url, page.slug),
                    "title": shorten(page_title(page.title, page.seo_title, name), TITLE_LIMIT),
                    "description": shorten(
                        page.search_description or getattr(page, "lead", ""), DESCRIPTION_LIMIT
                    ),
                    "title_limit": TITLE_LIMIT,
                    "description_limit": DESCRIPTION_LIMIT,
                }
            )
            return context
