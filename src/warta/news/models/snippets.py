"""Editorial snippets: the people who write and the sources we republish."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class Reporter(RevisionMixin, index.Indexed, models.Model):
    full_name = models.CharField(_("full name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    initials = models.CharField(
        _("initials"), max_length=12, help_text=_("Shown after the article, e.g. 'm' in (m/ci)")
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="reporter")

    panels = [
        FieldPanel("full_name"),
        FieldPanel("slug"),
        FieldPanel("initials"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.FilterField("initials"),
    ]

    class Meta:
        verbose_name = _("reporter")
        verbose_name_plural = _("reporters")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.full_name, allow_unicode=True)[:120]
        super().save(*args, **kwargs)


class Source(RevisionMixin, index.Indexed, models.Model):
    """A news source whose stories the newsroom republishes with attribution."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("Shown as 'Sumber Berita : name'")
    )
    home_url = models.URLField(_("home page"), blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="source")

    panels = [FieldPanel("name"), FieldPanel("home_url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("news source")
        verbose_name_plural = _("news sources")
        ordering = ["name"]

    def __str__(self):
        return self.name
