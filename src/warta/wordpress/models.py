"""What the WordPress import remembers: which Warta object each WordPress object became."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    """One WordPress object (post, attachment, category, tag or author) and its Warta twin."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        ATTACHMENT = "attachment", _("attachment")
        CATEGORY = "category", _("category")
        AUTHOR = "author", _("author")

    site_url = models.CharField(
        _("WordPress site"), max_length=255, help_text=_("The export's base site URL")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress ID"), max_length=255)
    object_id = models.BigIntegerField(_("Warta object ID"))
    checksum = models.CharField(
        _("checksum"), max_length=64, blank=True, help_text=_("Tells a changed post on re-import")
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(
                fields=["site_url", "kind", "wp_id"], name="wordpress_unique_object"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} -> {self.object_id}"
