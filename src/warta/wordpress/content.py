"""Turn a WordPress post's content (classic HTML, shortcodes or blocks) into body blocks.

The result is neutral: paragraphs of clean HTML, image references, quotes and embed URLs.
The importer resolves image references to Wagtail images.
"""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

import nh3
from lxml import etree
from lxml import html as lxml_html

# What the body's rich text editor allows (see WAGTAILADMIN_RICH_TEXT_EDITORS).
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "b", "i", "a", "br"}
RENAMED_TAGS = {"strong": "b", "em": "i", "h1": "h2", "h4": "h3", "h5": "h3", "h6": "h3"}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "table", "hr", "dl"}
CONTAINER_TAGS = {"div", "section", "article", "main", "header", "footer", "aside", "center"}
DROPPED_TAGS = {"script", "style", "form", "iframe", "object", "embed", "noscript", "template"}

SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>[a-z][a-z0-9_-]*)(?P<attrs>(?:\s[^\]]*)?)(?P<self>/)?\]"
)
SHORTCODE_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<close>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<self>/)?-->",
    re.DOTALL,
)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
BLOCK_START = re.compile(
    r"^\s*<(p|div|figure|blockquote|ul|ol|h[1-6]|table|pre|hr|iframe|section|dl)\b", re.I
)


@dataclass
class ImageRef:
    attachment_id: int | None = None
    url: str = ""
    caption: str = ""
    alt: str = ""


@dataclass
class Conversion:
    blocks: list = field(default_factory=list)  # (type, value)
    warnings: list = field(default_factory=list)
    unknown_shortcodes: set = field(default_factory=set)


def shortcode_attrs(text):
    attrs = {}
    for match in SHORTCODE_ATTR.finditer(text or ""):
        attrs[match.group(1).lower()] = next(g for g in match.groups()[1:] if g is not None)
    return attrs


def embed_accepts(url):
    """Tell whether Wagtail's oEmbed providers know this URL (no network involved)."""
    from wagtail.embeds.finders.oembed import OEmbedFinder

    return OEmbedFinder().accept(url)


def youtube_watch_url(src):
    parts = urlsplit(src)
    if parts.hostname and "youtube" in parts.hostname and "/embed/" in parts.path:
        return "https://www.youtube.com/watch?v=" + parts.path.rsplit("/", 1)[-1]
    return src


class Converter:
    """Convert one post; `old_hosts` are the old site's host names (links become paths)."""

    def __init__(self, old_hosts=()):
        self.old_hosts = {host.lower() for host in old_hosts if host}
        self.result = Conversion()
        self._pending = []  # HTML fragments of the paragraph block being built

    # Entry point ----------------------------------------------------------------------------

    def convert(self, content):
        content = (content or "").replace("\r\n", "\n")
        if BLOCK_COMMENT.search(content):
            self._blocks(content)
        else:
            self._classic(content)
        self._flush()
        return self.result

    def warn(self, message):
        if message not in self.result.warnings:
            self.result.warnings.append(message)

    # Gutenberg blocks -----------------------------------------------------------------------

    def _block_tree(self, content):
        """Return top-level (name, attrs, inner_html) triples; text between blocks as 'freeform'."""
        blocks, stack, cursor = [], [], 0
        for match in BLOCK_COMMENT.finditer(content):
            if not stack and match.start() > cursor and content[cursor : match.start()].strip():
                blocks.append(("freeform", {}, content[cursor : match.start()]))
            try:
                attrs = json.loads(match.group("attrs")) if match.group("attrs") else {}
            except ValueError:
                attrs = {}
            if not isinstance(attrs, dict):
                attrs = {}
            name = match.group("name")
            if match.group("self"):
                if not stack:
                    blocks.append((name, attrs, ""))
            elif match.group("close"):
                if stack and stack[-1][0] == name:
                    opened_name, opened_attrs, inner_start = stack.pop()
                    if not stack:
                        blocks.append((name, opened_attrs, content[inner_start : match.start()]))
            else:
                stack.append((name, attrs, match.end()))
            cursor = match.end()
        if stack:  # an unclosed block: keep its HTML rather than lose it
            name, attrs, inner_start = stack[0]
            blocks.append(("freeform", {}, content[inner_start:]))
        elif content[cursor:].strip():
            blocks.append(("freeform", {}, content[cursor:]))
        return blocks

    def _blocks(self, content):
        for name, attrs, inner in self._block_tree(content):
            name = name.removeprefix("core/")
            if name in ("paragraph", "heading", "list", "html", "preformatted", "verse", "code"):
                self._html(inner)
            elif name in ("image", "gallery", "quote", "pullquote", "video", "media-text"):
                if name == "gallery" and attrs.get("ids") and "<img" not in inner:
                    for attachment_id in attrs["ids"]:
                        self._image(ImageRef(attachment_id=int(attachment_id)))
                elif name == "video" and attrs.get("src"):
                    self._video(attrs["src"])
                else:
                    self._html(inner, default_attachment=attrs.get("id"))
            elif name == "embed" or name.startswith("core-embed/"):
                url = attrs.get("url") or _first_url(inner)
                if url:
                    self._embed(url)
            elif name in ("shortcode", "freeform"):
                self._classic(inner)
            elif name in ("columns", "column", "group", "row", "stack", "cover", "details"):
                self._blocks(inner) if BLOCK_COMMENT.search(inner) else self._html(inner)
            elif name in ("separator", "spacer", "more", "nextpage", "buttons", "button"):
                continue
            else:
                self.warn(_("Unknown block %(name)s kept as its HTML.") % {"name": "wp:" + name})
                self._html(inner)

    # Classic content ------------------------------------------------------------------------

    def _classic(self, content):
        self._html(autop(self._shortcodes(content)))

    def _shortcodes(self, text):
        """Replace known shortcodes by marker elements; report unknown ones, kept as text."""
        closing = {m.group("name") for m in SHORTCODE.finditer(text) if m.group("close")}
        out, cursor = [], 0
        for match in SHORTCODE.finditer(text):
            if match.start() < cursor or match.group("close"):
                continue
            name, attrs = match.group("name"), shortcode_attrs(match.group("attrs"))
            inner, end = "", match.end()
            if name in closing and not match.group("self"):
                close_at = text.find(f"[/{name}]", match.end())
                if close_at >= 0:
                    inner, end = text[match.end() : close_at], close_at + len(name) + 3
            replacement = self._shortcode(name, attrs, inner, match)
            if replacement is None:
                continue
            out.append(text[cursor : match.start()])
            out.append(replacement)
            cursor = end
        out.append(text[cursor:])
        result = "".join(out)
        return re.sub(r"\[/(caption|gallery|embed|video)\]", "", result)

    def _shortcode(self, name, attrs, inner, match):
        if name in ("caption", "wp_caption"):
            image = re.search(r"<img\b[^>]*>", inner)
            caption = attrs.get("caption") or re.sub(r"<img\b[^>]*>|</?a\b[^>]*>", "", inner)
            caption = caption.strip()
            attachment = ATTACHMENT_ID.search(attrs.get("id", ""))
            attachment_attr = f' data-wp-attachment="{attachment.group(1)}"' if attachment else ""
            return (
                f"\n\n<figure{attachment_attr}>{image.group(0) if image else ''}"
                f"<figcaption>{caption}</figcaption></figure>\n\n"
            )
        if name == "gallery":
            ids = ",".join(i for i in re.split(r"[,\s]+", attrs.get("ids", "")) if i.isdigit())
            if not ids:
                self.warn(_("A [gallery] without ids was dropped."))
            return f'\n\n<div data-wp-gallery="{ids}"></div>\n\n'
        if name == "embed":
            url = (inner or attrs.get("src", "")).strip()
            return f'\n\n<div data-wp-embed="{lxml_escape(url)}"></div>\n\n'
        if name in ("video", "audio"):
            url = attrs.get("src") or next(
                (attrs[k] for k in ("mp4", "webm", "ogv", "m4v", "mp3", "ogg") if k in attrs), ""
            )
            url = url or (inner or "").strip()
            return f'\n\n<div data-wp-video="{lxml_escape(url)}"></div>\n\n'
        # Only report what looks like a real shortcode, not "[1]" or "[Baca juga: ...]".
        if match.group("attrs").strip() and "=" not in match.group("attrs"):
            return None
        self.result.unknown_shortcodes.add(name)
        return None

    # HTML ------------------------------------------------------------------------------------

    def _html(self, fragment, default_attachment=None):
        if not fragment or not fragment.strip():
            return
        try:
            wrapper = lxml_html.fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, ValueError):
            self._pending.append(f"<p>{lxml_escape(fragment)}</p>")
            return
        self._walk(wrapper, default_attachment)

    def _walk(self, parent, default_attachment=None):
        inline = []  # a run of inline nodes, wrapped into one paragraph
        if parent.text and parent.text.strip():
            inline.append(lxml_escape(parent.text))

        def flush_inline():
            text = "".join(inline).strip()
            inline.clear()
            if text:
                self._pending.append(f"<p>{text}</p>")

        for child in parent:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if child.tail and child.tail.strip():
                    inline.append(lxml_escape(child.tail))
                continue
            tag = child.tag.lower()
            handled = self._special(child, tag, default_attachment)
            if handled:
                flush_inline()
            elif tag in BLOCK_TAGS or tag in CONTAINER_TAGS or tag == "figure":
                flush_inline()
                if tag in CONTAINER_TAGS:
                    self._walk(child, default_attachment)
                else:
                    self._block_html(child, tag)
            elif tag in DROPPED_TAGS:
                self.warn(_("Removed unsafe or unsupported HTML: <%(tag)s>.") % {"tag": tag})
            else:
                images = child.xpath(".//img")
                if images:
                    flush_inline()
                    for image in images:
                        self._image(image_ref(image, default_attachment=default_attachment))
                    child_text = child.text_content().strip()
                    if child_text:
                        inline.append(lxml_escape(child_text))
                else:
                    inline.append(self._serialise(child, tail=False))
            if child.tail and child.tail.strip():
                inline.append(lxml_escape(child.tail))
        flush_inline()

    def _special(self, element, tag, default_attachment):
        """Handle an element that becomes its own block; return whether it did."""
        if element.get("data-wp-gallery") is not None:
            for attachment_id in filter(None, element.get("data-wp-gallery").split(",")):
                self._image(ImageRef(attachment_id=int(attachment_id)))
            return True
        if element.get("data-wp-embed") is not None:
            url = element.get("data-wp-embed")
            if url:
                self._embed(url)
            return True
        if element.get("data-wp-video") is not None:
            self._video(element.get("data-wp-video"))
            return True
        if tag == "img" or (tag == "a" and len(element) == 1 and element[0].tag == "img"):
            image = element if tag == "img" else element[0]
            self._image(image_ref(image, default_attachment=default_attachment))
            return True
        if tag == "figure":
            images = element.xpath(".//img")
            caption = figure_caption(element)
            attachment = element.get("data-wp-attachment") or default_attachment
            if images:
                for index, image in enumerate(images):
                    ref = image_ref(image, default_attachment=attachment if index == 0 else None)
                    own_figure = next(image.iterancestors("figure"), element)
                    if own_figure is not element:
                        ref.caption = figure_caption(own_figure)
                    elif index == len(images) - 1:
                        # A gallery's own caption describes it as a whole: it goes last.
                        ref.caption = caption
                    self._image(ref)
                return True
            if element.xpath(".//blockquote"):
                self._quote(element.xpath(".//blockquote")[0], fallback_cite=caption)
                return True
            url = _first_url(etree.tostring(element, encoding="unicode"))
            if "wp-block-embed" in (element.get("class") or "") and url:
                self._embed(url)
                return True
            return False
        if tag == "p" and element.xpath(".//img") and not element.text_content().strip():
            for image in element.xpath(".//img"):
                self._image(image_ref(image, default_attachment=default_attachment))
            return True
        if tag == "blockquote":
            classes = element.get("class") or ""
            if "twitter-tweet" in classes or "instagram-media" in classes:
                links = [
                    a.get("href", "")
                    for a in element.xpath(".//a[@href]")
                    if "/status/" in a.get("href", "") or "/p/" in a.get("href", "")
                ]
                link = element.get("data-instgrm-permalink") or (links[-1] if links else "")
                if link:
                    self._embed(link.split("?")[0])
                    return True
            self._quote(element)
            return True
        if tag == "iframe":
            src = youtube_watch_url(element.get("src", ""))
            if src and embed_accepts(src):
                self._embed(src)
            else:
                self.warn(_("Removed an iframe the site cannot embed: %(src)s") % {"src": src})
            return True
        if tag == "video" or tag == "audio":
            source = element.get("src") or next(
                (s.get("src") for s in element.iter("source") if s.get("src")), ""
            )
            self._video(source)
            return True
        if tag == "table":
            self.warn(_("A table was converted to plain paragraphs."))
            for row in element.iter("tr"):
                cells = [cell.text_content().strip() for cell in row if isinstance(cell.tag, str)]
                text = " – ".join(cell for cell in cells if cell)
                if text:
                    self._pending.append(f"<p>{lxml_escape(text)}</p>")
            return True
        return False

    def _block_html(self, element, tag):
        images = element.xpath(".//img")
        for image in images:
            image.drop_tree()
        if tag == "pre":
            element.tag = "p"
        self._pending.append(self._serialise(element, tail=False))
        for image in images:
            self._image(image_ref(image))

    def _serialise(self, element, tail):
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            if node.tag in RENAMED_TAGS:
                node.tag = RENAMED_TAGS[node.tag]
            if node.tag == "a" and node.get("href"):
                node.set("href", self._local_link(node.get("href")))
        return etree.tostring(element, encoding="unicode", method="html", with_tail=tail)

    def _local_link(self, href):
        """Point links to the old site at its paths: the redirects carry them to new pages."""
        parts = urlsplit(href.strip())
        if parts.hostname and parts.hostname.lower() in self.old_hosts:
            return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return href

    # Emitting blocks --------------------------------------------------------------------------

    def _flush(self):
        if not self._pending:
            return
        html = sanitise("".join(self._pending))
        self._pending.clear()
        if re.sub(r"<[^>]+>|\s|&nbsp;", "", html):
            self.result.blocks.append(("paragraph", html))

    def _image(self, ref):
        self._flush()
        self.result.blocks.append(("image", ref))

    def _embed(self, url):
        self._flush()
        url = youtube_watch_url(url.strip())
        if embed_accepts(url):
            self.result.blocks.append(("embed", url))
        else:
            self.warn(
                _("Kept a link instead of an embed the site cannot show: %(url)s") % {"url": url}
            )
            self._pending.append(f'<p><a href="{lxml_escape(url)}">{lxml_escape(url)}</a></p>')

    def _video(self, url):
        if not url:
            self.warn(_("A video without a source was dropped."))
            return
        if embed_accepts(youtube_watch_url(url)):
            self._embed(url)
            return
        href = self._local_link(url)
        self._pending.append(
            f'<p><a href="{lxml_escape(href)}">{lxml_escape(_("Watch the video"))}</a></p>'
        )

    def _quote(self, element, fallback_cite=""):
        cite_element = element.find(".//cite")
        cite = fallback_cite
        if cite_element is not None:
            cite = cite_element.text_content().strip() or cite
            cite_element.drop_tree()
        paragraphs = [p.text_content().strip() for p in element.iter("p")]
        text = "\n\n".join(p for p in paragraphs if p) or element.text_content().strip()
        if text:
            self._flush()
            self.result.blocks.append(("quote", {"text": text, "attribution": cite[:200]}))


def figure_caption(figure):
    caption = figure.find("figcaption")
    return caption.text_content().strip() if caption is not None else ""


def image_ref(image, default_attachment=None):
    classes = image.get("class") or ""
    match = WP_IMAGE_CLASS.search(classes)
    attachment_id = int(match.group(1)) if match else None
    if attachment_id is None and default_attachment:
        attachment_id = int(default_attachment)
    src = image.get("src") or ""
    parent = image.getparent()
    # A link around an image usually points at the full-size file.
    if (
        parent is not None
        and parent.tag == "a"
        and re.search(r"\.(jpe?g|png|gif|webp)$", parent.get("href", ""), re.I)
    ):
        src = src or parent.get("href")
    return ImageRef(attachment_id=attachment_id, url=src, alt=(image.get("alt") or "").strip())


def autop(text):
    """Wrap classic-editor text in paragraphs the way WordPress's wpautop() does."""
    chunks = re.split(r"\n\s*\n", text.strip())
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        url = URL_LINE.match(chunk)
        if url:  # WordPress turns a URL alone on its line into an embed
            out.append(f'<div data-wp-embed="{lxml_escape(url.group(1))}"></div>')
        elif BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>") + "</p>")
    return "\n".join(out)


def sanitise(html):
    """Keep only what the body's rich text allows; links keep http(s) and mailto only."""
    options = {
        "tags": ALLOWED_TAGS,
        "attributes": {"a": {"href"}},
        "url_schemes": {"http", "https", "mailto"},
        "link_rel": None,
        "strip_comments": True,
    }
    # A second pass settles markup the parser rebuilt (a <p> inside a <p>).
    return nh3.clean(nh3.clean(html, **options), **options).strip()


def lxml_escape(text):
    return (
        (text or "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _first_url(html):
    match = re.search(r"https?://[^\s<>\"']+", html or "")
    return match.group(0) if match else ""


def convert(content, old_hosts=()):
    """Convert a post's content into body blocks, with warnings."""
    return Converter(old_hosts).convert(content)
