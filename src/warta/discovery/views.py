"""The readers' search page, /cari/?q=...: results, filters and pagination."""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils.translation import gettext as _

from warta.discovery.search import MAX_QUERY_CHARS, search
from warta.news.sections import current_site, live_sections

PER_PAGE = 10


def parse_day(value):
    try:
        return date.fromisoformat(str(value or "").strip()[:10]) if value else None
    except ValueError:
        return None


def page_number(value):
    try:
        return max(1, int(str(value)[:6]))
    except (TypeError, ValueError):
        return 1


def search_page(request):
    """Show the articles matching ?q=, filtered by ?kategori=, ?dari= and ?sampai= (YYYY-MM-DD)."""
    params = request.GET
    sections = {section.slug: section for section in live_sections(request).values()}
    section = sections.get(params.get("kategori", ""))
    since, until = parse_day(params.get("dari")), parse_day(params.get("sampai"))
    notices = []
    for name, value in (("dari", since), ("sampai", until)):
        if params.get(name) and value is None:
            notices.append(
                _("The date “%(value)s” was not understood; use the form YYYY-MM-DD.")
                % {"value": params.get(name)[:20]}
            )
    site = current_site(request)
    results = search(
        params.get("q", ""),
        section=section,
        since=since,
        until=until,
        root=site.root_page if site else None,
    )
    paginator = Paginator(results.ids, PER_PAGE)
    page = paginator.get_page(page_number(params.get("page")))
    hits = results.hits(list(page.object_list))
    by_path = live_sections(request)
    for hit in hits:
        hit.section = by_path.get(hit.article.section_path)
    prefetch_related_objects(
        [hit.article.featured_image for hit in hits if hit.article.featured_image], "renditions"
    )
    query_params = params.copy()
    query_params.pop("page", None)
    return render(
        request,
        "discovery/search.html",
        {
            "query": results.query,
            "searched": bool(results.terms),
            "hits": hits,
            "page_obj": page,
            "paginator": paginator,
            "sections": list(sections.values()),
            "section": section,
            "since": since,
            "until": until,
            "notices": notices,
            "query_string": query_params.urlencode(),
            "max_query_chars": MAX_QUERY_CHARS,
        },
    )
