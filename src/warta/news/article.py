"""What an article page shows around its text, fetched in a fixed number of queries."""

from django.conf import settings
from django.db.models import Count, Q, prefetch_related_objects

from warta.news.body import has_editor_links, lay_out_body
from warta.news.models import ArticlePage
from warta.news.sections import live_sections, site_name
from warta.news.share import share_links

RELATED_COUNT = 8
LATEST_COUNT = 5
BACA_JUGA_COUNT = 2


def related_articles(article, tag_ids, limit=RELATED_COUNT):
    """Return live articles sharing the most tags, then of the same section, newest first."""
    same_section = Q(path__startswith=article.section_path, depth=article.depth)
    if not tag_ids:
        return list(ArticlePage.objects.cards().filter(same_section).exclude(pk=article.pk)[:limit])
    shares_a_tag = Q(tagged_items__tag_id__in=tag_ids)
    return list(
        ArticlePage.objects.cards()
        .filter(same_section | shares_a_tag)
        .exclude(pk=article.pk)
        .annotate(shared_tags=Count("tagged_items", filter=shares_a_tag, distinct=True))
        .order_by("-shared_tags", "-first_published_at", "-pk")[:limit]
    )


def latest_articles(exclude, limit=LATEST_COUNT):
    return list(ArticlePage.objects.cards().exclude(pk=exclude.pk)[:limit])


def automatic_baca_juga(article, related):
    """Pick Baca Juga links when the editor placed none: newest of the same section."""
    shown = {card.pk for card in related[:BACA_JUGA_COUNT]}
    candidates = (
        ArticlePage.objects.cards()
        .in_section_of(article)
        .exclude(pk__in=shown | {article.pk})[:BACA_JUGA_COUNT]
    )
    return list(candidates)


def label_sections(cards, request):
    sections = live_sections(request)
    for card in cards:
        card.section = sections.get(card.section_path)


def article_context(article, request):
    tags = list(article.tags.all())
    related = related_articles(article, [tag.pk for tag in tags])
    latest = latest_articles(article)
    auto_links = [] if has_editor_links(article.body) else automatic_baca_juga(article, related)
    pieces = lay_out_body(
        article.body,
        dateline=f"{article.dateline}, {site_name(request)}" if article.dateline else "",
        auto_links=auto_links,
        positions=settings.WARTA_BACA_JUGA_AFTER,
    )
    label_sections(related + latest, request)

    images = [card.featured_image for card in related + latest if card.featured_image]
    images += [
        piece.value.value["image"]
        for piece in pieces
        if piece.kind == "block"
        and piece.value.block_type == "image"
        and piece.value.value["image"]
    ]
    if article.featured_image:
        images.append(article.featured_image)
    prefetch_related_objects(images, "renditions")

    return {
        "tags": tags,
        "related": related,
        "latest": latest,
        "body_pieces": pieces,
        "share_links": share_links(request.build_absolute_uri(article.url), article.title),
        "section": live_sections(request).get(article.section_path),
    }
