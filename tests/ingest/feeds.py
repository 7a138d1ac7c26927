"""Feed documents for tests, built the way real wires write them."""

from xml.sax.saxutils import escape


def rss(items, *, title="Wire", link="https://wire.example/", extra_ns="", encoding="utf-8"):
    body = "".join(items)
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:media="http://search.yahoo.com/mrss/"{extra_ns}>'
        f"<channel><title>{escape(title)}</title><link>{link}</link>"
        f"<description>Test wire</description>{body}</channel></rss>"
    )


def rss_item(
    title,
    text,
    *,
    guid=None,
    link=None,
    date="Thu, 04 Jul 2024 14:53:00 GMT",
    categories=(),
    content=None,
    image=None,
    credit=None,
):
    parts = [f"<title>{escape(title)}</title>"]
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    parts.append(f"<description>{escape(text)}</description>")
    if content is not None:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.extend(f"<category>{escape(name)}</category>" for name in categories)
    if image:
        credit_xml = f"<media:credit>{escape(credit)}</media:credit>" if credit else ""
        parts.append(
            f'<media:content url="{escape(image)}" medium="image" type="image/jpeg">'
            f"{credit_xml}</media:content>"
        )
    return "<item>" + "".join(parts) + "</item>"
