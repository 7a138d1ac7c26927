"""Cache API answers like pages, and purge the API's URLs when articles or sections change.

Answers carry an ETag (a repeat request with If-None-Match gets a 304) and
`Cache-Control: public, max-age=WARTA_API_MAX_AGE`, so apps, Warta's page cache and a CDN may
keep them. Publishing, unpublishing, moving or deleting an article or a section purges the API
paths that show it through Wagtail's frontend-cache PurgeBatch, the same way the site's pages
are purged: every backend in WAGTAILFRONTENDCACHE (Warta's page cache, nginx, a CDN) drops
them. The purge runs as a task, at once and again after the transaction commits, so a request
between the two cannot keep the old answer.
"""

from functools import wraps

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from wagtail.signals import page_published, page_unpublished, post_page_move

from warta.api.tasks import purge_api_urls
from warta.api.throttle import rate_limited
from warta.news.models import ArticlePage, SectionPage

# The lists every article can appear in; each purge covers all their query strings.
LIST_ROUTES = ("list_articles", "search", "list_tags")


def api_paths(page):
    """Return the API paths that show a page: an article's own, the lists, the sections."""
    paths = [reverse(f"api:{name}") for name in LIST_ROUTES]
    if isinstance(page, ArticlePage):
        paths.append(reverse("api:read_article", kwargs={"article_id": page.pk}))
    else:
        paths.append(reverse("api:list_sections"))
    return paths


def api_urls(page):
    """Return the full URLs of `api_paths(page)` on the page's site, for PurgeBatch."""
    site = page.get_site()
    root = site.root_url if site is not None else settings.WARTA_BASE_URL
    return [root + path for path in api_paths(page)]


def purge_page(sender, instance, **kwargs):
    """Enqueue the purge of the API URLs that show an article or a section."""
    urls = api_urls(instance)
    purge_api_urls.enqueue(urls)
    transaction.on_commit(lambda: purge_api_urls.enqueue(urls))


def connect_signals():
    for model in (ArticlePage, SectionPage):
        name = model.__name__
        page_published.connect(purge_page, sender=model, dispatch_uid=f"api-published-{name}")
        page_unpublished.connect(purge_page, sender=model, dispatch_uid=f"api-unpublished-{name}")
        post_page_move.connect(purge_page, sender=model, dispatch_uid=f"api-moved-{name}")
        post_delete.connect(purge_page, sender=model, dispatch_uid=f"api-deleted-{name}")


def served(view):
    """Wrap an API view: rate limit, ETag and 304, Cache-Control, open CORS for browsers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = rate_limited(request)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                set_response_etag(response)
                patch_cache_control(response, public=True, max_age=settings.WARTA_API_MAX_AGE)
                response = get_conditional_response(
                    request, etag=response["ETag"], response=response
                )
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped
