"""Template tags of the admin's own templates."""

from django import template

from warta.news.sections import site_name

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_name(context):
    """Return the newsroom's name: the site's name, or WARTA_SITE_NAME ("Warta")."""
    request = context.get("request")
    return site_name(request) if request is not None else ""
