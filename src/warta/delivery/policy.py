"""Warta's cache policy in one place: which requests the page cache answers, and for how long.

The WSGI fast path (`warta.delivery.wsgi`), the middleware and the purge all read this module;
the knobs are settings read from the environment (docs/delivery.md).
"""

from django.conf import settings

# Paths that are never cached: the admin and its previews, search, the view counter, documents,
# media and static files (WhiteNoise and the front server handle those).
PRIVATE_PREFIXES = ("/admin/", "/cari/", "/-/", "/dokumen/", "/media/", "/static/")
CACHED_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "text/plain",
)
# Headers that each answer from the cache sets afresh rather than replaying.
PER_ANSWER_HEADERS = {
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "vary",
    "date",
    "age",
    "x-cache",
}


def enabled():
    return settings.WARTA_PAGE_CACHE


def ttl():
    """Return how long a stored page is fresh, in seconds."""
    return settings.WARTA_PAGE_CACHE_TTL


def keep_for():
    """Return how long a stored page is kept: fresh time plus the stale time it may serve."""
    return settings.WARTA_PAGE_CACHE_TTL + settings.WARTA_PAGE_CACHE_STALE


def private_path(path):
    return path.startswith(PRIVATE_PREFIXES)


def host_of(meta):
    """Return the host a request names, from the WSGI environ or request.META."""
    return meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")


def request_is_cacheable(method, path, cookies):
    """Tell whether an anonymous reader's request may be answered from the page cache.

    `cookies` is the request's cookie mapping: a session means a signed-in editor or reader
    whose page may differ, so it passes through.
    """
    if not enabled() or method not in ("GET", "HEAD"):
        return False
    if private_path(path) or "preview" in path:
        return False
    return settings.SESSION_COOKIE_NAME not in cookies


def response_is_cacheable(response):
    """Tell whether a rendered response may be stored for every anonymous reader."""
    if response.status_code != 200 or response.cookies:
        return False
    if response.has_header("Content-Encoding"):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in CACHED_TYPES:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def cache_control():
    """Return the Cache-Control of every cached page: browsers, then shared caches."""
    return (
        f"public, max-age={settings.WARTA_CACHE_MAX_AGE}, "
        f"s-maxage={settings.WARTA_CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.WARTA_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.WARTA_PAGE_CACHE_STALE}"
    )
