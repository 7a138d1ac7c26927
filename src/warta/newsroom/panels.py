"""Dashboard panels: what waits for review, what is scheduled, wire drafts, missed schedules."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowState

from warta.news.models import ArticlePage
from warta.newsroom.schedule import missed_schedules, scheduled_revisions

PANEL_LIMIT = 20


def _paths(user, codenames):
    return set(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=codenames
        ).values_list("page__path", flat=True)
    )


def drafts_visible_to(user):
    """Return a filter for the pages whose drafts this user may see: own, or in their sections."""
    if user.is_superuser:
        return Q()
    condition = Q(owner=user)
    for path in _paths(user, ("change_page", "publish_page")):
        condition |= Q(path__startswith=path)
    return condition


def may_publish_somewhere(user):
    return user.is_superuser or bool(_paths(user, ("publish_page",)))


def _page_states(status, **filters):
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.filter(
        status=status, base_content_type=page_type, **filters
    ).select_related("requested_by")
    return {int(state.object_id): state for state in states}


class ListPanel(Component):
    """A dashboard table of pages: title, who, when and a detail line."""

    template_name = "newsroom/panels/list.html"
    heading = ""
    empty = ""
    panel_id = ""
    when_label = _("Time")

    def rows(self, user):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {
            "heading": self.heading,
            "empty": self.empty,
            "panel_id": self.panel_id,
            "when_label": self.when_label,
            "rows": self.rows(parent_context["request"].user),
        }


class AwaitingReviewPanel(ListPanel):
    name = "newsroom_awaiting_review"
    order = 60
    heading = _("Awaiting review")
    empty = _("No article is waiting for review.")
    panel_id = "menunggu-review"
    when_label = _("Submitted")

    def rows(self, user):
        states = _page_states(WorkflowState.STATUS_IN_PROGRESS)
        pages = (
            Page.objects.filter(pk__in=states)
            .filter(drafts_visible_to(user))
            .order_by("-latest_revision_created_at")[:PANEL_LIMIT]
        )
        return [
            {"page": page, "who": states[page.pk].requested_by, "when": states[page.pk].created_at}
            for page in pages
        ]


class ChangesRequestedPanel(ListPanel):
    """The reporter's notifications: editors sent these articles back with a comment."""

    name = "newsroom_changes_requested"
    order = 55
    heading = _("Changes requested")
    panel_id = "perubahan-diminta"
    when_label = _("Reviewed")

    def rows(self, user):
        states = _page_states(WorkflowState.STATUS_NEEDS_CHANGES, requested_by=user)
        rejected = {
            int(task.workflow_state.object_id): task
            for task in TaskState.objects.filter(
                workflow_state__in=[state.pk for state in states.values()],
                status=TaskState.STATUS_REJECTED,
            )
            .select_related("workflow_state", "finished_by")
            .order_by("finished_at")
        }
        pages = Page.objects.filter(pk__in=states).order_by("-latest_revision_created_at")
        return [
            {
                "page": page,
                "who": rejected[page.pk].finished_by if page.pk in rejected else None,
                "when": rejected[page.pk].finished_at if page.pk in rejected else None,
                "detail": rejected[page.pk].comment if page.pk in rejected else "",
            }
            for page in pages[:PANEL_LIMIT]
        ]


class ScheduledPanel(ListPanel):
    name = "newsroom_scheduled"
    order = 65
    heading = _("Scheduled")
    empty = _("No article is scheduled.")
    panel_id = "terjadwal"
    when_label = _("Goes live")

    def rows(self, user):
        revisions = {int(r.object_id): r for r in scheduled_revisions()}
        pages = Page.objects.filter(pk__in=revisions).filter(drafts_visible_to(user))
        rows = [
            {
                "page": page,
                "who": revisions[page.pk].user,
                "when": revisions[page.pk].approved_go_live_at,
            }
            for page in pages
        ]
        return sorted(rows, key=lambda row: row["when"])[:PANEL_LIMIT]


class WireDraftsPanel(ListPanel):
    name = "newsroom_wire_drafts"
    order = 70
    heading = _("Drafts from news sources")
    empty = _("No draft from a news source.")
    panel_id = "draf-sumber-berita"
    when_label = _("Created")

    def rows(self, user):
        drafts = (
            ArticlePage.objects.filter(live=False, source__isnull=False)
            .filter(drafts_visible_to(user))
            .select_related("source")
            .defer_streamfields()
            .order_by("-latest_revision_created_at", "-pk")[:PANEL_LIMIT]
        )
        return [
            {"page": page, "when": page.latest_revision_created_at, "detail": page.source.name}
            for page in drafts
        ]


class MissedSchedulePanel(Component):
    """A warning: articles whose go-live time passed without publishing."""

    name = "newsroom_missed_schedule"
    order = 40
    template_name = "newsroom/panels/missed.html"

    def get_context_data(self, parent_context):
        # Only the articles this editor may open: another section's titles stay unseen.
        missed = missed_schedules()
        visible = set(
            Page.objects.filter(pk__in=[item.page.pk for item in missed])
            .filter(drafts_visible_to(parent_context["request"].user))
            .values_list("pk", flat=True)
        )
        return {"missed": [item for item in missed if item.page.pk in visible]}


def dashboard_panels(user):
    """Return the newsroom panels this user should see, in dashboard order."""
    panels = []
    if may_publish_somewhere(user):
        panels.append(MissedSchedulePanel())
    panels += [ChangesRequestedPanel(), AwaitingReviewPanel(), ScheduledPanel(), WireDraftsPanel()]
    return panels
