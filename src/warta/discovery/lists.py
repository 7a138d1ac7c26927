"""Read an article's related news for its page: the stored list, the editor's choices, a fallback.

Every function here reads what publishing stored; none computes similarity while a reader
waits. The page costs at most four queries here: choices, stored list, pinned cards, fallback.
"""

from datetime import UTC, datetime

from django.db.models import F

from warta.discovery.models import RelatedChoice
from warta.discovery.related import LIST_LENGTH
from warta.news.models import ArticlePage

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def body_link_ids(article):
    """Return the ids of the articles the editor linked as Baca Juga in the body (no query)."""
    return {
        block["value"]
        for block in article.body.raw_data
        if block.get("type") == "baca_juga" and isinstance(block.get("value"), int)
    }


def fallback_related(article, exclude, limit):
    """Return the newest live articles of the article's section.

    Bounded work whatever the archive's size: the newest-first index is read until `limit`
    articles of the section are found, where a similarity search would weigh them all.
    """
    return list(ArticlePage.objects.cards().in_section_of(article).exclude(pk__in=exclude)[:limit])


def ranked_related(article, count):
    """Return live related cards, most related first: pinned, stored, then the fallback.

    Never the article itself, an excluded article, or one the body already links to.
    """
    if article.pk is None:  # an unsaved article in preview: nothing is stored for it yet
        return fallback_related(article, body_link_ids(article), count)
    choices = []
    # The route to the article tells whether the editor made choices: most articles have none.
    if getattr(article, "has_related_choices", True):
        choices = list(
            RelatedChoice.objects.filter(article=article)
            .order_by("sort_order")
            .values_list("related_id", "kind")
        )
    pins = [pk for pk, kind in choices if kind == RelatedChoice.PIN]
    blocked = {pk for pk, kind in choices if kind == RelatedChoice.EXCLUDE}
    blocked |= body_link_ids(article) | {article.pk}
    ranked = []
    if pins:
        pinned = {card.pk: card for card in ArticlePage.objects.cards().filter(pk__in=pins)}
        ranked = [pinned[pk] for pk in dict.fromkeys(pins) if pk in pinned and pk not in blocked]
        for card in ranked:
            card.pinned = True
    stored = (
        ArticlePage.objects.cards()
        .filter(related_to_entries__article=article)
        .exclude(pk__in=blocked | set(pins))
        .annotate(related_rank=F("related_to_entries__rank"))
        .order_by("related_rank")[:LIST_LENGTH]
    )
    ranked += list(stored)
    if len(ranked) < count:
        shown = blocked | {card.pk for card in ranked}
        ranked += fallback_related(article, shown, count - len(ranked))
    return ranked


def for_display(ranked, count):
    """Return the cards Berita Terkait shows: pinned first, then the rest newest first."""
    shown = ranked[:count]
    pinned = [card for card in shown if getattr(card, "pinned", False)]
    rest = [card for card in shown if not getattr(card, "pinned", False)]
    rest.sort(key=lambda card: card.first_published_at or EPOCH, reverse=True)
    return pinned + rest


def baca_juga_links(article, ranked, shown, count):
    """Pick automatic Baca Juga links: the most related not among the first `count` shown."""
    skip = {card.pk for card in shown[:count]} | {article.pk}
    links = []
    for card in ranked:
        if card.pk not in skip:
            links.append(card)
            skip.add(card.pk)
        if len(links) == count:
            break
    return links
