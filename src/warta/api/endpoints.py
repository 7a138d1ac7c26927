"""The read API's endpoints under /api/v1/, described by the OpenAPI document it serves."""

from types import SimpleNamespace

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.rich_text import RichText

from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

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
from warta.api.params import (
    ArticleFilters,
    Paging,
    SearchQuery,
    clean_text,
    coarse_day,
    page_info,
    published_between,
)
from warta.api.scope import Scope
from warta.discovery.search import search as search_articles
from warta.discovery.search import snippet
from warta.news.models import Reporter, SectionPage, Source
from warta.news.models.pages import ArticleTag

ERRORS = {404: schemas.Error, 422: schemas.InvalidRequest, 429: schemas.Error}
# The 429 answer's header, described in the document too (deep-merged by Django Ninja).
RATE_LIMITED = {
    "responses": {
        429: {
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before the next request",
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
        }
    }
}


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


def filtered_articles(scope, filters):
    """Return the readable articles matching the filters, in the asked order."""
    articles = scope.articles()
    if filters.section:
        section = scope.section_by_slug(filters.section)
        if section is None:
            return articles.none()
        articles = articles.in_section(section)
    if clean_text(filters.tag):
        articles = articles.filter(tags__slug=clean_text(filters.tag))
    if clean_text(filters.reporter):
        articles = articles.filter(reporter__slug=clean_text(filters.reporter))
    if clean_text(filters.source):
        articles = articles.filter(source__name__iexact=clean_text(filters.source))
    articles = published_between(articles, filters.since, filters.until)
    return articles.order_by(*ORDERINGS[filters.ordering])


@api.get(
    "/articles",
    response={200: schemas.ArticlePage, **ERRORS},
    openapi_extra=RATE_LIMITED,
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
    openapi_extra=RATE_LIMITED,
    summary="Read one published article",
    tags=["articles"],
)
def read_article(request, article_id: int = Path(..., ge=1, le=2**53)):
    """Read one article with its body (as HTML and as blocks) and its related news."""
    return article_detail(Scope.of(request), article_id)


@api.get(
    "/sections",
    response={200: list[schemas.Section], **ERRORS},
    openapi_extra=RATE_LIMITED,
    summary="List the sections",
)
def list_sections(request):
    """List the site's published sections in the menu's order."""
    scope = Scope.of(request)
    sections = list(scope.sections.values())
    descriptions = dict(
        SectionPage.objects.filter(pk__in=[section.pk for section in sections]).values_list(
            "pk", "description"
        )
    )
    return [section_data(section, scope, descriptions.get(section.pk, "")) for section in sections]


@api.get(
    "/tags",
    response={200: schemas.TagPage, **ERRORS},
    openapi_extra=RATE_LIMITED,
    summary="List tags in use",
)
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


@api.get(
    "/reporters",
    response={200: schemas.ReporterPage, **ERRORS},
    openapi_extra=RATE_LIMITED,
    summary="List the reporters",
)
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


@api.get(
    "/sources",
    response={200: list[schemas.Source], **ERRORS},
    openapi_extra=RATE_LIMITED,
    summary="List the sources",
)
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


@api.get(
    "/search",
    response={200: schemas.SearchPage, **ERRORS},
    openapi_extra=RATE_LIMITED,
    summary="Search articles",
)
def search(request, query: Query[SearchQuery]):
    """Search published articles in Indonesian (any affix form), best match first."""
    scope = Scope.of(request)
    section = scope.section_by_slug(query.section) if query.section else None
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
    articles = published_between(scope.articles(), query.since, query.until)
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
