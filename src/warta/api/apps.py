from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "warta.api"
    label = "api"
    verbose_name = _("Read API")

    def ready(self):
        from warta.api import caching

        caching.connect_signals()
