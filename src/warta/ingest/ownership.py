"""Who may change an article through a feed, and which articles a feed item may join.

A source owns an article it created as long as no person has acted on it since: one log
entry by a user (an edit, a publish, an unpublish, a schedule, a move) ends that. Only the
owner's items change the article's text or publish it. A match to any other article only
credits the source. Drafts and scheduled articles written or touched by people are never
matched at all: a wire must not learn of, or credit itself to, an embargoed story.
See docs/ingest.md.
"""

from django.db.models import Exists, OuterRef, Q

from wagtail.models import PageLogEntry

from warta.ingest.models import ArticleFingerprint, FingerprintBand
from warta.news.models import ArticlePage


def touched_by_a_person():
    """Return the condition: a person has acted on the article (Wagtail logs each action)."""
    return Exists(PageLogEntry.objects.filter(page_id=OuterRef("pk"), user__isnull=False))


def people_drafts():
    """Return the condition: an unpublished article a person wrote or has acted on."""
    return Q(live=False) & (Q(source__isnull=True) | touched_by_a_person())


def merge_candidates():
    """Return the articles a feed item may be matched with (and credit its source on)."""
    return ArticlePage.objects.exclude(people_drafts())


def is_candidate(article_id):
    """Tell whether a feed item may be matched with this article."""
    return merge_candidates().filter(pk=article_id).exists()


def owns(source, article_id):
    """Tell whether the source's items may still change this article: it is theirs, untouched."""
    return (
        ArticlePage.objects.filter(pk=article_id, source=source)
        .exclude(touched_by_a_person())
        .exists()
    )


def forget_people_drafts():
    """Drop the fingerprints of people's drafts, so no feed item can be matched with them."""
    drafts = ArticlePage.objects.filter(people_drafts()).values("pk")
    FingerprintBand.objects.filter(article_id__in=drafts).delete()
    ArticleFingerprint.objects.filter(article_id__in=drafts).delete()
