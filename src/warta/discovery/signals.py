"""Keep related lists current: enqueue discovery work when articles are published or removed."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from warta.discovery.models import RelatedArticle
from warta.discovery.tasks import MAX_RELISTED, forget_article, refresh_related, relist_articles
from warta.news.models import ArticlePage


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs):
    refresh_related.enqueue(instance.pk)


@receiver(page_unpublished, sender=ArticlePage)
def article_unpublished(sender, instance, **kwargs):
    forget_article.enqueue(instance.pk)


@receiver(pre_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    # The rows cascade away with the page; the lists it was in are refilled once it is gone.
    affected = list(
        RelatedArticle.objects.filter(related_id=instance.pk).values_list("article_id", flat=True)
    )[:MAX_RELISTED]
    if affected:
        transaction.on_commit(lambda: relist_articles.enqueue(affected))
