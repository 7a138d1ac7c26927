"""Purge nginx's page cache (deploy/nginx/warta.conf) over HTTP, quietly when all is well.

nginx's cache-purge module answers 404 for a page it has not cached: that is the common case
on publish (most of the pages that show an article are not in the cache at that moment) and
not an error. Any other answer, or no answer, is logged with what to fix.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger("warta.delivery.frontcache")

PURGED, NOT_CACHED = 200, 404


class PurgeRequest(Request):
    def get_method(self):
        return "PURGE"


def send_purge(location, url, timeout=5):
    """PURGE `url` at the cache `location`, with the Host nginx keys on; return the status."""
    page, cache = urlsplit(url), urlsplit(location)
    host = page.hostname + (f":{page.port}" if page.port else "")
    request = PurgeRequest(
        urlunsplit([cache.scheme, cache.netloc, page.path or "/", page.query, ""]),
        headers={"Host": host, "User-Agent": "Warta-purge"},
    )
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - the operator's URL
            return response.status
    except HTTPError as error:
        return error.code


class NginxPurgeBackend(BaseBackend):
    """Wagtail's frontend-cache backend for WARTA_PURGE_URL."""

    def __init__(self, params):
        super().__init__(params)
        self.location = params.pop("LOCATION")

    def purge(self, url):
        try:
            status = send_purge(self.location, url)
        except (URLError, OSError) as error:
            logger.error(
                "Couldn't purge %s: the front cache at %s does not answer (%s). "
                "Check WARTA_PURGE_URL and nginx's purge server.",
                url,
                self.location,
                getattr(error, "reason", error),
            )
            return
        if status not in (PURGED, NOT_CACHED):
            logger.error(
                "Couldn't purge %s: the front cache at %s answered %s. "
                "Check that its purge server allows this host (deploy/nginx/warta.conf).",
                url,
                self.location,
                status,
            )
