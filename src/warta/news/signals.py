"""Keep the cached section list true when editors change sections."""

import hashlib

from django.db.models.signals import post_delete, post_save, pre_save

from taggit.models import Tag
from wagtail.signals import page_published, page_unpublished, post_page_move

from warta.news.models import SectionPage
from warta.news.sections import forget_sections


def _section_changed(sender, instance=None, **kwargs):
    forget_sections()


def _page_moved(sender, instance=None, **kwargs):
    if isinstance(instance.specific_deferred, SectionPage):
        forget_sections()


def _slug_for_symbol_tag(sender, instance, **kwargs):
    """Give a tag of symbols alone ('{{ }}') a slug: an empty one has no archive URL."""
    if not instance.slug:
        instance.slug = "tag-" + hashlib.sha256(instance.name.encode()).hexdigest()[:10]


def connect():
    for signal in (page_published, page_unpublished, post_delete, post_save):
        signal.connect(
            _section_changed, sender=SectionPage, dispatch_uid=f"warta-sections-{id(signal)}"
        )
    post_page_move.connect(_page_moved, dispatch_uid="warta-sections-moved")
    pre_save.connect(_slug_for_symbol_tag, sender=Tag, dispatch_uid="warta-tag-slug")
