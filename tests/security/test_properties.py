"""Properties that hold for any input: sanitisers, share links, dates, Baca Juga, URL keys."""

import re
from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.discovery.lists import baca_juga_links
from warta.ingest.clean import clean_body, plain_text
from warta.ingest.dedupe import normalize_url
from warta.news.body import lay_out_body
from warta.news.dates import long_date, short_date
from warta.news.share import share_links
from warta.wordpress.content import sanitise

FEW = settings(max_examples=200, deadline=None, database=None)

# Pieces of hostile markup, combined at random with random text.
TAGS = [
    "script",
    "style",
    "img",
    "svg",
    "a",
    "p",
    "iframe",
    "object",
    "math",
    "b",
    "blockquote",
    "form",
    "button",
    "input",
    "textarea",
    "noscript",
    "template",
    "title",
    "h2",
    "ul",
    "li",
    "SCRIPT",
    "ScRiPt",
    "embed",
    "video",
    "details",
    "base",
    "meta",
    "link",
]
ATTRIBUTES = [
    "href",
    "src",
    "onerror",
    "onload",
    "ONCLICK",
    "style",
    "srcdoc",
    "xlink:href",
    "formaction",
    "action",
    "data",
    "class",
    "id",
    "title",
]
VALUES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://berita.example/a?b=1&c=2",
    "alert(1)",
    '"><script>alert(1)</script>',
    "x",
    "",
]
SCRIPT_URL = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
DANGEROUS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "base",
    "meta",
    "link",
    "form",
    "input",
    "button",
    "textarea",
    "template",
    "frame",
    "frameset",
}


@st.composite
def element(draw, depth=0):
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(
        st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)), max_size=3)
    )
    quote = draw(st.sampled_from(['"', "'", ""]))
    attrs = "".join(f" {name}={quote}{value}{quote}" for name, value in attributes)
    inner = draw(st.lists(fragment_part(depth + 1), max_size=3)) if depth < 2 else []
    closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag.upper()}>", "</p>"]))
    return f"<{tag}{attrs}>{''.join(inner)}{closing}"


def fragment_part(depth=0):
    return st.one_of(
        st.text(max_size=20),
        st.sampled_from(
            [
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "&lt;script&gt;",
                "<",
                ">",
                "&",
                "\n\n",
                "<br><br>",
                "<p>",
                "</p>",
                "alert(1)",
            ]
        ),
        element(depth) if depth < 2 else st.just(""),
    )


html_fragments = st.lists(fragment_part(), max_size=8).map("".join)


def executable(html):
    """Return what in sanitised HTML could run, as an HTML parser (a browser) reads it."""
    found = []
    for node in html5lib.parseFragment(html, namespaceHTMLElements=False).iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag.lower() in DANGEROUS:
            found.append(node.tag)
        for name, value in node.items():
            name = name if isinstance(name, str) else name[1]
            if name.lower().startswith("on") or name.lower() == "srcdoc":
                found.append(name)
            squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
            if name.lower() in URL_ATTRIBUTES and squeezed.startswith(SCRIPT_URL):
                found.append(f"{name}={value}")
    return found


@FEW
@given(html_fragments)
def test_feed_html_cleaning_leaves_nothing_executable_and_is_stable(html):
    cleaned = clean_body(html)
    assert executable(cleaned) == []
    assert clean_body(cleaned) == cleaned


@FEW
@given(html_fragments)
def test_wordpress_sanitising_leaves_nothing_executable_and_is_stable(html):
    cleaned = sanitise(html)
    assert executable(cleaned) == []
    assert sanitise(cleaned) == cleaned


@FEW
@given(html_fragments)
def test_plain_text_has_no_markup_left_to_parse(html):
    text = plain_text(html)
    # Templates escape it; even raw, nothing in it is an element once escaped once more.
    assert executable(text.replace("&", "&amp;").replace("<", "&lt;")) == []
    assert plain_text(text.replace("&", "&amp;").replace("<", "&lt;")) == text


# Share links ---------------------------------------------------------------------------------

SHARE_HOSTS = {
    "facebook": ("www.facebook.com", "u"),
    "x": ("x.com", "url"),
    "whatsapp": ("wa.me", None),
    "telegram": ("t.me", "url"),
    "line": ("social-plugins.line.me", "url"),
}
segment = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
)


@st.composite
def article_urls(draw):
    host = draw(st.sampled_from(["berita.example", "www.berita.example", "127.0.0.1:8000"]))
    path = "/".join(draw(st.lists(segment, min_size=1, max_size=4)))
    query = draw(st.sampled_from(["", "?a=1&b=2", "?q=a%20b", "#bagian"]))
    return f"https://{host}/{path}/{query}"


@FEW
@given(article_urls(), st.text(max_size=200))
def test_every_share_link_is_a_url_on_its_network_carrying_the_article(url, title):
    links = share_links(url, title)
    assert [link.network for link in links] == list(SHARE_HOSTS)
    for link in links:
        assert not re.search(r"[\s\"'<>]", link.href), link.href
        parts = urlsplit(link.href)
        host, url_param = SHARE_HOSTS[link.network]
        assert (parts.scheme, parts.netloc, parts.fragment) == ("https", host, "")
        params = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
        if url_param:
            assert params[url_param] == [url]
        if link.network == "whatsapp":
            assert params["text"] == [f"{title} {url}"]
        if link.network in ("x", "telegram"):
            assert params["text"] == [title]


# Indonesian dates ----------------------------------------------------------------------------

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
LONG = re.compile(r"^(\w+), (\d{1,2}) (\w+) (\d{4}) - (\d{2}):(\d{2}) (WIB|WITA|WIT)$")
moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.timezones()
)


@FEW
@given(moments, st.sampled_from(sorted(ZONES)))
def test_any_moment_reads_as_an_indonesian_date_in_the_right_zone(moment, zone_name):
    zone = ZoneInfo(zone_name)
    local = moment.astimezone(zone)
    match = LONG.match(long_date(moment, zone))
    assert match, long_date(moment, zone)
    day, number, month, year, hour, minute, abbreviation = match.groups()
    assert day == DAYS[local.weekday()]
    assert (int(number), month, int(year)) == (local.day, MONTHS[local.month - 1], local.year)
    assert (int(hour), int(minute)) == (local.hour, local.minute)
    assert abbreviation == ZONES[zone_name]
    short = short_date(moment, zone)
    assert short.startswith(f"{day}, {local.day} ") and short.endswith(f" {abbreviation}")


@FEW
@given(moments)
def test_the_site_zone_is_wib(moment):
    assert long_date(moment).endswith(" WIB")
    assert long_date(moment) == long_date(moment.astimezone(UTC))


# Baca Juga -----------------------------------------------------------------------------------


def card(pk):
    return SimpleNamespace(pk=pk, live=True, title=f"Berita {pk}")


@FEW
@given(
    paragraph_counts=st.lists(st.integers(0, 6), max_size=6),
    ranked=st.lists(st.integers(1, 12), max_size=10),
    shown=st.lists(st.integers(1, 12), max_size=4),
    article_pk=st.integers(1, 12),
    positions=st.lists(st.integers(1, 10), min_size=1, max_size=4),
)
def test_baca_juga_links_are_few_distinct_and_inside_a_long_enough_body(
    paragraph_counts, ranked, shown, article_pk, positions
):
    article = card(article_pk)
    links = baca_juga_links(article, [card(pk) for pk in ranked], [card(pk) for pk in shown], 2)
    assert len(links) <= 2
    assert len({link.pk for link in links}) == len(links)
    assert article_pk not in {link.pk for link in links}

    body = [
        SimpleNamespace(block_type="paragraph", value="".join(f"<p>{n}</p>" for n in range(c)))
        for c in paragraph_counts
    ]
    pieces = lay_out_body(body, auto_links=links, positions=tuple(positions))
    placed = [piece.value for piece in pieces if piece.kind == "baca_juga"]
    assert len(placed) <= 2 and len({link.pk for link in placed}) == len(placed)
    assert article_pk not in {link.pk for link in placed}
    paragraph_total = sum(paragraph_counts)
    seen = 0
    for index, piece in enumerate(pieces):
        if piece.kind == "html":
            seen += 1
        elif piece.kind == "baca_juga":
            assert seen in positions  # right after one of the configured paragraphs
            assert seen < paragraph_total  # more of the story follows
            assert pieces[index - 1].kind == "html"
    if paragraph_total <= min(positions):
        assert placed == []  # too short for any link


# URL normalisation for dedupe ----------------------------------------------------------------

TRACKING = ["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "ref", "igshid"]
name = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10)


@st.composite
def links(draw):
    host = ".".join(draw(st.lists(name, min_size=1, max_size=3))) + ".example"
    path = "/".join(draw(st.lists(name, max_size=4)))
    params = draw(
        st.lists(
            st.tuples(st.sampled_from("abcdxyz"), name), max_size=3, unique_by=lambda pair: pair[0]
        )
    )
    return host, path, params


@FEW
@given(links(), st.data())
def test_spellings_of_one_link_share_one_key(link, data):
    host, path, params = link
    canonical = normalize_url(
        f"https://{host}/{path}" + ("?" if params else "") + "&".join(f"{k}={v}" for k, v in params)
    )
    scheme = data.draw(st.sampled_from(["http", "https", "HTTPS"]))
    www = data.draw(st.sampled_from(["", "www.", "WWW."]))
    port = data.draw(st.sampled_from(["", ":80", ":443"]))
    slash = data.draw(st.sampled_from(["", "/"]))
    tracking = data.draw(st.lists(st.tuples(st.sampled_from(TRACKING), name), max_size=3))
    shuffled = data.draw(st.permutations(params + tracking))
    query = "&".join(f"{k}={v}" for k, v in shuffled)
    spelling = f"{scheme}://{www}{host.upper()}{port}/{path}{slash}" + (
        f"?{query}" if query else ""
    )
    key = normalize_url(spelling)
    assert key == canonical, spelling
    assert normalize_url(key) == key
    assert not any(t in key for t in TRACKING)
    assert not key.startswith(("http", "www.", "/")) and not key.split("?")[0].endswith("/")


@FEW
@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["berita.example", "WWW.Berita.Example", "127.0.0.1:8080", "xn--bcher-kva.ch"]),
    st.text(max_size=30),
    st.text(max_size=30),
)
def test_normalising_any_link_is_idempotent(scheme, host, path, query):
    once = normalize_url(f"{scheme}://{host}/{path}?{query}")
    assert normalize_url(once) == once
