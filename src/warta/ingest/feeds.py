"""Read RSS 0.9x/1.0/2.0 and Atom feeds from bytes into plain feed items."""

import calendar
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

import feedparser
from feedparser.encodings import convert_to_utf8

from warta.ingest.clean import plain_text

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "application/x-atom+xml",
    "application/feed+xml",
    "text/plain",
    "application/octet-stream",
)
IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
PROLOG_PART = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
FIRST_ELEMENT = re.compile(rb"<\w")
HTML_DOCTYPE = re.compile(rb"<!\s*DOCTYPE\s+html\s*>", re.IGNORECASE)
# What a browser leaves as it is in a link's path, query and fragment; "%" keeps escapes whole.
URL_SAFE = "/?:@!$&'()*+,;=-._~%[]"
check_web_url = URLValidator(schemes=["http", "https"])


class FeedError(Exception):
    """The bytes are not a feed Warta can read; the message says why."""


@dataclass
class FeedItem:
    guid: str
    url: str
    title: str
    summary: str
    content: str
    published: datetime | None
    categories: list = field(default_factory=list)
    image_url: str = ""
    image_credit: str = ""
    image_caption: str = ""
    dropped_link: str = ""  # the item's link when it is no web address: the story keeps none


def parse_feed(data, *, url, content_type="application/xml"):
    """Parse feed bytes (never a URL) into FeedItems; raise FeedError if they are no feed."""
    headers = {"content-type": content_type, "content-location": url}
    refuse_declarations(data, headers)
    parsed = feedparser.parse(
        # Given bytes or a string, feedparser first tries them as a file name or a URL: a body
        # saying "/dev/zero" would be read from disk. A stream is only ever read.
        io.BytesIO(data),
        response_headers=headers,
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        if data.lstrip()[:1] == b"" or not data.strip():
            raise FeedError("The feed is empty: the server sent no data.")
        raise FeedError(
            "This is not an RSS or Atom feed"
            + (f" ({reason})." if reason else ".")
            + " Check the source's feed URL."
        )
    return [_item(entry, url) for entry in parsed.entries]


def refuse_declarations(data, headers):
    """Refuse a feed with a DOCTYPE or entity declarations: entities multiply its size.

    The check reads the text feedparser will parse (after its own charset conversion), up to
    the end of the prolog as XML reads it and as feedparser's fallback parser reads it.
    """
    text = convert_to_utf8(dict(headers), data, {})
    position = 0
    while part := PROLOG_PART.match(text, position):
        position = part.end()
    element = FIRST_ELEMENT.search(text)
    end = max(position, element.start() if element else len(text)) + len(b"<!DOCTYPE")
    declaration = DECLARATION.search(text, 0, end)
    if declaration and HTML_DOCTYPE.match(text, declaration.start()):
        raise FeedError(
            "This is not an RSS or Atom feed but a web page (an HTML DOCTYPE). "
            "Check the source's feed URL."
        )
    if declaration:
        raise FeedError(
            "The feed declares a DOCTYPE or XML entities, which Warta refuses: they can make a "
            "small feed expand to gigabytes. Ask the wire to send plain RSS or Atom."
        )


def _item(entry, feed_url):
    content = ""
    if entry.get("content"):
        content = max((part.get("value", "") for part in entry.content), key=len)
    summary = entry.get("summary", "")
    written = (entry.get("link") or "").strip()
    link = web_url(written)
    title = plain_text(entry.get("title", "")) or plain_text(summary)[:120]
    guid = entry.get("id") or (written if link else "")  # as read before links were quoted
    if not guid:
        guid = hashlib.sha256((title + summary).encode()).hexdigest()
    image_url, credit, caption = _image(entry, content or summary)
    return FeedItem(
        guid=guid.strip()[:1000],
        url=link.strip(),
        title=title,
        summary=summary,
        content=content,
        published=_published(entry),
        categories=[name for name in map(_category, entry.get("tags", [])) if name][:10],
        image_url=image_url,
        image_credit=credit,
        image_caption=caption,
        dropped_link=written if written and not link else "",
    )


def _category(tag):
    """Return a category's name as text; markup alone (`<script>...`) leaves nothing."""
    return plain_text(tag.get("term") or tag.get("label") or "")[:100]


def web_url(link):
    """Return a feed's link as an http(s) URL, quoted as browsers do, else "".

    A space or a quote in a query is quoted (`%20`, `%22`) instead of losing the story; a
    `javascript:` link, or one still no web address, is no source.
    """
    link = (link or "").strip()
    if not link.lower().startswith(("http://", "https://")):
        return ""
    parts = urlsplit(link)
    quoted = urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc,
            quote(parts.path, safe=URL_SAFE),
            quote(parts.query, safe=URL_SAFE),
            quote(parts.fragment, safe=URL_SAFE),
        )
    )
    try:
        check_web_url(quoted[:1000])
    except ValidationError:
        return ""
    return quoted


def _published(entry):
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    when = datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)
    return min(when, timezone.now())


def _image(entry, html):
    credit = ""
    for key in ("media_credit", "media_copyright"):
        value = entry.get(key)
        if isinstance(value, list) and value:
            value = value[0].get("content", "")
        elif isinstance(value, dict):
            value = value.get("content", "")
        if value:
            credit = plain_text(str(value))[:200]
            break
    caption = plain_text(entry.get("media_description", "") or "")[:500]
    for media in entry.get("media_content", []):
        if media.get("url") and (
            media.get("medium") == "image" or media.get("type", "").startswith("image/")
        ):
            return media["url"], credit, caption
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("href") and enclosure.get("type", "").startswith("image/"):
            return enclosure["href"], credit, caption
    for media in entry.get("media_thumbnail", []):
        if media.get("url"):
            return media["url"], credit, caption
    match = IMG.search(html or "")
    if match:
        return match.group(1), credit, caption
    return "", credit, caption
