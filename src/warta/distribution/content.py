"""Full article text for feeds, rendered for many articles in a fixed number of queries."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from warta.news.body import split_rich_text, with_dateline

FEATURED_IMAGE = "width-1200|format-jpeg"
BODY_IMAGE = "width-800|format-jpeg"
# Rich text of every article is expanded in one pass, so page and document links cost one
# query per link type for the whole feed. The marker is a comment the rewriter leaves alone.
SPLIT_MARKER = "<!--warta-split-->"


def raw_blocks(article):
    """Return the body's stored blocks without loading images or pages one by one."""
    return list(article.body.raw_data)


def image_ids(articles):
    ids = {article.featured_image_id for article in articles if article.featured_image_id}
    for article in articles:
        for block in raw_blocks(article):
            if block["type"] == "image" and (block.get("value") or {}).get("image"):
                ids.add(block["value"]["image"])
    return ids


def load_images(ids):
    """Return images by id with their feed renditions prefetched: two queries."""
    if not ids:
        return {}
    images = (
        get_image_model().objects.filter(pk__in=ids).prefetch_renditions(FEATURED_IMAGE, BODY_IMAGE)
    )
    return {image.pk: image for image in images}


def expand_paragraphs(articles):
    """Return each article's paragraph blocks as front-end HTML, keyed by article id."""
    owners, fragments = [], []
    for article in articles:
        for block in raw_blocks(article):
            if block["type"] == "paragraph":
                owners.append(article.pk)
                fragments.append(str(block.get("value") or ""))
    if not fragments:
        return {}
    expanded = expand_db_html(SPLIT_MARKER.join(fragments)).split(SPLIT_MARKER)
    by_article = {}
    for owner, html in zip(owners, expanded, strict=True):
        by_article.setdefault(owner, []).append(html)
    return by_article


def figure(rendition_url, rendition, caption, credit):
    credit_html = format_html(" {}", _("Photo: %(credit)s") % {"credit": credit}) if credit else ""
    caption_html = (
        format_html("<figcaption>{}{}</figcaption>", caption, credit_html)
        if caption or credit
        else ""
    )
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        rendition_url,
        rendition.width,
        rendition.height,
        caption,
        caption_html,
    )


def render_body(article, paragraphs, images, absolute, dateline=""):
    """Return the article's body as self-contained HTML for content:encoded."""
    parts = []
    paragraphs = iter(paragraphs)
    dateline_done = not dateline
    for block in raw_blocks(article):
        kind, value = block["type"], block.get("value")
        if kind == "paragraph":
            for element in split_rich_text(next(paragraphs, "")):
                if not dateline_done and element.lower().startswith("<p"):
                    element = with_dateline(element, dateline)
                    dateline_done = True
                parts.append(mark_safe(element))  # noqa: S308 - expanded rich text is trusted
        elif kind == "image" and value and images.get(value.get("image")):
            rendition = images[value["image"]].get_rendition(BODY_IMAGE)
            parts.append(
                figure(
                    absolute(rendition.url),
                    rendition,
                    value.get("caption") or "",
                    value.get("credit") or "",
                )
            )
        elif kind == "quote" and value and value.get("text"):
            attribution = value.get("attribution") or ""
            parts.append(
                format_html(
                    "<blockquote><p>{}</p>{}</blockquote>",
                    value["text"],
                    format_html("<cite>{}</cite>", attribution) if attribution else "",
                )
            )
        elif kind == "embed" and value:
            # A feed reader cannot run the embed's script: link to the original instead.
            parts.append(format_html('<p><a href="{}">{}</a></p>', value, value))
        # "Baca Juga" blocks are navigation on the site, not part of the story.
    return format_html_join("\n", "{}", ((part,) for part in parts))
