"""Read an article's related news for its page: the stored list, the editor's choices, a fallback.

Every function here reads what publishing stored; none computes similarity while a reader
waits. The page costs at most four queries here: choices, stored list, pinned cards, fallback.
"""

from django.db.models import F

from warta.discovery.models import RelatedChoice
from warta.discovery.related import LIST_LENGTH
from warta.news.models import ArticlePage


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
    cards = list(ArticlePage.objects.cards().in_section_of(article).exclude(pk__in=exclude)[:limit])
    for card in cards:
        card.filler = True  # newest of the section, not related: never shown as Berita Terkait
    return cards


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


def is_related(card):
    """Tell whether a card is a related story (pinned or stored), not a section filler."""
    return not getattr(card, "filler", False)


def for_display(ranked, count, skip=()):
    """Return (related, others): Berita Terkait and Berita Lainnya as the page shows them.

    Berita Terkait holds the pinned cards, then the stored related ones, most related first;
    the section's newest only ever fill Berita Lainnya, below it, up to `count` in all.
    """
    skip = {card.pk for card in skip}
    kept = [card for card in ranked if card.pk not in skip]
    related = [card for card in kept if is_related(card)][:count]
    others = [card for card in kept if not is_related(card)][: count - len(related)]
    return related, others


def baca_juga_links(article, ranked, shown, count):
    """Pick automatic Baca Juga links: the most related stories, never a pin or a filler.

    They are chosen before Berita Terkait, which then shows the next ones; `shown` holds cards
    the page shows elsewhere already.
    """
    skip = {card.pk for card in shown} | {article.pk}
    links = []
    for card in ranked:
        if len(links) == count:
            break
        if card.pk in skip or getattr(card, "pinned", False) or not is_related(card):
            continue
        links.append(card)
        skip.add(card.pk)
    return links
