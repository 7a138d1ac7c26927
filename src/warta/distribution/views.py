"""Sitemap and robots.txt views; the feeds are views of their own (feeds.py)."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from warta.distribution.sitemaps import (
    ArticleSitemap,
    NewsSitemap,
    PageSitemap,
    sitemapindex,
    urlset,
)

XML = "application/xml; charset=utf-8"


def stream(sitemap, objects):
    return StreamingHttpResponse(urlset(sitemap, objects), content_type=XML)


@require_safe
def index(request):
    """List the paged sitemaps: listing pages, articles page by page, and news."""
    articles = ArticleSitemap(request)
    absolute = request.build_absolute_uri
    entries = [(absolute(reverse("distribution:sitemap_pages")), None)]
    for number, lastmod in enumerate(articles.page_lastmods(), start=1):
        entries.append(
            (absolute(reverse("distribution:sitemap_articles", kwargs={"page": number})), lastmod)
        )
    entries.append((absolute(reverse("distribution:sitemap_news")), None))
    return HttpResponse(sitemapindex(entries), content_type=XML)


@require_safe
def pages(request):
    sitemap = PageSitemap(request)
    return stream(sitemap, sitemap.items().iterator())


@require_safe
def articles(request, page):
    sitemap = ArticleSitemap(request)
    try:
        objects = sitemap.paginator.page(page).object_list
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    return stream(sitemap, objects.iterator(chunk_size=2000))


@require_safe
def news(request):
    sitemap = NewsSitemap(request)
    return stream(sitemap, sitemap.items().iterator(chunk_size=2000))


@require_safe
def robots_txt(request):
    """Name the sitemaps; keep crawlers out of the admin and the search results."""
    absolute = request.build_absolute_uri
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        "Disallow: /cari/",
        "",
        f"Sitemap: {absolute(reverse('distribution:sitemap'))}",
        f"Sitemap: {absolute(reverse('distribution:sitemap_news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
