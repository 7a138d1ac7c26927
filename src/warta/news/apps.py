from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "warta.news"
    label = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from warta.news import latest, signals

        signals.connect()
        latest.connect()
