"""What ingest remembers: each feed's state, each item it has seen, and extra attributions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedStatus(models.Model):
    """How the last read of a source's feed went, for the editors and the scheduler."""

    class Outcome(models.TextChoices):
        NEVER = "never", _("Not read yet")
        OK = "ok", _("Read")
        PARTIAL = "partial", _("Read, some items failed")
        FAILED = "failed", _("Failed")

    source = models.OneToOneField(
        "news.Source",
        verbose_name=_("news source"),
        on_delete=models.CASCADE,
        related_name="feed_status",
    )
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True, db_index=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.NEVER
    )
    new = models.PositiveIntegerField(_("new"), default=0)
    duplicate = models.PositiveIntegerField(_("duplicate"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("feed status")
        verbose_name_plural = _("feed statuses")
        ordering = ["source__name"]

    def __str__(self):
        return str(self.source)


class IngestedItem(models.Model):
    """A feed item already turned into (or merged with) an article: never ingested twice."""

    source = models.ForeignKey("news.Source", on_delete=models.CASCADE, related_name="+")
    guid_key = models.CharField(max_length=64, db_index=True)
    url_key = models.CharField(max_length=64, db_index=True, blank=True)
    guid = models.CharField(max_length=1000)
    url = models.URLField(max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64)
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="ingested_items"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "guid_key"], name="ingest_item_unique_guid")
        ]

    def __str__(self):
        return self.guid


class ArticleSourceManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("source")


class ArticleSource(models.Model):
    """Another source that reported the same story as an article (a near-duplicate)."""

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="additional_sources"
    )
    source = models.ForeignKey(
        "news.Source", verbose_name=_("news source"), on_delete=models.CASCADE, related_name="+"
    )
    original_url = models.URLField(_("original article URL"), max_length=1000, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleSourceManager()

    class Meta:
        verbose_name = _("additional source")
        verbose_name_plural = _("additional sources")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "source"], name="ingest_article_source")
        ]

    def __str__(self):
        return str(self.source)


class ArticleOriginal(models.Model):
    """The untranslated text of an ingested article, kept for the editor."""

    article = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="original_text"
    )
    language = models.CharField(_("language"), max_length=12)
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)

    def __str__(self):
        return self.title


class ArticleFingerprint(models.Model):
    """A MinHash signature of an article's words, to find the same story told differently."""

    article = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    signature = models.BinaryField()
    numbers = models.TextField(blank=True)

    def __str__(self):
        return f"fingerprint of article {self.article_id}"


class FingerprintBand(models.Model):
    """One LSH band of a signature: articles sharing a band are near-duplicate candidates."""

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"band {self.key} of article {self.article_id}"


class MergedStory(models.Model):
    """A feed item merged into an article as the same story: kept whole, so it can be split."""

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("merged with"),
        on_delete=models.CASCADE,
        related_name="merged_stories",
    )
    source = models.ForeignKey(
        "news.Source", verbose_name=_("news source"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(IngestedItem, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    similarity = models.FloatField(_("similarity"), default=0)
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merged story")
        verbose_name_plural = _("merged stories")
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return self.title


class MergeRefusal(models.Model):
    """An editor split this source's item from this article: never merge the pair again."""

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey("news.Source", on_delete=models.CASCADE, related_name="+")
    guid_key = models.CharField(max_length=64)
    url_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["source", "guid_key"]), models.Index(fields=["url_key"])]

    def __str__(self):
        return f"{self.guid_key} apart from article {self.article_id}"
