from django import template

from warta.distribution.head import build_head

register = template.Library()


@register.inclusion_tag("distribution/head.html", takes_context=True)
def distribution_head(context):
    """{% distribution_head %}: canonical, robots, OpenGraph, Twitter, JSON-LD and feed links."""
    return {"head": build_head(context)}
