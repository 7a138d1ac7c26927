"""Discovery work that publishing enqueues: readers never wait for it."""

from django_tasks import task

from warta.discovery import related
from warta.news.models import ArticlePage

MAX_RELISTED = 50  # an article leaves at most this many lists in one task; the rest fall back


@task()
def refresh_related(article_id):
    """Recompute the related list of a published article and slot it into its neighbours'."""
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return forget_article.call(article_id)
    return len(related.refresh(article))


@task()
def forget_article(article_id):
    """Take an unpublished or deleted article out of every related list, and refill those."""
    affected = related.forget(article_id)
    for other_id in affected[:MAX_RELISTED]:
        related.relist(other_id)
    return len(affected)


@task()
def relist_articles(article_ids):
    """Refill the related lists a deleted article left."""
    for article_id in article_ids[:MAX_RELISTED]:
        related.relist(article_id)
    return len(article_ids)
