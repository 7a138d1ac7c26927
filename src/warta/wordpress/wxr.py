"""Read a WordPress eXtended RSS (WXR 1.0-1.2) export item by item, in bounded memory.

The file is read in chunks and cut at `<item>` boundaries (CDATA sections and comments are
skipped over, so a post body that mentions `</item>` does not cut it). Each item is then parsed
on its own by lxml with entities, DTDs and the network turned off. A broken item therefore
costs only itself: `lxml.etree.iterparse` cannot resume after a syntax error, so one stray `<`
in a title would lose every post after it.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

CHUNK_SIZE = 1 << 20
MAX_ITEM_BYTES = 64 << 20  # one post larger than this is not a post but an attack
MAX_HEADER_BYTES = 64 << 20

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
WP_NS = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/?$")

ITEM_END = b"</item>"
CDATA_START, CDATA_END = b"<![CDATA[", b"]]>"
COMMENT_START, COMMENT_END = b"<!--", b"-->"
LONGEST_MARKER = len(CDATA_START)
MARKER = re.compile(rb"<!\[CDATA\[|<!--|</item>|<item[\s>]")


class WXRError(Exception):
    """The file is not a WordPress export this reader can read at all."""


@dataclass(frozen=True)
class Position:
    number: int  # 1-based index of the <item> in the file
    line: int  # line where it starts

    def __str__(self):
        return f"item {self.number} (line {self.line})"


@dataclass
class Author:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: str = ""


@dataclass
class Term:
    slug: str
    name: str
    parent: str = ""  # the parent's slug
    description: str = ""
    wp_id: str = ""


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    authors: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)


@dataclass
class Item:
    position: Position
    post_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    date: datetime | None = None  # aware, UTC (wp:post_date_gmt)
    local_date: datetime | None = None  # naive, the site's zone (wp:post_date)
    parent: int = 0
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)  # (slug, name)
    meta: dict = field(default_factory=dict)
    attachment_url: str = ""
    password: str = ""  # wp:post_password: readers had to enter it
    checksum: str = ""


@dataclass
class Malformed:
    position: Position
    reason: str


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        strip_cdata=True,
    )


def _text(element, path, namespaces):
    found = element.find(path, namespaces)
    if found is None:
        return ""
    return "".join(found.itertext()).strip() if len(found) else (found.text or "").strip()


def parse_gmt(value):
    """Turn WordPress's '2024-07-04 14:53:00' (GMT) into an aware datetime, or None."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


class WXRReader:
    """Iterate over an export: `channel` is filled first, then each item or `Malformed`."""

    def __init__(self, fileobj, chunk_size=CHUNK_SIZE):
        self.fileobj = fileobj
        self.chunk_size = chunk_size
        self.channel = None
        self.bytes_read = 0
        self._rss_open = b"<rss>"
        self._declaration = b'<?xml version="1.0" encoding="UTF-8"?>'
        self._ns = {}

    # Cutting the stream into items -------------------------------------------------------

    def _read(self):
        chunk = self.fileobj.read(self.chunk_size)
        self.bytes_read += len(chunk)
        return chunk

    def _chunks(self):
        """Yield ("header", bytes, line), ("item", bytes, line) and ("broken", reason, line)."""
        buf = b""
        scan = 0  # where to look for the next marker in buf
        start = 0  # where the current header or item began in buf
        lines = [0, 0]  # newlines counted in buf[:lines[1]] plus everything dropped: lines[0]
        inside = False
        header_done = False
        eof = False

        def line_of(offset):
            lines[0] += buf.count(b"\n", lines[1], offset)
            lines[1] = offset
            return lines[0] + 1

        while True:
            match = MARKER.search(buf, scan)
            need_more = match is None
            if match:
                at, marker = match.start(), match.group(0)
                if marker in (CDATA_START, COMMENT_START):
                    closing = CDATA_END if marker == CDATA_START else COMMENT_END
                    end = buf.find(closing, at + len(marker))
                    if end < 0:
                        need_more, scan = True, at
                    else:
                        scan = end + len(closing)
                elif marker == ITEM_END:
                    scan = match.end()
                    if inside:
                        yield "item", buf[start:scan], line_of(start)
                        inside = False
                else:  # <item>
                    if inside:
                        yield "broken", "no </item> before the next <item>", line_of(start)
                    elif not header_done:
                        header_done = True
                        yield "header", buf[start:at], 1
                    inside, start, scan = True, at, match.end()
            if need_more:
                if eof:
                    break
                if match is None:
                    scan = max(scan, len(buf) - LONGEST_MARKER)
                # Keep only what is still needed: the open item (or header) and the tail.
                keep = start if (inside or not header_done) else scan
                if len(buf) - keep > (MAX_ITEM_BYTES if header_done else MAX_HEADER_BYTES):
                    raise WXRError(
                        "An item or the header is larger than the reader allows; "
                        "split the export into smaller files in WordPress (Tools > Export)."
                    )
                line_of(max(keep, lines[1]))
                lines[0] -= buf.count(b"\n", keep, lines[1])
                lines[1] = 0
                buf, scan, start = buf[keep:], scan - keep, max(start - keep, 0)
                more = self._read()
                if not more:
                    eof = True
                buf += more
        if inside:
            yield "broken", "the file ends inside this item", line_of(start)
        elif not header_done:
            yield "header", buf[start:], 1

    # Parsing ------------------------------------------------------------------------------

    def _parse_header(self, raw):
        if not raw.strip():
            raise WXRError("This is not a WordPress export: the file is empty.")
        if re.search(rb"<!(DOCTYPE|ENTITY)", raw[:65536], re.IGNORECASE):
            raise WXRError(
                "The export declares a DOCTYPE or entities; WordPress never writes them. "
                "Export again from WordPress (Tools > Export) and import that file."
            )
        declaration = re.match(rb"\s*(<\?xml[^>]*\?>)", raw)
        if declaration:
            self._declaration = declaration.group(1)
        rss_open = re.search(rb"<rss\b[^>]*>", raw)
        if not rss_open:
            raise WXRError("This is not a WordPress export: it has no <rss> element.")
        self._rss_open = rss_open.group(0)
        document = raw + (b"" if b"</rss>" in raw else b"</channel></rss>")
        try:
            root = etree.fromstring(document, _parser())
        except etree.XMLSyntaxError as error:
            raise WXRError(f"The export's header is not valid XML: {error}") from error
        wp_ns = next((uri for uri in root.nsmap.values() if uri and WP_NS.match(uri)), None)
        if wp_ns is None:
            raise WXRError(
                "This is not a WordPress export (no wp: namespace). "
                "Export from WordPress with Tools > Export > All content."
            )
        self._ns = {"wp": wp_ns, "content": CONTENT_NS, "dc": DC_NS}
        excerpt_ns = next(
            (uri for uri in root.nsmap.values() if uri and uri.endswith("/excerpt/")), None
        )
        self._ns["excerpt"] = excerpt_ns or wp_ns + "excerpt/"
        ns = self._ns
        channel_element = root.find("channel")
        if channel_element is None:
            raise WXRError("This is not a WordPress export: it has no <channel> element.")
        channel = Channel(
            title=_text(channel_element, "title", ns),
            link=_text(channel_element, "link", ns),
            base_site_url=_text(channel_element, "wp:base_site_url", ns),
            base_blog_url=_text(channel_element, "wp:base_blog_url", ns),
            wxr_version=_text(channel_element, "wp:wxr_version", ns),
        )
        if not channel.wxr_version:
            raise WXRError("This is not a WordPress export: it has no wp:wxr_version.")
        for element in channel_element.iterfind("wp:author", ns):
            channel.authors.append(
                Author(
                    login=_text(element, "wp:author_login", ns),
                    display_name=_text(element, "wp:author_display_name", ns),
                    email=_text(element, "wp:author_email", ns),
                    first_name=_text(element, "wp:author_first_name", ns),
                    last_name=_text(element, "wp:author_last_name", ns),
                    wp_id=_text(element, "wp:author_id", ns),
                )
            )
        for element in channel_element.iterfind("wp:category", ns):
            channel.categories.append(
                Term(
                    slug=_text(element, "wp:category_nicename", ns),
                    name=_text(element, "wp:cat_name", ns),
                    parent=_text(element, "wp:category_parent", ns),
                    description=_text(element, "wp:category_description", ns),
                    wp_id=_text(element, "wp:term_id", ns),
                )
            )
        for element in channel_element.iterfind("wp:tag", ns):
            channel.tags.append(
                Term(
                    slug=_text(element, "wp:tag_slug", ns),
                    name=_text(element, "wp:tag_name", ns),
                    wp_id=_text(element, "wp:term_id", ns),
                )
            )
        # WXR 1.2 lists categories and tags also as generic wp:term elements.
        for element in channel_element.iterfind("wp:term", ns):
            taxonomy = _text(element, "wp:term_taxonomy", ns)
            term = Term(
                slug=_text(element, "wp:term_slug", ns),
                name=_text(element, "wp:term_name", ns),
                parent=_text(element, "wp:term_parent", ns),
                wp_id=_text(element, "wp:term_id", ns),
            )
            known = channel.categories if taxonomy == "category" else channel.tags
            if taxonomy in ("category", "post_tag") and term.slug not in {t.slug for t in known}:
                known.append(term)
        self.channel = channel

    def _parse_item(self, raw, position):
        ns = self._ns
        prefix = self._declaration + self._rss_open
        try:
            root = etree.fromstring(prefix + raw + b"</rss>", _parser())
        except etree.XMLSyntaxError as error:
            line = position.line + max((error.lineno or 1) - 1 - prefix.count(b"\n"), 0)
            message = re.sub(r", line \d+, column \d+$", "", error.msg or str(error))
            return Malformed(position, f"not valid XML at line {line}: {message}")
        element = root.find("item")
        post_id = _text(element, "wp:post_id", ns)
        if not post_id.isdigit():
            return Malformed(position, f"missing or non-numeric wp:post_id {post_id!r}")
        post_type = _text(element, "wp:post_type", ns)
        if not post_type:
            return Malformed(position, "missing wp:post_type")
        date_gmt = _text(element, "wp:post_date_gmt", ns)
        date = parse_gmt(date_gmt)
        if date is None and date_gmt and not date_gmt.startswith("0000"):
            return Malformed(position, f"unreadable wp:post_date_gmt {date_gmt!r}")
        item = Item(
            position=position,
            post_id=int(post_id),
            post_type=post_type,
            status=_text(element, "wp:status", ns),
            title=_text(element, "title", ns),
            link=_text(element, "link", ns),
            guid=_text(element, "guid", ns),
            creator=_text(element, "dc:creator", ns),
            content=(element.findtext("content:encoded", "", ns) or ""),
            excerpt=(element.findtext("excerpt:encoded", "", ns) or "").strip(),
            post_name=_text(element, "wp:post_name", ns),
            date=date,
            attachment_url=_text(element, "wp:attachment_url", ns),
            password=_text(element, "wp:post_password", ns),
            checksum=hashlib.sha256(raw).hexdigest(),
        )
        local = parse_gmt(_text(element, "wp:post_date", ns))
        item.local_date = local.replace(tzinfo=None) if local else None
        parent = _text(element, "wp:post_parent", ns)
        item.parent = int(parent) if parent.isdigit() else 0
        for category in element.iterfind("category"):
            pair = (category.get("nicename", "").strip(), (category.text or "").strip())
            if category.get("domain") == "category":
                item.categories.append(pair)
            elif category.get("domain") == "post_tag":
                item.tags.append(pair)
        for meta in element.iterfind("wp:postmeta", ns):
            key = _text(meta, "wp:meta_key", ns)
            if key:
                item.meta[key] = element_text(meta.find("wp:meta_value", ns))
        return item

    def __iter__(self):
        number = 0
        for kind, payload, line in self._chunks():
            if kind == "header":
                self._parse_header(payload)
                continue
            if self.channel is None:
                self._parse_header(b"")
            number += 1
            position = Position(number, line)
            if kind == "broken":
                yield Malformed(position, payload)
            else:
                yield self._parse_item(payload, position)
        if self.channel is None:
            raise WXRError("This is not a WordPress export: the file is empty.")


def element_text(element):
    if element is None:
        return ""
    return (element.text or "").strip()
