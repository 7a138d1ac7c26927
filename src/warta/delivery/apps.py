from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "warta.delivery"
    label = "delivery"
    verbose_name = _("Delivery")

    def ready(self):
        from warta.delivery import deploychecks, signals  # noqa: F401 - checks, purge handlers
