"""Turn a feed's HTML into what an article body may hold, and nothing more."""

import html
import re

import nh3

# The elements of the body's paragraph block (see warta.news.blocks).
BODY_TAGS = {"p", "h2", "h3", "b", "strong", "i", "em", "a", "ul", "ol", "li", "blockquote", "br"}
# Dropped with everything inside them: their text is never part of the story.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "noscript",
    "template",
    "head",
    "title",
}
BLOCK = re.compile(r"<(p|h2|h3|ul|ol|blockquote)\b", re.IGNORECASE)
BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*){2,}|\n\s*\n", re.IGNORECASE)
SPACE = re.compile(r"\s+")
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br\s*/?>|&nbsp;)*</p>", re.IGNORECASE)


def _keep_link(tag, attribute, value):
    if tag == "a" and attribute == "href":
        return value if value.lower().startswith(("http://", "https://")) else None
    return value


def clean_body(fragment):
    """Return feed HTML with only the body's elements and http(s) links."""
    if not fragment:
        return ""
    cleaned = nh3.clean(
        fragment,
        tags=BODY_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}},
        attribute_filter=_keep_link,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()
    if cleaned and not BLOCK.search(cleaned):
        pieces = [piece.strip() for piece in BREAKS.split(cleaned)]
        cleaned = "".join(f"<p>{piece}</p>" for piece in pieces if piece)
    return EMPTY_PARAGRAPH.sub("", cleaned)


def plain_text(fragment):
    """Return the text of an HTML fragment with its whitespace collapsed."""
    if not fragment:
        return ""
    text = nh3.clean(fragment, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    return SPACE.sub(" ", html.unescape(text)).strip()


def shorten(text, limit):
    """Cut text at a word boundary so that it fits in limit characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
