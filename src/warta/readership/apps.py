from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "warta.readership"
    label = "readership"
    verbose_name = _("Readership")
    default_auto_field = "django.db.models.BigAutoField"
