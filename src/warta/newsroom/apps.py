from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "warta.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from warta.newsroom import roles, signals

        signals.connect()
        # Wagtail builds its page search from this attribute of the base page viewset.
        from wagtail.admin.viewsets.pages import base_page_viewset

        from warta.newsroom.search import NewsroomSearchView

        base_page_viewset.search_view_class = NewsroomSearchView
        # Every list of pages Wagtail asks this policy for (the admin API behind the explorer
        # menu, the site history report) leaves colleagues' drafts out, not only the explorer.
        from wagtail.models import Page
        from wagtail.permissions import page_permission_policy, register_permission_policy

        from warta.newsroom.search import DraftHidingPolicy

        register_permission_policy(Page, DraftHidingPolicy(page_permission_policy))
        # Every app's post_migrate: permissions of apps listed after this one exist only later.
        post_migrate.connect(roles.grant_admin_everything, dispatch_uid="newsroom-admin-perms")
