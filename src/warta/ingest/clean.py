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
INLINE_TAG = re.compile(r"<(/?)(b|strong|i|em|a|li)\b[^>]*>", re.IGNORECASE)
BLOCK_TAG = re.compile(r"<(/?)(p|h2|h3|ul|ol|blockquote)\b[^>]*>", re.IGNORECASE)
BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*){2,}|\n\s*\n", re.IGNORECASE)
SPACE = re.compile(r"\s+")
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br\s*/?>|&nbsp;)*</p>", re.IGNORECASE)


def _keep_link(tag, attribute, value):
    if tag == "a" and attribute == "href":
        return value if value.lower().startswith(("http://", "https://")) else None
    return value


def clean_body(fragment):
    """Return feed HTML with only the body's elements and http(s) links."""
    cleaned = _clean_once(fragment)
    # Wrapping stray text can nest what the parser then rebuilds (<li> in a <p>): clean until
    # cleaning changes nothing, so that clean HTML stays as it is.
    for _ in range(3):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_once(fragment):
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
    cleaned = EMPTY_PARAGRAPH.sub("", cleaned)
    if cleaned and not BLOCK.search(cleaned):
        pieces = [piece.strip() for piece in BREAKS.split(cleaned)]
        cleaned = "".join(f"<p>{piece}</p>" for piece in pieces if piece)
    return EMPTY_PARAGRAPH.sub("", _wrap_stray_text(cleaned))


def _wrap_stray_text(html):
    """Put text that sits between blocks into a paragraph: the page shows blocks alone."""
    out, depth, start = [], 0, 0
    for match in BLOCK_TAG.finditer(html):
        closing = bool(match.group(1))
        if not closing and depth == 0:
            out.append(_paragraph(html[start : match.start()]))
            start = match.start()
        depth = max(depth + (-1 if closing else 1), 0)
        if closing and depth == 0:
            out.append(html[start : match.end()])
            start = match.end()
    out.append(_paragraph(html[start:]) if depth == 0 else html[start:])
    return "".join(out)


def _paragraph(stray):
    return f"<p>{stray.strip()}</p>" if stray.strip() and _balanced(stray) else stray


def _balanced(html):
    """Tell whether every element opened in a piece of HTML is closed in it."""
    open_tags = []
    for closing, name in INLINE_TAG.findall(html):
        if not closing:
            open_tags.append(name.lower())
        elif not open_tags or open_tags.pop() != name.lower():
            return False
    return not open_tags


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
