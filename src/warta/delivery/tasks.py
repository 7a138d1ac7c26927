"""Purge work that publishing enqueues: the editor's save never waits for the caches."""

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from django_tasks import task

from warta.delivery import dependents, pagecache
from warta.news.models import ArticlePage


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
def purge_urls(urls):
    """Purge URLs collected before their page went away (a deleted article)."""
    PurgeBatch(urls).purge()
    pagecache.touch_all()
    return len(urls)
