"""Find the request's Wagtail site in the cache instead of one query per request."""

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.models import Site

# With Redis every app process sees a change at once; with the local cache of each process
# (no REDIS_URL) the others follow within this time.
SITE_CACHE_TIMEOUT = 60
NO_SITE = "none"


def site_cache_key(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    return f"warta:site:{hostname}:{request.get_port()}"


def forget_sites(**kwargs):
    """Drop every cached lookup: a site changed, and any host may have fallen back to it."""
    if hasattr(cache, "delete_pattern"):  # Redis
        cache.delete_pattern("warta:site:*")
    else:  # this process's local memory, rebuilt as it is asked
        cache.clear()


class SiteMiddleware:
    """Set `request._wagtail_site`, where Wagtail keeps its lookup, from the cache.

    The site comes with its home as the specific page that routing starts from, unpickled
    afresh for every request. That copy may be a minute old: it only leads to sections and
    articles, and the home's own pages read the home again (`HomePage.as_published`).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        post_save.connect(forget_sites, sender=Site, dispatch_uid="warta-site-cache-save")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="warta-site-cache-delete")

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            key = site_cache_key(request)
            site = cache.get(key)
            if site is None:
                try:
                    site = Site._find_for_request(request) or NO_SITE
                    if site != NO_SITE:
                        site.root_page = site.root_page.specific  # kept with the site
                except DatabaseError:
                    # Let the view meet the error: it answers with the branded 503.
                    return self.get_response(request)
                cache.set(key, site, SITE_CACHE_TIMEOUT)
            request._wagtail_site = None if site == NO_SITE else site
        return self.get_response(request)
