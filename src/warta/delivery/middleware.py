"""Answer anonymous readers from the page cache, and say 503 when the database is down."""

import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string

from warta.delivery import pagecache, policy

logger = logging.getLogger(__name__)

CONDITIONAL_HEADERS = ("HTTP_ACCEPT_ENCODING", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def answer(request, entry, state):
    """Build the response for one reader from a stored entry, 304 when they already have it."""
    meta = request.META
    headers, body = entry.answer_headers(meta.get("HTTP_ACCEPT_ENCODING", ""), state)
    if entry.not_modified(meta.get("HTTP_IF_NONE_MATCH"), meta.get("HTTP_IF_MODIFIED_SINCE")):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "X-Cache"):
                response[name] = value
        return response
    response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry.status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve published pages to anonymous readers from the page cache; render each miss once.

    Goes first in MIDDLEWARE: a hit costs no session, no database query and no template.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not policy.request_is_cacheable(request.method, request.path, request.COOKIES):
            return self.get_response(request)
        host = policy.host_of(request.META)
        found = pagecache.lookup(host, request.path, request.META.get("QUERY_STRING", ""))
        entry = found.fresh
        if entry is not None:
            return answer(request, entry, "HIT")
        locked = pagecache.acquire(found.key)
        if locked is False:
            if found.current is not None:
                # Someone else is refreshing this page: the stale copy is good enough meanwhile.
                return answer(request, found.current, "STALE")
            waited = self.wait(request, host, found)
            if waited is not None:
                return waited
        return self.render(request, found, locked)

    def wait(self, request, host, found):
        """Wait briefly for the reader who is rendering a missing page, then use their copy."""
        deadline = time.monotonic() + settings.WARTA_PAGE_CACHE_WAIT
        query = request.META.get("QUERY_STRING", "")
        while time.monotonic() < deadline:
            time.sleep(0.02)
            again = pagecache.lookup(host, request.path, query)
            if again.current is not None:
                return answer(request, again.current, "HIT")
        return None

    def render(self, request, found, locked):
        """Render the page once, store it, and answer; keep the old copy if rendering fails."""
        # The stored copy must serve every reader: render it uncompressed and unconditional.
        meta = request.META
        saved = {name: meta.pop(name) for name in CONDITIONAL_HEADERS if name in meta}
        try:
            response = self.get_response(request)
        except BaseException:
            if locked:
                pagecache.release(found.key)
            raise
        finally:
            request.META.update(saved)
        if response.status_code >= 500 and found.entry is not None:
            # The database is down or the page broke: a stale or purged copy beats an error.
            if locked:
                pagecache.release(found.key)
            return answer(request, found.entry, "STALE")
        if not policy.response_is_cacheable(response):
            if locked:
                pagecache.release(found.key)
            return response
        if response.streaming:
            return self.store_streaming(response, found, locked)
        entry = pagecache.store(found, response, response.content)
        if locked:
            pagecache.release(found.key)
        return answer(request, entry, "MISS")

    def store_streaming(self, response, found, locked):
        """Pass a streamed page (a sitemap) through while keeping a copy, if it is not too big."""
        limit = settings.WARTA_PAGE_CACHE_MAX_BYTES
        chunks = response.streaming_content

        def tee():
            kept, size, complete = [], 0, False
            try:
                for chunk in chunks:
                    if kept is not None:
                        size += len(chunk)
                        if size <= limit:
                            kept.append(chunk)
                        else:
                            kept = None
                    yield chunk
                complete = True
            finally:
                if complete and kept is not None:
                    pagecache.store(found, response, b"".join(kept))
                if locked:
                    pagecache.release(found.key)

        response.streaming_content = tee()
        response["Cache-Control"] = policy.cache_control()
        response["X-Cache"] = "MISS"
        return response


class DatabaseUnavailableMiddleware:
    """Answer the branded 503 when the database cannot be reached, instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or not database_down(exception):
            return None
        logger.error("Database unavailable: %s", exception)
        return unavailable_response()


def database_down(exception):
    """Tell a lost database (connection refused, server gone) from a bad query."""
    from django.db import InterfaceError, OperationalError

    return isinstance(exception, (OperationalError, InterfaceError))


def unavailable_response():
    """Render the 503 page without touching the database."""
    html = render_to_string("delivery/503.html", {"site_name": settings.WARTA_SITE_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
