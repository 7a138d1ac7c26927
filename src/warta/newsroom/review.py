"""Review feedback where people look: the editor's comment atop the article, clear messages."""

from django.contrib import messages
from django.utils.translation import gettext as _

from wagtail.admin import messages as admin_messages
from wagtail.models import TaskState, WorkflowState

from warta.news.dates import long_date


def changes_requested(page):
    """Return the task state in which an editor last asked for changes to `page`, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


def show_requested_changes(request, page):
    """On opening the editor, show who asked for which changes, and what to do next."""
    if request.method != "GET":
        return
    rejected = changes_requested(page)
    if rejected is None:
        return
    who = rejected.finished_by.get_full_name() or rejected.finished_by.get_username()
    text = _("%(editor)s asked for changes (%(when)s): “%(comment)s”") % {
        "editor": who,
        "when": long_date(rejected.finished_at),
        "comment": rejected.get_comment() or _("no comment"),
    }
    messages.warning(
        request, f"{text} {_('Fix the article, then choose “Resubmit” at the bottom.')}"
    )


def workflow_action(request):
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        return request.POST.get("workflow-action-name")
    return None


def replace_review_message(request, page):
    """After approving or asking for changes, say which it was (Wagtail says "updated")."""
    action = workflow_action(request)
    if action not in ("approve", "reject"):
        return
    for _message in messages.get_messages(request):
        pass  # read, hence dropped: Wagtail's one "has been updated"
    title = page.get_admin_display_title()
    if action == "reject":
        messages.success(
            request,
            _("Changes requested for “%(title)s”: the reporter sees your comment atop the article.")
            % {"title": title},
        )
        return
    page.refresh_from_db()
    if page.live and page.go_live_at is None:
        admin_messages.success(
            request,
            _("“%(title)s” approved and live.") % {"title": title},
            buttons=[admin_messages.button(page.url, _("View live"), new_window=False)],
        )
    else:
        admin_messages.success(request, _("“%(title)s” approved and scheduled.") % {"title": title})


def drop_restart_workflow(menu_items, request, context):
    """Leave one way back into review: "Resubmit", not also "Restart workflow"."""
    menu_items[:] = [item for item in menu_items if item.name != "action-restart-workflow"]
