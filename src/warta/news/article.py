"""What an article page shows around its text, fetched in a fixed number of queries."""

from django.conf import settings
from django.template.loader import render_to_string

from warta.discovery.lists import baca_juga_links, for_display, ranked_related
from warta.news.body import has_editor_links, lay_out_body, link_slots
from warta.news.latest import cached, newest_cards
from warta.news.sections import current_site, live_sections, site_name
from warta.news.share import share_links

RELATED_COUNT = 8
LATEST_COUNT = 5
BACA_JUGA_COUNT = 2


def related_articles(article, limit=RELATED_COUNT):
    """Return (links, related, others): automatic Baca Juga, Berita Terkait, Berita Lainnya.

    The list is the one discovery stored when articles were published, with the editor's pins
    and exclusions. Baca Juga takes the most related stories the body has room for; Berita
    Terkait shows the next ones; the newest of the same section fill Berita Lainnya.
    """
    ranked = ranked_related(article, limit + BACA_JUGA_COUNT)
    links = automatic_baca_juga(article, ranked)
    return (links, *for_display(ranked, limit, skip=links))


def automatic_baca_juga(article, ranked):
    """Pick Baca Juga links, as many as the body has room for, unless the editor chose."""
    if not article.baca_juga_auto or has_editor_links(article.body):
        return []
    room = min(BACA_JUGA_COUNT, link_slots(article.body, settings.WARTA_BACA_JUGA_AFTER))
    return baca_juga_links(article, ranked, [], room)


def tags_and_related(article, request):
    """Return (tags, Baca Juga links, Berita Terkait, Berita Lainnya), cached until articles change.

    A preview shows the editor's unpublished tags, choices and links: it is never cached.
    """

    def read():
        return list(article.tags.all()), *related_articles(article)

    if article.pk is None or getattr(request, "is_preview", False):
        return read()
    return cached(f"tags-and-lists:{article.pk}", read)


def latest_articles(exclude, limit=LATEST_COUNT):
    site_path = exclude.path[: 2 * exclude.steplen]  # the article's own site: its home's path
    return [card for card in newest_cards(limit + 1, site_path) if card.pk != exclude.pk][:limit]


def label_sections(cards, request):
    sections = live_sections(request)
    for card in cards:
        card.section = sections.get(card.section_path)


def additional_sources(article):
    """Return the other sources that reported the story, shown after the article's own."""
    if not (article.pk and article.source_id):
        return []
    if not getattr(article, "has_additional_sources", True):  # the route looked already
        return []
    return list(article.additional_sources.all())


def body_html(article, request, links):
    """Return the body as HTML, with its dateline and Baca Juga links, cached with the lists.

    What it shows changes with a publish (the text, the linked articles' titles, the links
    chosen from the related list), so it is cached like them; never for a preview.
    """

    def render():
        pieces = lay_out_body(
            article.body,
            dateline=f"{article.dateline}, {site_name(request)}" if article.dateline else "",
            auto_links=links,
            positions=settings.WARTA_BACA_JUGA_AFTER,
        )
        context = {"body_pieces": pieces, "page": article}
        return render_to_string("news/includes/article_body.html", context, request=request)

    if article.pk is None or getattr(request, "is_preview", False):
        return render()
    site = current_site(request)
    return cached(f"body:{article.pk}:{site.pk if site else ''}", render)


def article_context(article, request):
    tags, links, related, others = tags_and_related(article, request)
    latest = latest_articles(article)
    label_sections(related + others + latest, request)

    return {
        "tags": tags,
        "additional_sources": additional_sources(article),
        "related": related,
        "other_news": others,
        "latest": latest,
        "body_html": body_html(article, request, links),
        "share_links": share_links(request.build_absolute_uri(article.url), article.title),
        "section": live_sections(request).get(article.section_path),
    }
