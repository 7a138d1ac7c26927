"""What discovery stores: each article's related list, its terms, and the editors' choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable


class RelatedArticle(models.Model):
    """One entry of an article's computed "Berita Terkait" list, best first."""

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_entries"
    )
    related = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_to_entries"
    )
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="discovery_related_once")
        ]
        indexes = [models.Index(fields=["article", "rank"])]

    def __str__(self):
        return f"{self.article_id} -> {self.related_id} ({self.score:.3f})"


class ArticleTerm(models.Model):
    """A weighted term of a published article: the inverted index related news is found with."""

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="discovery_terms"
    )
    term = models.CharField(max_length=120)
    weight = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "article"], name="discovery_term_once")
        ]
        # A term's heaviest postings first: related news reads only the top of each list.
        indexes = [
            models.Index(fields=["term", "-weight", "-article"], name="discovery_term_heaviest")
        ]

    def __str__(self):
        return f"{self.term} ({self.weight:.2f})"


class RelatedChoice(Orderable):
    """An editor's choice for one article's related list: pin an article or keep it out."""

    PIN = "pin"
    EXCLUDE = "exclude"
    KINDS = [(PIN, _("Pin to the top")), (EXCLUDE, _("Never show"))]

    article = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_choices"
    )
    related = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("choice"), max_length=10, choices=KINDS, default=PIN)

    panels = [PageChooserPanel("related", page_type="news.ArticlePage"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("related news choice")
        verbose_name_plural = _("related news choices")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.related_id}"


class TermFrequency(models.Model):
    """How many published articles hold a term in their vector: idf without counting postings."""

    term = models.CharField(max_length=120, primary_key=True)
    articles = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.term} ({self.articles})"
