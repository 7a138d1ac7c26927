"""The API's query parameters: their validation, their meaning, and the paging of lists."""

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal

from django.utils import timezone

from ninja import Schema
from pydantic import BeforeValidator, Field

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def clean_text(value):
    """Drop NUL bytes, which no database accepts in a query, and trim."""
    return (value or "").replace("\x00", "").strip()


def moment(value, end_of_day=False):
    """Return a date or time parameter as an aware UTC time; naive ones are in the site's zone.

    A date means its whole day: from its first instant, or until its last.
    """
    if value is None:
        return None
    zone = timezone.get_current_timezone()
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.max if end_of_day else time.min)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zone)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # beyond year 1 or 9999 once shifted to UTC
        return (datetime.min if value.year < 2 else datetime.max).replace(tzinfo=UTC)


def coarse_day(value, margin):
    """Return a day that surely includes a date or time parameter, for search's day filter.

    Search filters whole days in the site's zone; the exact time is applied afterwards. Days
    outside 1900-9000 mean "no bound" there, which keeps search's zone arithmetic in range.
    """
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(value, datetime):
        day = day + timedelta(days=margin) if date(1900, 1, 1) < day < date(9000, 1, 1) else day
    if not date(1900, 1, 1) <= day <= date(9000, 1, 1):
        return None
    return day


def page_info(request, total, page, page_size):
    """Return the paging fields of a list: counts and the URLs of its neighbours."""

    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": total,
        "page": page,
        "page_size": page_size,
        "next": link(page + 1) if page * page_size < total else None,
        "previous": link(page - 1) if page > 1 else None,
    }


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page")

    def bounds(self):
        start = (self.page - 1) * self.page_size
        return start, start + self.page_size


def iso_only(value):
    """Refuse what is not written as an ISO date or time (pydantic would read '123' as epoch)."""
    if isinstance(value, str) and not ISO_DAY.match(value):
        raise ValueError(
            "Write a date as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM:SS with an offset (+07:00)."
        )
    return value


DayOrTime = Annotated[date | datetime, BeforeValidator(iso_only)]


class Period(Schema):
    since: DayOrTime | None = Field(
        None, description="Published at or after: a date (YYYY-MM-DD) or a time with offset"
    )
    until: DayOrTime | None = Field(
        None, description="Published at or before: a date (its whole day) or a time"
    )


class ArticleFilters(Paging, Period):
    section: str | None = Field(None, max_length=255, description="Section slug")
    tag: str | None = Field(None, max_length=100, description="Tag slug")
    reporter: str | None = Field(None, max_length=120, description="Reporter slug")
    source: str | None = Field(None, max_length=120, description="Source name, e.g. interfax.ru")
    ordering: Literal["-published", "published", "-updated", "title"] = Field(
        "-published",
        description="-published: newest first; published: oldest first; "
        "-updated: last (re)published first; title: A to Z",
    )


class SearchQuery(Paging, Period):
    q: str = Field(
        "", description="Words to search for, in Indonesian; only the first 200 characters count"
    )
    section: str | None = Field(None, max_length=255, description="Section slug")


def published_between(articles, since, until):
    """Filter articles by first publication, `since` and `until` both included."""
    if since is not None:
        articles = articles.filter(first_published_at__gte=moment(since))
    if until is not None:
        articles = articles.filter(first_published_at__lte=moment(until, end_of_day=True))
    return articles
