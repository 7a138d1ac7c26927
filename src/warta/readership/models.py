"""Article views per hour, for the database backend of the most-read counter."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    hour = models.DateTimeField(_("hour"), db_index=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in an hour")
        verbose_name_plural = _("views per hour")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="readership_one_row_per_hour")
        ]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H:00}: {self.views}"
