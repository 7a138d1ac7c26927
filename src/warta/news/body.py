"""Lay out an article's body: dateline in the first paragraph, "Baca Juga" between paragraphs."""

import re
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from lxml import html as lxml_html

# Draftail writes a flat sequence of these; each one counts as a unit of the body.
TOP_LEVEL_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote"}


@dataclass
class Piece:
    """One item of the laid-out body: raw HTML, a StreamField block, or a Baca Juga link."""

    kind: str  # "html", "block" or "baca_juga"
    value: object


def split_rich_text(html):
    """Split rich text HTML into its top-level elements, keeping stray text as a paragraph.

    The HTML is parsed, not cut by pattern: each element is written out whole, so one left
    open in a feed's body (an `<a>` around a nested list) cannot run on into the page.
    """
    if not html.strip():
        return []
    elements = [
        lxml_html.tostring(node, encoding="unicode", with_tail=False)
        for node in _nodes(html)
        if node.tag in TOP_LEVEL_TAGS
    ]
    if not elements:
        stray = "".join(
            lxml_html.tostring(node, encoding="unicode") for node in _nodes(f"<p>{html}</p>")
        )
        elements = [stray] if stray.strip() else []
    return elements


def _nodes(html):
    return [
        node
        for node in lxml_html.fragments_fromstring(html)
        if not isinstance(node, str) and isinstance(node.tag, str)  # no text, no comments
    ]


def with_dateline(paragraph_html, dateline):
    """Begin a paragraph with 'Astana, Mercinews.com – '."""
    opening = re.match(r"<p\b[^>]*>", paragraph_html)
    prefix = format_html('<span class="article__dateline">{}</span> – ', dateline)
    if not opening:
        return prefix + paragraph_html
    return mark_safe(  # noqa: S308 - both parts are escaped or trusted rich text
        paragraph_html[: opening.end()] + prefix + paragraph_html[opening.end() :]
    )


def lay_out_body(body, dateline="", auto_links=(), positions=(3, 6)):
    """Return the body as a list of pieces.

    Editor-placed Baca Juga blocks stay where they are; when there are none, `auto_links`
    go after the paragraphs numbered in `positions`, as long as more paragraphs follow.
    """
    pieces = []
    paragraphs_seen = 0
    dateline_done = not dateline
    for block in body:
        if block.block_type != "paragraph":
            if block.block_type == "baca_juga":
                if block.value is not None and block.value.live:
                    pieces.append(Piece("baca_juga", block.value))
            else:
                pieces.append(Piece("block", block))
            continue
        for element in split_rich_text(str(block.value)):
            if not dateline_done and element.lower().startswith("<p"):
                element = with_dateline(element, dateline)
                dateline_done = True
            pieces.append(Piece("html", mark_safe(element)))  # noqa: S308 - rich text is trusted
            if element.lower().startswith("<p"):
                paragraphs_seen += 1
                pieces.append(Piece("after_paragraph", paragraphs_seen))
    return _place_links(pieces, auto_links, positions, paragraphs_seen)


def _place_links(pieces, auto_links, positions, paragraph_count):
    slots = {}
    # Never the same link twice: the same article offered again is dropped.
    links = iter({getattr(link, "pk", id(link)): link for link in auto_links}.values())
    for position in sorted(set(positions)):
        if position >= paragraph_count:
            break  # too short: a link after the last paragraph would be an appendix
        link = next(links, None)
        if link is None:
            break
        slots[position] = link
    laid_out = []
    for piece in pieces:
        if piece.kind == "after_paragraph":
            if piece.value in slots:
                laid_out.append(Piece("baca_juga", slots[piece.value]))
            continue
        laid_out.append(piece)
    return laid_out


def link_slots(body, positions):
    """Return how many automatic Baca Juga links the body has room for (see `_place_links`)."""
    count = sum(
        1
        for block in body
        if block.block_type == "paragraph"
        for element in split_rich_text(str(block.value))
        if element.lower().startswith("<p")
    )
    return len([position for position in set(positions) if position < count])


def has_editor_links(body):
    return any(block.block_type == "baca_juga" for block in body)
