"""Read a rendered page the way a reader sees it: visible text, in document order."""

import re

from lxml import html as lxml_html


def parse(response):
    return lxml_html.fromstring(response.content.decode())


def visible_text(element):
    return re.sub(r"\s+", " ", " ".join(element.itertext())).strip()


def assert_in_order(text, parts):
    """Assert that every part occurs in text, each after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, (
            f"{part!r} is missing after position {position}: ...{text[position : position + 200]!r}"
        )
        position = found + len(part)
