from django import template

from warta.news import dates

register = template.Library()


@register.filter
def tanggal(moment):
    """{{ article.first_published_at|tanggal }} -> 'Kamis, 4 Juli 2024 - 21:53 WIB'."""
    return dates.long_date(moment)


@register.filter
def tanggal_pendek(moment):
    """{{ article.first_published_at|tanggal_pendek }} -> 'Rabu, 19 Mar 2025 - 13:36 WIB'."""
    return dates.short_date(moment)
