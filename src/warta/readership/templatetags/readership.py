from django import template
from django.urls import reverse
from django.utils.html import format_html

from warta.readership.popular import most_read as most_read_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def view_beacon(context, page):
    """Render the data-dibaca attribute that tells site.js where to count an article view."""
    from warta.news.models import ArticlePage

    request = context.get("request")
    if not isinstance(page, ArticlePage) or not page.pk or getattr(request, "is_preview", False):
        return ""
    return format_html(
        ' data-dibaca="{}"', reverse("readership:count", kwargs={"article_id": page.pk})
    )


@register.simple_tag(takes_context=True)
def most_read(context, limit=5):
    """{% most_read 5 as windows %}: the most-read cards of the last 24 hours and 7 days."""
    return most_read_cards(context["request"], limit)
