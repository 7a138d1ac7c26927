"""Keep section groups and go-live fields in step with the page tree."""

from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published


def create_groups_for_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from warta.newsroom.roles import create_section_groups

        create_section_groups(instance)


def clear_spent_go_live(sender, instance, revision=None, **kwargs):
    """Forget a go-live time once the page is live, so no stale schedule lingers.

    Wagtail leaves `go_live_at` set after a scheduled publish: the settings tab keeps
    showing it, and a later unpublish and republish (or a copy) silently reuses it.
    """
    moment = instance.go_live_at
    if moment is None or moment > timezone.now():
        return
    Page.objects.filter(pk=instance.pk).update(go_live_at=None)
    instance.go_live_at = None
    if revision is not None and revision.content.get("go_live_at"):
        revision.content["go_live_at"] = None
        revision.save(update_fields=["content"])


def connect():
    from warta.news.models import SectionPage

    post_save.connect(
        create_groups_for_new_section, sender=SectionPage, dispatch_uid="newsroom-section"
    )
    page_published.connect(clear_spent_go_live, dispatch_uid="newsroom-go-live")
