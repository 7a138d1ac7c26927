"""Share links for the article's share bar: plain URLs, no third-party script."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str


def _query(**params):
    return urlencode(params, quote_via=quote, safe="")


def share_links(url, title):
    """Return the share links for a page's absolute URL and title."""
    text = f"{title} {url}"
    return [
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + _query(text=title, url=url)),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + _query(text=text)),
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + _query(url=url, text=title)),
        ShareLink("line", "LINE", "https://social-plugins.line.me/lineit/share?" + _query(url=url)),
    ]
