"""Editorial snippets: the people who write and the sources we republish."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from warta.newsroom.forms import SourceForm
from warta.newsroom.roles import WIRE_DESK_PERMISSION


class Reporter(RevisionMixin, index.Indexed, models.Model):
    full_name = models.CharField(_("full name"), max_length=120)
    slug = models.SlugField(
        _("address"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The byline's page is /penulis/<address>/; leave empty to make it from the name"
        ),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="byline",
        help_text=_("The newsroom account of the person who signs with this byline"),
    )
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
        FieldPanel("user"),
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
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def free_slug(self):
        """Return an address made from the name that no other byline uses."""
        base = slugify(self.full_name, allow_unicode=True)[:110] or "penulis"
        taken = set(
            Reporter.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        return slug


class Source(RevisionMixin, index.Indexed, models.Model):
    """A news source whose stories the newsroom republishes with attribution."""

    class SyndicationPolicy(models.TextChoices):
        """How search engines should treat our copy of this source's stories."""

        REPUBLISH = "republish", _("Republish with attribution")
        CANONICAL = "canonical", _("Canonical to the original")
        NOINDEX_NEWS = "noindex_news", _("Keep out of Google News (noindex for Googlebot-News)")

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("Shown as 'Sumber Berita : name'")
    )
    home_url = models.URLField(_("home page"), blank=True)
    syndication_policy = models.CharField(
        _("syndication policy"),
        max_length=20,
        choices=SyndicationPolicy.choices,
        default=SyndicationPolicy.REPUBLISH,
        help_text=_(
            "Canonical: search engines credit the original article. Keep out of Google News: "
            "our copy stays out of Google News and the news sitemap."
        ),
    )
    feed_url = models.URLField(
        _("feed URL"),
        max_length=1000,
        blank=True,
        help_text=_("RSS or Atom feed whose items become drafts; leave empty for none"),
    )
    language = models.CharField(
        _("language"), max_length=12, default="id", help_text=_("Language code, e.g. 'id', 'en'")
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("default section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where drafts from this feed go; empty means the first section"),
    )
    poll_minutes = models.PositiveIntegerField(
        _("poll interval (minutes)"), default=15, help_text=_("How often the feed is read")
    )
    active = models.BooleanField(_("active"), default=True)
    auto_publish = models.BooleanField(
        _("publish automatically"),
        default=False,
        help_text=_("Only for trusted feeds of the newsroom's own group"),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="source")

    panels = [
        FieldPanel("name"),
        FieldPanel("home_url"),
        FieldPanel("syndication_policy"),
        FieldPanel("feed_url", permission=WIRE_DESK_PERMISSION),
        FieldPanel("language"),
        FieldPanel("section", permission=WIRE_DESK_PERMISSION),
        FieldPanel("poll_minutes"),
        FieldPanel("active"),
        FieldPanel("auto_publish", permission=WIRE_DESK_PERMISSION),
    ]
    base_form_class = SourceForm
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("news source")
        verbose_name_plural = _("news sources")
        ordering = ["name"]
        permissions = [
            ("wire_desk", "Wire desk: atur URL feed, rubrik, dan terbit otomatis sumber berita"),
        ]

    def __str__(self):
        return self.name
