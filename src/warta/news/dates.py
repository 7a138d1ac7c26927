"""Dates as Indonesian readers expect them: 'Kamis, 4 Juli 2024 - 21:53 WIB'."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from babel.dates import format_datetime

LONG_FORMAT = "EEEE, d MMMM y - HH:mm"
SHORT_FORMAT = "EEEE, d MMM y - HH:mm"

# Babel names the zone with its CLDR metazone (WIB, WITA, WIT); other zones keep their offset.
INDONESIAN_ZONES = {"WIB", "WITA", "WIT"}


def site_zone():
    return ZoneInfo(settings.TIME_ZONE)


def zone_abbreviation(moment):
    abbreviation = format_datetime(moment, "z", locale="id")
    return abbreviation if abbreviation in INDONESIAN_ZONES else moment.strftime("UTC%z")


def _format(moment, pattern, zone=None):
    if moment is None:
        return ""
    if timezone.is_naive(moment):
        raise ValueError("Give an aware datetime: a naive one has no zone to show.")
    return _formatted(moment, pattern, zone or site_zone())


@lru_cache(maxsize=4096)
def _formatted(moment, pattern, zone):
    # Babel takes a tenth of a millisecond a date; a page shows the same few dozen times.
    local = moment.astimezone(zone)
    return f"{format_datetime(local, pattern, locale='id')} {zone_abbreviation(local)}"


def long_date(moment, zone=None):
    """Format a moment for an article header: 'Kamis, 4 Juli 2024 - 21:53 WIB'."""
    return _format(moment, LONG_FORMAT, zone)


def short_date(moment, zone=None):
    """Format a moment for a list: 'Rabu, 19 Mar 2025 - 13:36 WIB'."""
    return _format(moment, SHORT_FORMAT, zone)
