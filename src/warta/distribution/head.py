"""What a page's <head> tells search engines, feed readers and social apps.

Everything comes from objects the page has already loaded (the article with its reporter,
source and featured image, its section and tags), so the head adds no query per item.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _

from taggit.models import Tag

from PIL import Image as PILImage

from warta.distribution.links import REPORTER_PAGE, feed_urls
from warta.news.models import ArticlePage, HomePage, Reporter, SectionPage, Source
from warta.news.pictures import remembered
from warta.news.sections import live_sections, site_name

SOCIAL_IMAGE = "width-1200"
# Google's article images: 16:9, 4:3 and 1:1, each at least 50,000 pixels, ideally 1200 wide.
SCHEMA_IMAGES = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
MIN_SCHEMA_PIXELS = 50_000
ROBOTS = "index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1"


@dataclass
class Head:
    canonical: str = ""
    robots: str = ""
    extra_robots: list = field(default_factory=list)  # (bot name, directives)
    meta_properties: list = field(default_factory=list)  # OpenGraph: (property, content)
    meta_names: list = field(default_factory=list)  # Twitter: (name, content)
    json_ld: list = field(default_factory=list)
    feeds: list = field(default_factory=list)  # (type, title, href)

    def json_ld_scripts(self):
        """Return each JSON-LD object as text safe inside <script>."""
        return [to_script_json(data) for data in self.json_ld]


def to_script_json(data):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


@lru_cache(maxsize=4)
def logo_size(path):
    """Return the width and height of a static image, read once per process."""
    found = finders.find(path)
    if not found:
        return None, None
    with PILImage.open(found) as image:
        return image.size


def publisher(request, name):
    logo_path = settings.WARTA_PUBLISHER_LOGO
    width, height = logo_size(logo_path)
    logo = {"@type": "ImageObject", "url": request.build_absolute_uri(static(logo_path))}
    if width:
        logo |= {"width": width, "height": height}
    return {
        "@type": "NewsMediaOrganization",
        "name": name,
        "url": request.build_absolute_uri("/"),
        "logo": logo,
    }


def breadcrumbs(items):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def canonical_path(request):
    """Return this URL without its query string, keeping only a page number beyond the first."""
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        return f"{request.path}?page={int(number)}"
    return request.path


def build_head(context):
    """Return the Head for a template context of the readers' site."""
    request = context.get("request")
    if request is None:
        return Head()
    page = context.get("page")
    name = site_name(request)
    absolute = request.build_absolute_uri
    head = Head()
    rss, atom = feed_urls("site")
    head.feeds = [
        ("application/rss+xml", _("%(title)s (RSS)") % {"title": name}, absolute(rss)),
        ("application/atom+xml", _("%(title)s (Atom)") % {"title": name}, absolute(atom)),
    ]
    if page is None:
        return head  # search results, errors: nothing to describe or index

    head.canonical = absolute(canonical_path(request))
    head.robots = ROBOTS
    tag = context.get("tag")
    reporter = context.get("reporter")
    if isinstance(page, ArticlePage):
        describe_article(head, context, page, request, name)
    elif isinstance(tag, Tag):
        add_feeds(head, request, "tag", tag.slug, tag.name)
        describe_listing(head, request, name, tag.name)
    elif isinstance(reporter, Reporter):
        add_feeds(head, request, "reporter", reporter.slug, reporter.full_name)
        describe_listing(head, request, name, reporter.full_name)
    elif isinstance(page, SectionPage):
        add_feeds(head, request, "section", page.slug, page.title)
        describe_listing(head, request, name, page.title)
        head.json_ld.append(breadcrumbs([(name, absolute("/")), (page.title, absolute(page.url))]))
    elif isinstance(page, HomePage):
        describe_listing(head, request, name, None)
        head.json_ld.append(website(request, name))
    else:
        describe_listing(head, request, name, page.title)
    return head


def add_feeds(head, request, kind, slug, title):
    rss, atom = feed_urls(kind, slug)
    absolute = request.build_absolute_uri
    head.feeds += [
        ("application/rss+xml", _("%(title)s (RSS)") % {"title": title}, absolute(rss)),
        ("application/atom+xml", _("%(title)s (Atom)") % {"title": title}, absolute(atom)),
    ]


def website(request, name):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": request.build_absolute_uri("/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": request.build_absolute_uri("/cari/") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def describe_listing(head, request, name, title):
    """OpenGraph and Twitter tags for a home, section, tag or reporter page."""
    full_title = f"{title} - {name}" if title else name
    logo = request.build_absolute_uri(static(settings.WARTA_PUBLISHER_LOGO))
    head.meta_properties += [
        ("og:site_name", name),
        ("og:locale", "id_ID"),
        ("og:type", "website"),
        ("og:title", full_title),
        ("og:url", head.canonical),
        ("og:image", logo),
    ]
    head.meta_names += [("twitter:card", "summary"), ("twitter:title", full_title)]


def describe_article(head, context, page, request, name):
    absolute = request.build_absolute_uri
    # An unsaved article in the editor's preview has no URL yet: describe the preview's own.
    own_url = absolute(page.url or request.path)
    section = context.get("section") or live_sections(request).get(page.section_path)
    tags = context.get("tags")
    if tags is None:
        tags = list(page.tags.all())
    source = page.source
    policy = source.syndication_policy if source else None
    head.canonical = own_url
    if policy == Source.SyndicationPolicy.CANONICAL and page.original_url:
        head.canonical = page.original_url
    if policy == Source.SyndicationPolicy.NOINDEX_NEWS:
        head.extra_robots.append(("Googlebot-News", "noindex"))
    if section:
        add_feeds(head, request, "section", section.slug, section.title)

    description = page.search_description or page.lead
    title = page.seo_title or page.title
    social = social_image(page, absolute)
    head.meta_properties += [
        ("og:site_name", name),
        ("og:locale", "id_ID"),
        ("og:type", "article"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", head.canonical),
    ]
    if social:
        head.meta_properties += [
            ("og:image", social["url"]),
            ("og:image:width", str(social["width"])),
            ("og:image:height", str(social["height"])),
            ("og:image:alt", page.featured_caption or page.title),
        ]
    head.meta_properties += [
        ("article:published_time", iso(page.first_published_at)),
        ("article:modified_time", iso(page.last_published_at or page.first_published_at)),
    ]
    if section:
        head.meta_properties.append(("article:section", section.title))
    head.meta_properties += [("article:tag", tag.name) for tag in tags]
    head.meta_names += [
        ("twitter:card", "summary_large_image" if social else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if social:
        head.meta_names += [
            ("twitter:image", social["url"]),
            ("twitter:image:alt", page.featured_caption or page.title),
        ]

    head.json_ld.append(news_article(page, request, name, section, tags, own_url, head.canonical))
    crumbs = [(name, absolute("/"))]
    if section:
        crumbs.append((section.title, absolute(section.url)))
    crumbs.append((page.title, own_url))
    head.json_ld.append(breadcrumbs(crumbs))


def rendition_sizes(image, specs):
    """Return [(url, width, height)] of an image's renditions, remembered per image version."""

    def find():
        renditions = image.get_renditions(*specs)
        return [
            (renditions[spec].url, renditions[spec].width, renditions[spec].height)
            for spec in specs
        ]

    return remembered(image, ("sizes", specs), find)


def social_image(page, absolute):
    if not page.featured_image:
        return None
    [(url, width, height)] = rendition_sizes(page.featured_image, (SOCIAL_IMAGE,))
    return {"url": absolute(url), "width": width, "height": height}


def schema_images(page, absolute):
    """Return the 16:9, 4:3 and 1:1 crops that are large enough for Google (>= 50,000 px)."""
    if not page.featured_image:
        return []
    return [
        {"@type": "ImageObject", "url": absolute(url), "width": width, "height": height}
        for url, width, height in rendition_sizes(page.featured_image, SCHEMA_IMAGES)
        if width * height >= MIN_SCHEMA_PIXELS
    ]


def news_article(page, request, name, section, tags, url, canonical):
    absolute = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "datePublished": iso(page.first_published_at),
        "dateModified": iso(page.last_published_at or page.first_published_at),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher(request, name),
    }
    description = page.search_description or page.lead
    if description:
        data["description"] = description
    images = schema_images(page, absolute)
    if images:
        data["image"] = images
    if page.reporter:
        data["author"] = [
            {
                "@type": "Person",
                "name": page.reporter.full_name,
                "url": absolute(REPORTER_PAGE % {"slug": page.reporter.slug}),
            }
        ]
    else:
        data["author"] = [{"@type": "Organization", "name": name, "url": absolute("/")}]
    if section:
        data["articleSection"] = section.title
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if page.source and page.original_url:
        data["isBasedOn"] = page.original_url
    return {key: value for key, value in data.items() if value is not None}
