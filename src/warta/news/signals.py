"""Keep the cached section list true when editors change sections."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from warta.news.models import SectionPage
from warta.news.sections import forget_sections


def _section_changed(sender, instance=None, **kwargs):
    forget_sections()


def _page_moved(sender, instance=None, **kwargs):
    if isinstance(instance.specific_deferred, SectionPage):
        forget_sections()


def connect():
    for signal in (page_published, page_unpublished, post_delete, post_save):
        signal.connect(
            _section_changed, sender=SectionPage, dispatch_uid=f"warta-sections-{id(signal)}"
        )
    post_page_move.connect(_page_moved, dispatch_uid="warta-sections-moved")
