"""Keep related lists current: enqueue discovery work when articles are published or removed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from warta.discovery.tasks import forget_article, refresh_related
from warta.news.models import ArticlePage


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs):
    refresh_related.enqueue(instance.pk)


@receiver(page_unpublished, sender=ArticlePage)
def article_unpublished(sender, instance, **kwargs):
    forget_article.enqueue(instance.pk)


@receiver(post_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    # The rows cascade away with the page; the lists it was in still need refilling.
    forget_article.enqueue(instance.pk)
