from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "warta.discovery"
    label = "discovery"
    verbose_name = _("Discovery")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from warta.discovery import signals  # noqa: F401 - connects the publish handlers
