"""Enqueue the purge when a page is published, unpublished, renamed, moved, deleted, or made
private or public again (a view restriction added, changed or removed).

Each purge is enqueued at once and again after the transaction commits: a reader who renders
the page between the two would otherwise store the old text under the new cache version.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from warta.delivery import dependents, pagecache
from warta.delivery.tasks import (
    purge_page,
    purge_private,
    purge_urls,
    render_published_article,
)
from warta.news.models import ArticlePage


def enqueue(task, *args):
    task.enqueue(*args)
    transaction.on_commit(lambda: task.enqueue(*args))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    enqueue(purge_page, instance.pk)


@receiver(page_published)
def article_published(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        # Once committed: the render must see the article as readers will.
        transaction.on_commit(lambda: render_published_article.enqueue(instance.pk))


@receiver(post_save)
def live_page_saved(sender, instance, created=False, raw=False, **kwargs):
    # A live page saved outside publishing (a script, a banner switched on in code) shows the
    # new fields at once: its own URLs are purged, other pages turn stale.
    if raw or created or not isinstance(instance, Page) or not instance.live:
        return
    root = dependents.site_root(instance)
    enqueue(purge_urls, [root + path for path in dependents.page_paths(instance)])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, raw=False, **kwargs):
    # Readers' cached copies of the page, of everything under it and of every list showing
    # them go at once: the public copy of a page made private must not outlive the change.
    if not raw:
        enqueue(purge_private, instance.page_id)


@receiver(page_slug_changed)
def page_renamed(sender, instance, instance_before, **kwargs):
    enqueue(purge_page, instance.pk, dependents.old_urls(instance, instance_before.url_path))


@receiver(post_page_move)
def page_moved(sender, instance, url_path_before, parent_page_before, **kwargs):
    urls = dependents.old_urls(instance, url_path_before)
    parts = parent_page_before.get_url_parts()
    if parts:
        urls.append(parts[1] + parts[2])
    enqueue(purge_page, instance.pk, urls)


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    page = instance.specific
    if type(page) is not type(instance):
        return  # Django deletes the specific row too: purge once, for that one
    if isinstance(page, ArticlePage):
        urls = dependents.article_urls(page)
    else:
        urls = dependents.site_wide_urls(page) + dependents.old_urls(page, page.url_path)
    enqueue(purge_urls, urls)


def shown_on_pages(sender, **kwargs):
    # A reporter's bio, a source's policy or a site's name shows on many pages: each turns
    # stale and is rendered again at its next request (readers get the old copy meanwhile).
    pagecache.touch_all()


def connect_shown_models():
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Site
    from wagtail.signals import page_published, page_unpublished

    from warta.news.models import Reporter, SectionPage, Source

    for model in (Reporter, Source, Site):
        post_save.connect(shown_on_pages, sender=model, dispatch_uid=f"delivery-{model.__name__}")
        post_delete.connect(
            shown_on_pages, sender=model, dispatch_uid=f"delivery-del-{model.__name__}"
        )
    # Every page's menu lists the sections.
    for signal in (page_published, page_unpublished):
        signal.connect(
            shown_on_pages, sender=SectionPage, dispatch_uid=f"delivery-menu-{id(signal)}"
        )


connect_shown_models()
