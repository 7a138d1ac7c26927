"""Offline validation of feeds and sitemaps against the schemas in tests/distribution/schemas/."""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@cache
def schema(name):
    document = etree.parse(str(SCHEMAS / name), etree.XMLParser(no_network=True))
    if name.endswith(".rng"):
        return etree.RelaxNG(document)
    return etree.XMLSchema(document)


def parse(content):
    return etree.fromstring(content, etree.XMLParser(no_network=True, resolve_entities=False))


def assert_valid(content, schema_name):
    """Parse XML bytes and assert the named schema accepts them; return the root element."""
    root = parse(content)
    validator = schema(schema_name)
    if not validator.validate(root):
        errors = "\n".join(str(error) for error in validator.error_log)
        raise AssertionError(f"{schema_name} rejects the document:\n{errors}")
    return root


def assert_atom_schematron_rules(root):
    """Check RFC 4287's two rules that RELAX NG validators skip."""
    feed_has_author = root.find(f"{ATOM}author") is not None
    for entry in root.iter(f"{ATOM}entry"):
        # "An atom:feed must have an atom:author unless all of its atom:entry children have one."
        assert feed_has_author or entry.find(f"{ATOM}author") is not None, "entry without author"
        # "An atom:entry must have at least one atom:link with rel=alternate if no atom:content."
        alternates = [
            link
            for link in entry.iter(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert alternates or entry.find(f"{ATOM}content") is not None, "entry without link"


def sitemap_locations(root):
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def streamed(response):
    """Return a response's body, consuming it if streamed (queries run while it streams)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
