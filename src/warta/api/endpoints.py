"""The read API's endpoints under /api/v1/, described by the OpenAPI document it serves."""

import re
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Annotated, Literal

from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.rich_text import RichText

from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError
from pydantic import BeforeValidator, Field

from warta.api import schemas
from warta.api.articles import (
    ORDERINGS,
    article_detail,
    listed,
    reporter_data,
    section_data,
    source_data,
    summaries,
    summary_data,
    tag_ref,
)
from warta.api.images import prefetch_renditions
from warta.api.scope import Scope
from warta.discovery.search import search as search_articles
from warta.discovery.search import snippet
from warta.news.models import Reporter, Source
from warta.news.models.pages import ArticleTag

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
ERRORS = {404: schemas.Error, 422: schemas.InvalidRequest, 429: schemas.Error}


class WartaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        """Name operations after their functions (list_articles), not their module path."""
        return operation.view_func.__name__


api = WartaAPI(
    title="Warta API",
    version="1",
    description=(
        "Read-only API of a Warta news site: its published articles, sections, tags, "
        "reporters and sources, and search with Indonesian analysis. Answers are JSON; "
        "times carry their UTC offset. Each client address may make a limited number of "
        "requests per minute; over it, answers are 429 with Retry-After."
    ),
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(ValidationError)
def invalid_request(request, error):
    return api.create_response(
        request,
        {
            "detail": _("Some parameters are invalid: fix the ones listed in 'errors'."),
            "errors": [
                {key: value for key, value in item.items() if key in ("loc", "msg", "type")}
                for item in error.errors
            ],
        },
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request, error):
    message = str(error) or _("Nothing was found here.")
    return api.create_response(request, {"detail": message}, status=404)


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


class Paging(schemas.Schema):
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


class Period(schemas.Schema):
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


def filtered_articles(scope, filters):
    """Return the readable articles matching the filters, in the asked order."""
    articles = scope.articles()
    if filters.section:
        sections = [s for s in scope.sections.values() if s.slug == filters.section]
        if not sections:
            return articles.none()
        articles = articles.in_section(sections[0])
    if clean_text(filters.tag):
        articles = articles.filter(tags__slug=clean_text(filters.tag))
    if clean_text(filters.reporter):
        articles = articles.filter(reporter__slug=clean_text(filters.reporter))
    if clean_text(filters.source):
        articles = articles.filter(source__name__iexact=clean_text(filters.source))
    if filters.since is not None:
        articles = articles.filter(first_published_at__gte=moment(filters.since))
    if filters.until is not None:
        articles = articles.filter(first_published_at__lte=moment(filters.until, end_of_day=True))
    return articles.order_by(*ORDERINGS[filters.ordering])


@api.get(
    "/articles",
    response={200: schemas.ArticlePage, **ERRORS},
    summary="List published articles",
    tags=["articles"],
)
def list_articles(request, filters: Query[ArticleFilters]):
    """List published articles, newest first unless `ordering` says otherwise."""
    scope = Scope.of(request)
    articles = filtered_articles(scope, filters)
    start, end = filters.bounds()
    total = articles.count()
    rows = listed(articles)[start:end] if start < total else []
    return page_info(request, total, filters.page, filters.page_size) | {
        "results": summaries(rows, scope)
    }


@api.get(
    "/articles/{article_id}",
    response={200: schemas.Article, **ERRORS},
    summary="Read one published article",
    tags=["articles"],
)
def read_article(request, article_id: int = Path(..., ge=1, le=2**53)):
    """Read one article with its body (as HTML and as blocks) and its related news."""
    return article_detail(Scope.of(request), article_id)


@api.get("/sections", response={200: list[schemas.Section], **ERRORS}, summary="List the sections")
def list_sections(request):
    """List the site's published sections in the menu's order."""
    scope = Scope.of(request)
    return [section_data(section, scope) for section in scope.sections.values()]


@api.get("/tags", response={200: schemas.TagPage, **ERRORS}, summary="List tags in use")
def list_tags(request, paging: Query[Paging]):
    """List the tags of published articles, the most used first."""
    scope = Scope.of(request)
    tagged = ArticleTag.objects.filter(content_object__in=scope.articles().values("pk"))
    total = tagged.values("tag_id").distinct().count()
    start, end = paging.bounds()
    rows = (
        tagged.values("tag_id", "tag__name", "tag__slug")
        .annotate(article_count=Count("content_object", distinct=True))
        .order_by("-article_count", "tag__name", "tag_id")[start:end]
    )
    results = [
        tag_ref(SimpleNamespace(name=row["tag__name"], slug=row["tag__slug"]), scope)
        | {"article_count": row["article_count"]}
        for row in rows
    ]
    return page_info(request, total, paging.page, paging.page_size) | {"results": results}


@api.get("/reporters", response={200: schemas.ReporterPage, **ERRORS}, summary="List the reporters")
def list_reporters(request, paging: Query[Paging]):
    """List the newsroom's reporters and editors by name."""
    scope = Scope.of(request)
    reporters = Reporter.objects.select_related("photo").order_by("full_name", "pk")
    total = reporters.count()
    start, end = paging.bounds()
    rows = list(reporters[start:end])
    prefetch_renditions([reporter.photo for reporter in rows])
    return page_info(request, total, paging.page, paging.page_size) | {
        "results": [reporter_data(reporter, scope) for reporter in rows]
    }


@api.get("/sources", response={200: list[schemas.Source], **ERRORS}, summary="List the sources")
def list_sources(request):
    """List the news sources whose stories the site republishes, by name."""
    return [source_data(source) for source in Source.objects.order_by("name", "pk")]


def text_only(article):
    """Return a stand-in for an article whose body is read from its raw data, without queries.

    The snippet needs only the body's text; reading it this way keeps a page of search hits
    at the same number of queries however many hits carry images.
    """
    blocks = []
    for raw in article.body.raw_data:
        value = raw.get("value")
        if raw.get("type") == "paragraph":
            value = RichText(value or "")
        elif not isinstance(value, dict):
            continue
        blocks.append(SimpleNamespace(block_type=raw.get("type"), value=value))
    return SimpleNamespace(lead=article.lead, body=blocks)


@api.get("/search", response={200: schemas.SearchPage, **ERRORS}, summary="Search articles")
def search(request, query: Query[SearchQuery]):
    """Search published articles in Indonesian (any affix form), best match first."""
    scope = Scope.of(request)
    section = None
    if query.section:
        section = next((s for s in scope.sections.values() if s.slug == query.section), None)
    start, end = query.bounds()
    info = page_info(request, 0, query.page, query.page_size) | {"query": "", "results": []}
    if query.section and section is None:
        return info
    results = None
    if scope.home is not None:
        results = search_articles(
            clean_text(query.q),
            section=section,
            since=coarse_day(query.since, -1),
            until=coarse_day(query.until, +1),
            root=scope.home,
        )
    if not results or not results.ids:
        return info | {"query": results.query if results else ""}
    articles = scope.articles()
    if query.since is not None:
        articles = articles.filter(first_published_at__gte=moment(query.since))
    if query.until is not None:
        articles = articles.filter(first_published_at__lte=moment(query.until, end_of_day=True))
    readable = set(articles.filter(pk__in=results.ids).values_list("pk", flat=True))
    ids = [pk for pk in results.ids if pk in readable]
    page_ids = ids[start:end]
    by_pk = {}
    if page_ids:
        rows = (
            scope.articles()
            .filter(pk__in=page_ids)
            .select_related("featured_image", "reporter", "editor", "source")
            .prefetch_related("tags")
        )
        by_pk = {article.pk: article for article in rows}
    hits = [by_pk[pk] for pk in page_ids if pk in by_pk]
    prefetch_renditions([article.featured_image for article in hits])
    return page_info(request, len(ids), query.page, query.page_size) | {
        "query": results.query,
        "results": [
            {
                "score": results.scores[article.pk],
                "snippet_html": str(snippet(text_only(article), results.terms)),
                "article": summary_data(article, scope),
            }
            for article in hits
        ],
    }
