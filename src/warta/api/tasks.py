"""Purge work that publishing enqueues for the API: the editor's save never waits for caches."""

from wagtail.contrib.frontend_cache.utils import PurgeBatch

from django_tasks import task


@task()
def purge_api_urls(urls):
    """Purge API URLs (each with all its query strings) from every configured front cache."""
    PurgeBatch(urls).purge()
    return len(urls)
