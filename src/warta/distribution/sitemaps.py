"""Sitemaps: listing pages, paged article sitemaps with images, and the Google News sitemap.

They start from Wagtail's sitemap class (items, location, lastmod, limit) but are written out
by `urlset()` as a stream: articles come from the database in chunks, so a sitemap of 50,000
articles never sits in memory at once, and each sitemap costs the same few queries however long.
"""

from datetime import timedelta
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.images import get_image_model
from wagtail.models import Page

from warta.distribution.links import SiteLinks
from warta.news.models import ArticlePage, Source
from warta.news.sections import site_name

# Google's protocol limits (https://developers.google.com/search/docs/crawling-indexing/sitemaps):
# a sitemap holds at most 50,000 URLs; a news sitemap at most 1,000, first published in 48 hours.
MAX_PAGE_SIZE = 50_000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000
CHUNK_SIZE = 2_000  # rows fetched from the database at a time
WRITE_SIZE = 500  # <url> entries sent to the client at a time

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def page_size():
    size = settings.WARTA_SITEMAP_PAGE_SIZE
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ImproperlyConfigured(
            f"Set WARTA_SITEMAP_PAGE_SIZE between 1 and {MAX_PAGE_SIZE} (it is {size}): "
            "search engines ignore sitemaps with more URLs."
        )
    return size


def w3c_datetime(moment):
    """Format a time as W3C datetime in the site's zone: 2024-07-04T21:53:00+07:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def indexable_articles(links):
    """Return the site's live public articles whose canonical URL is on this site."""
    articles = ArticlePage.objects.readable(links.site.root_page.path if links.site else "")
    # An article that points its canonical URL at the original belongs to the original's sitemap.
    return articles.exclude(
        source__syndication_policy=Source.SyndicationPolicy.CANONICAL, original_url__gt=""
    )


class PageSitemap(Sitemap):
    """The home page and the sections: the pages that list articles."""

    def __init__(self, request):
        super().__init__(request)
        self.links = SiteLinks(request)

    def items(self):
        pages = Page.objects.live().public().not_type(ArticlePage)
        if self.links.site:
            pages = pages.descendant_of(self.links.site.root_page, inclusive=True)
        return pages.only("url_path", "last_published_at", "latest_revision_created_at").order_by(
            "path"
        )

    def location(self, obj):
        return self.links.page(obj)

    def entry_extras(self, obj):
        return ""


class ArticleSitemap(PageSitemap):
    """Every indexable article with its featured image, oldest first so pages stay stable.

    Items are plain rows, not pages: building 50,000 page objects would take most of the time.
    """

    fields = (
        "url_path",
        "title",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "featured_image__file",
    )

    def __init__(self, request):
        super().__init__(request)
        self.limit = page_size()
        self.image_storage = get_image_model()._meta.get_field("file").storage

    def items(self):
        return indexable_articles(self.links).order_by("pk").values(*self.fields)

    def location(self, row):
        return self.links.url_path(row["url_path"])

    def lastmod(self, row):
        return row["last_published_at"] or row["latest_revision_created_at"]

    def entry_extras(self, row):
        if not row["featured_image__file"]:
            return ""
        url = self.links.absolute(self.image_storage.url(row["featured_image__file"]))
        return f"<image:image><image:loc>{escape(url)}</image:loc></image:image>"

    def page_lastmods(self):
        """Return the newest lastmod of each page of this sitemap, in one streamed query."""
        lastmods = []
        moments = (
            indexable_articles(self.links)
            .order_by("pk")
            .values_list("last_published_at", flat=True)
            .iterator(chunk_size=CHUNK_SIZE)
        )
        for position, moment in enumerate(moments):
            if position % self.limit == 0:
                lastmods.append(moment)
            elif moment and (lastmods[-1] is None or moment > lastmods[-1]):
                lastmods[-1] = moment
        return lastmods


class NewsSitemap(ArticleSitemap):
    """Google News: articles first published in the last 48 hours, newest first, at most 1,000."""

    def __init__(self, request):
        super().__init__(request)
        self.limit = NEWS_LIMIT
        self.publication = escape(site_name(request))
        self.language = escape(settings.LANGUAGE_CODE.split("-")[0])

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            super()
            .items()
            .filter(first_published_at__gte=since)
            .exclude(source__syndication_policy=Source.SyndicationPolicy.NOINDEX_NEWS)
            .order_by("-first_published_at", "-pk")[:NEWS_LIMIT]
        )

    def entry_extras(self, row):
        news = (
            "<news:news><news:publication>"
            f"<news:name>{self.publication}</news:name>"
            f"<news:language>{self.language}</news:language>"
            "</news:publication>"
            f"<news:publication_date>{w3c_datetime(row['first_published_at'])}"
            "</news:publication_date>"
            f"<news:title>{escape(row['title'])}</news:title>"
            "</news:news>"
        )
        return news + super().entry_extras(row)


def urlset(sitemap, objects):
    """Yield a <urlset> of the objects in chunks of text, never holding them all."""
    yield (
        f"{XML_DECLARATION}<urlset xmlns={quoteattr(SITEMAP_NS)} "
        f"xmlns:image={quoteattr(IMAGE_NS)} xmlns:news={quoteattr(NEWS_NS)}>\n"
    )
    chunk = []
    for obj in objects:
        lastmod = sitemap.lastmod(obj)
        chunk.append(
            f"<url><loc>{escape(sitemap.location(obj))}</loc>"
            + (f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else "")
            + sitemap.entry_extras(obj)
            + "</url>\n"
        )
        if len(chunk) >= WRITE_SIZE:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "</urlset>\n"


def sitemapindex(entries):
    """Return a <sitemapindex> of (absolute URL, lastmod or None) pairs."""
    lines = [f"{XML_DECLARATION}<sitemapindex xmlns={quoteattr(SITEMAP_NS)}>\n"]
    for location, lastmod in entries:
        lastmod_xml = f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<sitemap><loc>{escape(location)}</loc>{lastmod_xml}</sitemap>\n")
    lines.append("</sitemapindex>\n")
    return "".join(lines)
