from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from warta.ingest.models import FeedStatus


class FeedStatusViewSet(ModelViewSet):
    """How each source's feed was last read: outcome counts and the last error in plain words."""

    model = FeedStatus
    icon = "rss"
    menu_label = _("Feed status")
    menu_name = "feed-status"
    add_to_admin_menu = True
    menu_order = 310
    url_prefix = "feed-status"
    list_display = [
        "source",
        "last_run_at",
        "outcome",
        "new",
        "duplicate",
        "updated",
        "failed",
        "last_error",
        "next_run_at",
    ]
    list_filter = ["outcome"]
    search_fields = ["source__name", "last_error"]
    ordering = ["source__name"]
    inspect_view_enabled = True
    form_fields = []  # written by ingest runs, not by hand
    exclude_form_fields = None

    def get_add_url(self):
        return None


feed_status_viewset = FeedStatusViewSet("feed_status")


@hooks.register("register_admin_viewset")
def register_feed_status():
    return feed_status_viewset


@hooks.register("register_permissions")
def feed_status_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="ingest", codename__in=["view_feedstatus"]
    )


@hooks.register("register_admin_urls")
def register_merged_urls():
    from django.urls import path

    from warta.ingest import views

    return [
        path("digabung/", views.merged_list, name="warta_ingest_merged"),
        path("digabung/<int:pk>/", views.merged_detail, name="warta_ingest_merged_detail"),
    ]


@hooks.register("register_admin_menu_item")
def merged_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    class MergedMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("ingest.change_mergedstory")

    return MergedMenuItem(
        _("Merged stories"), reverse("warta_ingest_merged"), icon_name="rss", order=311
    )


@hooks.register("register_permissions")
def merged_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="ingest", codename__in=["change_mergedstory"]
    )
