"""The WSGI fast path: answer fresh cache hits before Django builds a request.

Only fresh hits are answered here, by the same policy and entries as `PageCacheMiddleware`;
everything else (misses, stale pages, editors, 304 logic aside) goes to Django unchanged.
With Redis, the process's most read pages are also held in memory (`warta.delivery.memory`).
"""

from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie

from django.conf import settings

from warta.delivery import memory, pagecache, policy


def cookie_names(environ):
    raw = environ.get("HTTP_COOKIE", "")
    if not raw:
        return ()
    try:
        return SimpleCookie(raw).keys()
    except CookieError:
        return (settings.SESSION_COOKIE_NAME,)  # unreadable: let Django decide


def status_line(code):
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"{code} Unknown"


class PageCacheApplication:
    """Wrap Django's WSGI application with the page cache's fresh hits."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
        if not policy.request_is_cacheable(method, path, cookie_names(environ)):
            return self.application(environ, start_response)
        try:
            path = path.encode("latin-1").decode("utf-8")  # PEP 3333 strings, as Django reads them
        except UnicodeError:
            return self.application(environ, start_response)
        host = policy.host_of(environ)
        query = environ.get("QUERY_STRING", "")
        entry = self.fresh_entry(host, path, query)
        if entry is None:
            return self.application(environ, start_response)
        if entry.not_modified(
            environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE")
        ):
            return self.application(environ, start_response)  # Django writes the 304
        headers, body = entry.answer_headers(environ.get("HTTP_ACCEPT_ENCODING", ""), "HIT")
        start_response(status_line(entry.status), headers)
        return [b"" if method == "HEAD" else body]

    @staticmethod
    def fresh_entry(host, path, query):
        """Return the fresh stored page, from this process's memory when it holds one."""
        kept = memory.for_this_process()
        if kept is None:
            return pagecache.lookup(host, path, query).fresh
        key = pagecache.entry_key(host, path, query)
        entry = kept.get(key)
        if entry is not None and not entry.expired():
            return entry
        epoch = kept.epoch
        entry = pagecache.lookup(host, path, query, key).fresh
        if entry is not None:
            kept.put(key, entry, epoch)
        return entry
