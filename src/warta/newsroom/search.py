"""Keep colleagues' drafts out of the admin's page search and page chooser."""

from django.db.models import Q

from wagtail.admin.views.pages.search import SearchView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from warta.newsroom.panels import drafts_visible_to


def visible_pages(pages, user):
    """Filter pages to those this user may see: live ones, own drafts, drafts of their sections."""
    if user.is_superuser:
        return pages
    return pages.filter(Q(live=True) | drafts_visible_to(user))


class DraftHidingPolicy:
    """Wrap Wagtail's page policy so that explorable pages exclude colleagues' drafts."""

    def __init__(self, policy):
        self._policy = policy

    def __getattr__(self, name):
        return getattr(self._policy, name)

    def explorable_instances(self, user, *args, **kwargs):
        return visible_pages(self._policy.explorable_instances(user, *args, **kwargs), user)


class NewsroomSearchView(SearchView):
    """Wagtail's page search, without the titles of drafts the user may not open."""

    @property
    def permission_policy(self):
        return getattr(self, "_newsroom_policy", None) or DraftHidingPolicy(
            PagePermissionPolicy(Page)
        )

    @permission_policy.setter
    def permission_policy(self, policy):
        self._newsroom_policy = DraftHidingPolicy(policy) if policy else None
