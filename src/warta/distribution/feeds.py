"""RSS 2.0 and Atom feeds of the site, each section, each tag and each reporter."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from taggit.models import Tag

from warta.distribution.content import (
    FEATURED_IMAGE,
    expand_paragraphs,
    image_ids,
    load_images,
    render_body,
)
from warta.distribution.links import REPORTER_PAGE, TAG_PAGE, SiteLinks
from warta.news.models import ArticlePage, Reporter
from warta.news.sections import live_sections, site_name

FEED_LENGTH = 50
# Bump when the feed's markup changes, so readers holding an old ETag fetch the new form.
FEED_FORMAT_VERSION = "1"

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass
class FeedImage:
    url: str
    width: int
    height: int
    length: int
    mime_type: str
    caption: str
    credit: str


@dataclass
class FeedEntry:
    """One article as a feed shows it, prepared in bulk by `feed_entries`."""

    title: str
    link: str
    description: str
    content: str
    published: datetime
    updated: datetime
    author_name: str | None
    author_link: str | None
    categories: list[str]
    image: FeedImage | None
    source_name: str = ""
    source_url: str = ""
    original_url: str = ""


@dataclass
class FeedScope:
    """Which articles a feed holds and how it names itself."""

    title: str
    link: str
    description: str
    articles: Q
    links: SiteLinks
    site_name: str
    sections: dict = field(default_factory=dict)


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with full text (content:encoded), Media RSS images and the wire source."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = CONTENT_NS
        attrs["xmlns:media"] = MEDIA_NS
        attrs["xmlns:dc"] = DC_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        add_media_content(handler, item.get("image"))
        if item.get("source_name"):
            attrs = {"url": item["source_url"]} if item.get("source_url") else {}
            handler.addQuickElement("source", item["source_name"], attrs)


class NewsAtomFeed(Atom1Feed):
    """Atom with full text as HTML content, Media RSS images and a `via` link to the original."""

    def root_attributes(self):
        attrs = super().root_attributes()
        attrs["xmlns:media"] = MEDIA_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        add_media_content(handler, item.get("image"))
        if item.get("original_url"):
            handler.addQuickElement("link", "", {"rel": "via", "href": item["original_url"]})


def add_media_content(handler, image):
    if image is None:
        return
    handler.startElement(
        "media:content",
        {
            "url": image.url,
            "medium": "image",
            "type": image.mime_type,
            "width": str(image.width),
            "height": str(image.height),
        },
    )
    if image.caption:
        handler.addQuickElement("media:description", image.caption, {"type": "plain"})
    if image.credit:
        handler.addQuickElement("media:credit", image.credit)
    handler.endElement("media:content")


def site_articles(links):
    return ArticlePage.objects.readable(links.site.root_page.path if links.site else "")


def feed_entries(scope):
    """Return the newest articles of the scope as feed entries, in a fixed number of queries."""
    articles = list(
        site_articles(scope.links)
        .filter(scope.articles)
        .select_related("reporter", "source")
        .prefetch_related("tags")
        .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
    )
    images = load_images(image_ids(articles))
    paragraphs = expand_paragraphs(articles)
    entries = []
    for article in articles:
        section = scope.sections.get(article.section_path)
        dateline = f"{article.dateline}, {scope.site_name}" if article.dateline else ""
        source = article.source
        entries.append(
            FeedEntry(
                title=article.title,
                link=scope.links.page(article),
                # RSS and Atom readers take the description as HTML: the lead is text.
                description=escape(article.lead or article.search_description),
                content=render_body(
                    article,
                    paragraphs.get(article.pk, []),
                    images,
                    scope.links.absolute,
                    dateline=dateline,
                ),
                published=timezone.localtime(article.first_published_at),
                updated=timezone.localtime(article.last_published_at or article.first_published_at),
                author_name=article.reporter.full_name if article.reporter else None,
                author_link=scope.links.reporter(article.reporter) if article.reporter else None,
                categories=([section.title] if section else [])
                + [tag.name for tag in article.tags.all()],
                image=feed_image(article, images, scope.links),
                source_name=source.name if source else "",
                # The home page only: a feed URL may carry a subscription token or an inside host.
                source_url=source.home_url if source else "",
                original_url=article.original_url if source else "",
            )
        )
    return entries


def feed_image(article, images, links):
    image = images.get(article.featured_image_id)
    if image is None:
        return None
    rendition = image.get_rendition(FEATURED_IMAGE)
    try:
        length = rendition.file.size
    except OSError:
        length = 0  # a missing file must not take the whole feed down
    return FeedImage(
        url=links.absolute(rendition.url),
        width=rendition.width,
        height=rendition.height,
        length=length,
        mime_type="image/jpeg",
        caption=article.featured_caption,
        credit=article.featured_credit,
    )


class ArticleFeed(Feed):
    """The newest articles of a scope; subclasses say which scope with `get_scope`."""

    feed_type = NewsRssFeed

    def get_scope(self, request, links, name, slug=None):
        raise NotImplementedError("Give your ArticleFeed subclass a get_scope() method.")

    def get_object(self, request, slug=None):
        links = SiteLinks(request)
        scope = self.get_scope(request, links, site_name(request), slug)
        scope.sections = live_sections(request)
        return scope

    def __call__(self, request, *args, **kwargs):
        scope = self.get_object(request, *args, **kwargs)
        etag, last_modified = self.validators(scope)
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            feed = self.get_feed(scope, request)
            response = HttpResponse(content_type=feed.content_type)
            feed.write(response, "utf-8")
        response.headers["ETag"] = etag
        if last_modified is not None:
            response.headers["Last-Modified"] = http_date(last_modified)
        return response

    def validators(self, scope):
        """Return the ETag and Last-Modified time of the scope's articles, in one query."""
        state = (
            site_articles(scope.links)
            .filter(scope.articles)
            .aggregate(count=Count("pk"), latest=Max("last_published_at"))
        )
        latest = state["latest"]
        fingerprint = "|".join(
            [
                FEED_FORMAT_VERSION,
                self.feed_type.__name__,
                scope.title,
                str(state["count"]),
                latest.isoformat() if latest else "",
            ]
        )
        etag = quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
        return etag, int(latest.timestamp()) if latest else None

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def description(self, scope: FeedScope) -> str:
        return scope.description

    def subtitle(self, scope: FeedScope) -> str:
        return scope.description

    def author_name(self, scope: FeedScope) -> str:
        return scope.site_name

    def author_link(self, scope: FeedScope) -> str:
        return scope.links.root

    def items(self, scope: FeedScope) -> list[FeedEntry]:
        return feed_entries(scope)

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.link

    def item_pubdate(self, item: FeedEntry) -> datetime:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime:
        return item.updated

    def item_author_name(self, item: FeedEntry) -> str | None:
        return item.author_name

    def item_author_link(self, item: FeedEntry) -> str | None:
        return item.author_link

    def item_categories(self, item: FeedEntry) -> list[str]:
        return item.categories

    def item_enclosures(self, item: FeedEntry) -> list:
        if item.image is None:
            return []
        return [Enclosure(item.image.url, str(item.image.length), item.image.mime_type)]

    def item_extra_kwargs(self, item: FeedEntry) -> dict:
        return {
            "content": item.content,
            "image": item.image,
            "source_name": item.source_name,
            "source_url": item.source_url,
            "original_url": item.original_url,
        }


class SiteFeed(ArticleFeed):
    def get_scope(self, request, links, name, slug=None):
        return FeedScope(
            title=name,
            link=links.root,
            description=_("The latest news from %(site)s") % {"site": name},
            articles=Q(),
            links=links,
            site_name=name,
        )


class SectionFeed(ArticleFeed):
    def get_scope(self, request, links, name, slug=None):
        section = next((s for s in live_sections(request).values() if s.slug == slug), None)
        if section is None:
            raise Http404
        return FeedScope(
            title=_("%(title)s - %(site)s") % {"title": section.title, "site": name},
            link=links.page(section),
            description=_("The latest %(section)s news from %(site)s")
            % {"section": section.title, "site": name},
            articles=Q(path__startswith=section.path, depth=section.depth + 1),
            links=links,
            site_name=name,
        )


class TagFeed(ArticleFeed):
    def get_scope(self, request, links, name, slug=None):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return FeedScope(
            title=_("%(title)s - %(site)s") % {"title": tag.name, "site": name},
            link=links.absolute(TAG_PAGE % {"slug": tag.slug}),
            description=_("The latest news about %(tag)s from %(site)s")
            % {"tag": tag.name, "site": name},
            articles=Q(tagged_items__tag_id=tag.pk),
            links=links,
            site_name=name,
        )


class ReporterFeed(ArticleFeed):
    def get_scope(self, request, links, name, slug=None):
        reporter = Reporter.objects.filter(slug=slug).first()
        if reporter is None:
            raise Http404
        return FeedScope(
            title=_("%(title)s - %(site)s") % {"title": reporter.full_name, "site": name},
            link=links.absolute(REPORTER_PAGE % {"slug": reporter.slug}),
            description=_("The latest news by %(reporter)s at %(site)s")
            % {"reporter": reporter.full_name, "site": name},
            articles=Q(reporter_id=reporter.pk),
            links=links,
            site_name=name,
        )


class SiteAtomFeed(SiteFeed):
    feed_type = NewsAtomFeed


class SectionAtomFeed(SectionFeed):
    feed_type = NewsAtomFeed


class TagAtomFeed(TagFeed):
    feed_type = NewsAtomFeed


class ReporterAtomFeed(ReporterFeed):
    feed_type = NewsAtomFeed
