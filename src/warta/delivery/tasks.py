"""Work that publishing enqueues for readers: purges, and the first render of a new article."""

import logging
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from django_tasks import task

from warta.delivery import dependents, pagecache
from warta.news.models import ArticlePage

logger = logging.getLogger(__name__)


@task()
def purge_page(page_id, extra_urls=()):
    """Purge every cached page that shows a page: for an article, every list that shows it."""
    batch = PurgeBatch(extra_urls)
    page = Page.objects.filter(pk=page_id).specific().first()
    if isinstance(page, ArticlePage):
        batch.add_urls(dependents.article_urls(page))
    elif page is not None:
        batch.add_page(page)
        batch.add_urls(dependents.site_wide_urls(page))
    batch.purge()
    # Newest-article boxes on every other page: stale until each is rendered again, once.
    pagecache.touch_all()
    return len(batch.urls)


@task()
def purge_private(page_id):
    """Purge every cached page that showed a page made private, or public again.

    A view restriction covers the page and everything under it: each live article there is
    purged with every list that showed it, like an unpublish.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    batch = PurgeBatch()
    if page.specific_class is not ArticlePage:
        batch.add_page(page)
        batch.add_urls(dependents.site_wide_urls(page))
    articles = ArticlePage.objects.live().filter(path__startswith=page.path)
    articles = articles.select_related("reporter", "editor").defer_streamfields()
    for article in articles:
        batch.add_urls(dependents.article_urls(article))
    batch.purge()
    pagecache.touch_all()
    return len(batch.urls)


@task()
def purge_urls(urls):
    """Purge URLs collected before their page went away (a deleted article)."""
    PurgeBatch(urls).purge()
    pagecache.touch_all()
    return len(urls)


def reader_request(page):
    """Return an anonymous reader's GET of `page`'s URL on its site, or None if it has none."""
    parts = page.get_url_parts()
    if not parts or not parts[1]:
        return None
    root = urlsplit(parts[1])
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = parts[2]
    request.META = {
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": root.netloc,
        "SERVER_NAME": root.hostname or "",
        "SERVER_PORT": str(root.port or (443 if root.scheme == "https" else 80)),
        "wsgi.url_scheme": root.scheme,
    }
    request.user = AnonymousUser()
    return request


@task()
def render_published_article(article_id):
    """Render a just-published article, then its site's front page, as readers' requests would.

    Their pictures' renditions (AVIF, WebP and JPEG in several sizes and crops: a second or
    more for a new photo) are made here, in the publishing process, instead of by the first
    readers, who would otherwise all wait for them, or make them at once, when a story breaks.
    The front page shows the new article's crops for the lead story and the cards.
    """
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    site = article.get_site() if article is not None else None
    if site is None:
        return False
    for page in (article, site.root_page.specific):
        request = reader_request(page)
        if request is None:
            continue
        try:
            routed = page.route(request, [])  # a front page answers through its index route
            routed.page.serve(request, *routed.args, **routed.kwargs).render()
        except Exception:  # noqa: BLE001 - readers render it then; publishing has succeeded
            logger.warning("Could not render %s after publishing", request.path, exc_info=True)
            return False
    return True
