"""What every article page shows around its text, read once and cached until articles change.

"Berita Terbaru" is the same on every article page, and an article's related cards change only
when an article is published, unpublished, moved or deleted: those events start a new version
of the articles, and both are cached under it in the shared cache (the page cache's store, one
for every app process). `news.bulk` starts a new version itself; a change that sends no signal
(related lists rebuilt from the command line) shows within the timeout.
"""

import time

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished, post_page_move

from warta.news.models import ArticlePage
from warta.news.sections import shared_cache

VERSION_KEY = "warta:articles-version"
CACHE_TIMEOUT = 300
NEWEST_KEPT = 12


def articles_version():
    """Return the token of the articles' current state; it changes when any article does."""
    version = shared_cache().get(VERSION_KEY)
    if version is None:
        version = new_version()
    return version


def new_version(**kwargs):
    version = time.time_ns()
    shared_cache().set(VERSION_KEY, version, None)
    return version


def cached(name, compute):
    """Return compute(), kept under `name` until the articles change."""
    key = f"warta:{name}:{articles_version()}"
    value = shared_cache().get(key)
    if value is None:
        value = compute()
        shared_cache().set(key, value, CACHE_TIMEOUT)
    return value


def newest_cards(count, site_path=""):
    """Return the `count` newest readable article cards of a site (at most NEWEST_KEPT)."""
    cards = cached(
        f"newest:{site_path}", lambda: list(ArticlePage.objects.cards(site_path)[:NEWEST_KEPT])
    )
    return cards[:count]


def _page_moved(sender, instance=None, **kwargs):
    if isinstance(instance.specific_deferred, ArticlePage):
        new_version()


def connect():
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(new_version, sender=ArticlePage, dispatch_uid=f"warta-articles-{id(signal)}")
    post_page_move.connect(_page_moved, dispatch_uid="warta-articles-moved")
