"""A Wagtail frontend-cache backend for Warta's own page cache, beside nginx or a CDN.

Configured in WAGTAILFRONTENDCACHE like Wagtail's backends, so every purge (Wagtail's own on
publish, and Warta's wider one in `warta.delivery.tasks`) reaches the app's cache and the front
caches through the same PurgeBatch.
"""

from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from warta.delivery import pagecache


class PageCacheBackend(BaseBackend):
    """Retire the page cache's entries for each URL's path (every query string with it)."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        pagecache.purge_paths(urlsplit(url).path or "/" for url in urls)
