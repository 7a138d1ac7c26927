"""Articles, sections, tags and reporters as API data, read in a fixed number of queries.

Every list is built the same way: one query for the rows with their one-to-one relations, one
for the tags of the whole page, one for the image renditions of the whole page, so a page of
100 costs what a page of 1 costs. Relations go through `Scope`, so nothing the site would not
show a reader (drafts, private pages, unpublished sections, other sites) is ever read out.
"""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from warta.api.images import PHOTO_RENDITIONS, image_data, prefetch_renditions
from warta.discovery.lists import for_display, ranked_related
from warta.news.article import BACA_JUGA_COUNT, RELATED_COUNT, automatic_baca_juga
from warta.news.body import lay_out_body
from warta.news.sections import site_name

# One-to-one relations every listed article shows; the body stays in the database.
LIST_RELATIONS = ("featured_image", "reporter", "editor", "source")

ORDERINGS = {
    "-published": ("-first_published_at", "-pk"),
    "published": ("first_published_at", "pk"),
    "-updated": ("-last_published_at", "-pk"),
    "title": ("title", "pk"),
}


def local(moment):
    """Return a time in the site's zone, so it is written with its offset (+07:00 for WIB)."""
    return timezone.localtime(moment) if moment else None


def listed(articles):
    """Return the articles with what a list shows: relations joined, tags prefetched."""
    return articles.select_related(*LIST_RELATIONS).defer_streamfields().prefetch_related("tags")


def section_ref(section, scope):
    if section is None:
        return None
    return {
        "id": section.pk,
        "title": section.title,
        "slug": section.slug,
        "url": section.get_full_url(scope.request),
    }


def section_data(section, scope, description):
    """Return a section as API data; its description is read apart (the menu defers it)."""
    return section_ref(section, scope) | {"description": description}


def tag_ref(tag, scope):
    return {"name": tag.name, "slug": tag.slug, "url": scope.route_url("tag", tag.slug)}


def reporter_ref(reporter, scope):
    if reporter is None:
        return None
    return {
        "id": reporter.pk,
        "full_name": reporter.full_name,
        "slug": reporter.slug,
        "initials": reporter.initials,
        "url": scope.route_url("reporter", reporter.slug),
    }


def reporter_data(reporter, scope):
    photo = image_data(reporter.photo, scope.base_url, PHOTO_RENDITIONS) if reporter.photo else None
    return reporter_ref(reporter, scope) | {"bio": reporter.bio, "photo": photo}


def source_data(source):
    if source is None:
        return None
    return {"id": source.pk, "name": source.name, "home_url": source.home_url}


def card_data(article, scope):
    """Return what a link to an article shows: title, lead, section, time, image."""
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.get_full_url(scope.request),
        "lead": article.lead,
        "section": section_ref(scope.section_of(article), scope),
        "published_at": local(article.first_published_at),
        "featured_image": image_data(
            article.featured_image,
            scope.base_url,
            caption=article.featured_caption,
            credit=article.featured_credit,
        ),
    }


def summary_data(article, scope, tags=None):
    """Return an article as lists give it: every field but the body and related news."""
    if tags is None:
        tags = article.tags.all()
    return card_data(article, scope) | {
        "slug": article.slug,
        "dateline": article.dateline,
        "updated_at": local(article.significant_update_at),
        "last_published_at": local(article.last_published_at),
        "tags": [tag_ref(tag, scope) for tag in tags],
        "reporter": reporter_ref(article.reporter, scope),
        "editor": reporter_ref(article.editor, scope),
        "byline": article.byline_initials,
        "source": source_data(article.source),
        "original_url": article.original_url,
    }


def summaries(articles, scope):
    """Return a fetched page of `listed()` articles as API data, renditions in one query."""
    articles = list(articles)
    prefetch_renditions([article.featured_image for article in articles])
    return [summary_data(article, scope) for article in articles]


def block_data(block, scope):
    """Return one body block as API data, or None for a link the reader may not follow."""
    kind, value = block.block_type, block.value
    data = {"type": kind, "id": block.id or ""}
    if kind == "paragraph":
        return data | {"html": str(value)}
    if kind == "image":
        image = image_data(
            value["image"],
            scope.base_url,
            caption=value.get("caption") or "",
            credit=value.get("credit") or "",
        )
        return data | {"image": image}
    if kind == "quote":
        return data | {"text": value["text"], "attribution": value.get("attribution") or ""}
    if kind == "embed":
        return data | {"url": getattr(value, "url", "") or ""} if value else None
    if kind == "baca_juga":
        return data | {"article": card_data(value, scope)} if scope.allows(value) else None
    return None


def piece_html(piece, scope):
    """Return one piece of the laid-out body as HTML, like the article page shows it."""
    if piece.kind == "html":
        return str(piece.value)
    if piece.kind == "baca_juga":
        if not scope.allows(piece.value):
            return ""
        return format_html(
            '<p class="baca-juga"><span class="baca-juga__label">{}</span> <a href="{}">{}</a></p>',
            _("Read also:"),
            piece.value.get_full_url(scope.request),
            piece.value.title,
        )
    block = piece.value
    if block.block_type == "image":
        image = image_data(block.value["image"], scope.base_url)
        if image is None:
            return ""
        caption, credit = block.value.get("caption") or "", block.value.get("credit") or ""
        medium = image["renditions"]["medium"]
        figcaption = ""
        if caption or credit:
            credit_html = (
                format_html(
                    ' <span class="article__credit">{}</span>',
                    _("Photo: %(credit)s") % {"credit": credit},
                )
                if credit
                else ""
            )
            figcaption = format_html(
                '<figcaption class="article__caption">{}{}</figcaption>', caption, credit_html
            )
        return format_html(
            '<figure class="article__figure"><img src="{}" width="{}" height="{}" alt="{}">'
            "{}</figure>",
            medium["url"],
            medium["width"],
            medium["height"],
            caption,
            figcaption,
        )
    if block.block_type == "quote":
        attribution = block.value.get("attribution") or ""
        return format_html(
            '<figure class="quote"><blockquote class="quote__text"><p>{}</p></blockquote>{}'
            "</figure>",
            block.value["text"],
            format_html('<figcaption class="quote__attribution">{}</figcaption>', attribution)
            if attribution
            else "",
        )
    if block.block_type == "embed" and block.value:
        return format_html(
            '<figure class="embed"><a class="embed__link" href="{url}">{url}</a></figure>',
            url=block.value.url,
        )
    return ""


def article_detail(scope, pk):
    """Return one readable article as API data, with its body and related news; 404 if none."""
    article = scope.articles().select_related(*LIST_RELATIONS).filter(pk=pk).first()
    if article is None:
        raise Http404(_("No published article has the id %(id)s.") % {"id": pk})
    tags = list(article.tags.all())
    wanted = RELATED_COUNT + BACA_JUGA_COUNT
    ranked = [card for card in ranked_related(article, wanted) if scope.allows(card)]
    links = automatic_baca_juga(article, ranked)
    related, others = for_display(ranked, RELATED_COUNT, skip=links)
    blocks = list(article.body)
    chosen = [block.value for block in blocks if block.block_type == "baca_juga" and block.value]
    if chosen:
        prefetch_related_objects(chosen, "featured_image")
    pieces = lay_out_body(
        blocks,
        dateline=f"{article.dateline}, {site_name(scope.request)}" if article.dateline else "",
        auto_links=links,
        positions=settings.WARTA_BACA_JUGA_AFTER,
    )
    prefetch_renditions(
        [article.featured_image]
        + [card.featured_image for card in related + others + chosen + links]
        + [block.value["image"] for block in blocks if block.block_type == "image"]
    )
    body = [block_data(block, scope) for block in blocks]
    return summary_data(article, scope, tags) | {
        "body_html": "".join(piece_html(piece, scope) for piece in pieces),
        "body": [data for data in body if data is not None],
        "correction_note": article.correction_note,
        "related": [card_data(card, scope) for card in related],
        "other_news": [card_data(card, scope) for card in others],
    }
