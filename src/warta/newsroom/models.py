"""The review step of "Review redaksi": a group approval limited to the reviewer's sections."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission, Page, TaskState


class SectionReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve pages in the sections where they may publish."""

    def _may_review(self, obj, user):
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        if isinstance(obj, Page):
            return obj.permissions_for_user(user).can_publish()
        return True

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user)

    def get_actions(self, obj, user):
        if self._may_review(obj, user):
            return super().get_actions(obj, user)
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not self._user_in_groups(user):
            return TaskState.objects.none()
        return states.filter(workflow_state__object_id__in=publishable_page_ids(user))

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve pages in the sections where they may publish"
        )

    class Meta:
        verbose_name = _("section review task")
        verbose_name_plural = _("section review tasks")


def publishable_page_ids(user):
    """Return a subquery of the ids (as text) of the pages this user may publish."""
    paths = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).values_list("page__path", flat=True)
    condition = Q(pk__in=[])
    for path in set(paths):
        condition |= Q(path__startswith=path)
    return (
        Page.objects.filter(condition)
        .annotate(text_id=Cast("pk", output_field=CharField()))
        .values("text_id")
    )
