"""The WSGI fast path: answer fresh cache hits before Django builds a request.

Only fresh hits are answered here, by the same policy and entries as `PageCacheMiddleware`;
everything else (misses, stale pages, editors, 304 logic aside) goes to Django unchanged.
"""

from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie

from django.conf import settings

from warta.delivery import pagecache, policy


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
        found = pagecache.lookup(host, path, environ.get("QUERY_STRING", ""))
        entry = found.fresh
        if entry is None:
            return self.application(environ, start_response)
        if entry.not_modified(
            environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE")
        ):
            return self.application(environ, start_response)  # Django writes the 304
        headers, body = entry.answer_headers(environ.get("HTTP_ACCEPT_ENCODING", ""), "HIT")
        start_response(status_line(entry.status), headers)
        return [b"" if method == "HEAD" else body]
