"""Find every cached URL that shows an article, so that one publish purges them all.

Pages list their own extra URLs through `get_cached_paths()` (Wagtail's convention); this module
adds the pages that show the article elsewhere: front page, section, tag and reporter archives,
the articles whose Berita Terkait or Baca Juga list it, feeds and sitemaps.
"""

import math

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page, ReferenceIndex

from warta.news.models import ArticlePage

# Feeds and sitemaps by URL name, with the kwargs each needs; a name the distribution app does
# not define is skipped.
SITE_WIDE = [
    "distribution:feed",
    "distribution:feed_atom",
    "distribution:sitemap",
    "distribution:sitemap_pages",
    "distribution:sitemap_news",
]


def reverse_or_none(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def page_paths(page):
    """Return the site-relative paths a page answers on: its URL and its cached extras."""
    parts = page.get_url_parts()
    if parts is None:
        return []
    base = parts[2]
    extras = page.get_cached_paths() if hasattr(page, "get_cached_paths") else ["/"]
    prefix = base.rstrip("/") + "/"
    return [base if extra == "/" else prefix + extra.lstrip("/") for extra in extras]


def listing_ids(article_id):
    """Return the ids of the articles whose Berita Terkait or Baca Juga list the article."""
    from warta.discovery.models import RelatedArticle, RelatedChoice

    ids = set()
    for model in (RelatedArticle, RelatedChoice):
        ids.update(model.objects.filter(related_id=article_id).values_list("article_id", flat=True))
    # Baca Juga blocks the editor placed in a body: Wagtail's reference index tracks them.
    references = ReferenceIndex.get_references_to(Page(pk=article_id)).filter(
        base_content_type__model="page"
    )
    ids |= {int(pk) for pk in references.values_list("object_id", flat=True) if str(pk).isdigit()}
    ids.discard(article_id)
    return ids


def sitemap_paths():
    paths = [reverse_or_none(name) for name in SITE_WIDE]
    size = max(1, getattr(settings, "WARTA_SITEMAP_PAGE_SIZE", 50000))
    pages = max(1, math.ceil(ArticlePage.objects.live().count() / size))
    paths += [reverse_or_none("distribution:sitemap_articles", page=n) for n in range(1, pages + 2)]
    return [path for path in paths if path]


def article_urls(article, extra_paths=()):
    """Return the full URL of every page that shows `article`, for PurgeBatch."""
    root = site_root(article)
    return [root + path for path in article_paths(article, extra_paths)]


def feed_paths(*names, slug):
    return [path for name in names if (path := reverse_or_none(name, slug=slug))]


def article_paths(article, extra=()):
    """Return every path that shows `article`: its page and each page that lists it."""
    paths = set(extra) | set(page_paths(article))
    section = article.get_parent().specific
    home = section.get_parent().specific
    paths.update(page_paths(home))
    paths.update(page_paths(section))
    paths.update(
        feed_paths("distribution:section_feed", "distribution:section_feed_atom", slug=section.slug)
    )
    archives = hasattr(home, "reverse_subpage")
    home_path = (home.get_url_parts() or (None, None, "/"))[2]
    for tag_slug in article.tags.values_list("slug", flat=True):
        if archives:
            paths.add(home_path + home.reverse_subpage("tag", kwargs={"slug": tag_slug}))
        paths.update(
            feed_paths("distribution:tag_feed", "distribution:tag_feed_atom", slug=tag_slug)
        )
    for reporter in (article.reporter, article.editor):
        if reporter is not None and reporter.slug:
            if archives:
                archive = home.reverse_subpage("reporter", kwargs={"slug": reporter.slug})
                paths.add(home_path + archive)
            paths.update(
                feed_paths(
                    "distribution:reporter_feed",
                    "distribution:reporter_feed_atom",
                    slug=reporter.slug,
                )
            )
    for other in ArticlePage.objects.filter(pk__in=listing_ids(article.pk)).defer_streamfields():
        paths.update(page_paths(other))
    paths.update(sitemap_paths())
    return sorted(paths)


def site_root(page):
    site = page.get_site()
    return site.root_url if site is not None else settings.WARTA_BASE_URL


def site_wide_urls(page):
    """Return the URLs every change may touch: front page, site feeds and sitemaps."""
    return [site_root(page) + path for path in ["/", *sitemap_paths()]]


def old_urls(page, url_path):
    """Return the URL a page had under a former `url_path` (before a move or a new slug)."""
    former = Page(pk=page.pk, url_path=url_path, depth=page.depth, path=page.path)
    parts = former.get_url_parts()
    return [parts[1] + parts[2]] if parts else []
