"""The XSS corpus, in every field an editor, a feed or a reader controls, never runs."""

import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib
import pytest

from tests.ingest.server import FeedServer
from tests.security.hostile import FOREIGN_HOST, PAYLOADS, HostileSite
from warta.news.models import ArticlePage

XHTML = "{http://www.w3.org/1999/xhtml}"
# Elements that no payload may add to a page: Warta's templates hold none of them.
FOREIGN_ELEMENTS = {
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "svg",
    "math",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    settings.WARTA_PAGE_CACHE = False


@pytest.fixture
def feed_server(settings):
    with FeedServer() as server:
        settings.WARTA_INGEST_ALLOW_HOSTS = [server.host]
        yield server


def test_the_corpus_is_broad():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    for family in ("<script", "onerror=", "javascript:", "<svg", "data:", '">', "{{", "{%", "${"):
        assert any(family.lower() in payload.lower() for payload in PAYLOADS), family


def script_scheme(value):
    """Tell whether a URL attribute would run script, as browsers read it (tabs, case)."""
    squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
    return squeezed.startswith(SCRIPT_SCHEMES)


def injected(document):
    """Return what in a parsed page could run script or load from another host."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1]
        attributes = {name.rsplit("}", 1)[-1].lower(): value for name, value in element.items()}
        if tag in FOREIGN_ELEMENTS:
            found.append(f"<{tag}>")
        if tag == "script":
            if attributes.get("type") == "application/ld+json":
                json.loads(element.text or "")
            elif element.text or not attributes.get("src", "").startswith("/static/"):
                found.append(f"<script>{(element.text or '')[:60]}")
        if tag == "meta" and "http-equiv" in attributes:
            found.append("<meta http-equiv>")
        if FOREIGN_HOST in (element.text or "") and tag == "style":
            found.append(f"<style> from {FOREIGN_HOST}")
        for name, value in attributes.items():
            if name.startswith("on") or name in ("srcdoc", "data-xss"):
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and script_scheme(value):
                found.append(f"<{tag} {name}={value[:40]!r}>")
            loads = name in ("src", "srcset", "poster", "data") or (tag, name) == ("link", "href")
            if loads and FOREIGN_HOST in value:
                found.append(f"<{tag} {name}> from {FOREIGN_HOST}")
    return found


@pytest.mark.django_db
def test_every_page_and_feed_escapes_the_corpus(client, feed_server):
    site = HostileSite().build(feed_server)
    assert len(site.pages) > 60
    for url in site.pages:
        response = client.get(url)
        assert response.status_code == 200, url
        document = html5lib.parse(response.content, namespaceHTMLElements=True)
        assert injected(document) == [], url

    article = ArticlePage.objects.live().get(slug="artikel-xss-0")
    feeds = ["/feed/", "/feed/atom/", "/umum/feed/", "/bagian-xss/feed/"]
    feeds += [f"/tag/{tag.slug}/feed/" for tag in article.tags.all()]
    feeds += [f"/penulis/{article.reporter.slug}/feed/", "/sitemap-news.xml"]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        tree = ElementTree.fromstring(body)  # well-formed whatever the text
        # An item's description and content are HTML to feed readers; the rest is text.
        items = [e for e in tree.iter() if e.tag.rsplit("}", 1)[-1] in ("item", "entry")]
        for element in (child for item in items for child in item):
            name = element.tag.rsplit("}", 1)[-1]
            html = name in ("description", "encoded", "content", "summary")
            if html and element.get("type") != "plain" and element.text:
                fragment = html5lib.parseFragment(element.text, namespaceHTMLElements=True)
                assert injected(fragment) == [], (url, element.text[:200])
    rss = ElementTree.fromstring(client.get("/feed/").content)
    titles = {item.findtext("title") for item in rss.iter("item")}
    assert article.title in titles  # the payloads come back as the text the editor wrote


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_nothing_runs_in_chromium(chromium, live_server, feed_server):
    site = HostileSite().build(feed_server)
    ran, foreign, problems = [], [], []
    context = chromium.new_context()
    context.expose_binding("__xss", lambda source, *args: ran.append((source["page"].url, args)))

    def only_the_site(route):
        if urlsplit(route.request.url).netloc == urlsplit(live_server.url).netloc:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: (ran.append((page.url, dialog.message)), dialog.dismiss()))
    for url in site.pages:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_timeout(20)  # autofocus, animation and timer handlers fire after load
        found = page.evaluate(INJECTED_JS, FOREIGN_HOST)
        if found or page.title() == "XSS-PWNED":
            problems.append((url, found, page.title()))
    context.close()
    assert ran == []
    assert foreign == []
    assert problems == []


INJECTED_JS = """(foreignHost) => {
  const found = [];
  const foreign = new Set(["IFRAME", "OBJECT", "EMBED", "FRAME", "FRAMESET", "APPLET", "BASE",
                           "svg", "math"]);
  const urls = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster"]);
  for (const el of document.querySelectorAll("*")) {
    if (foreign.has(el.tagName)) found.push("<" + el.tagName + ">");
    if (el.tagName === "SCRIPT") {
      if (el.type === "application/ld+json") JSON.parse(el.textContent);
      else if (el.textContent || new URL(el.src).origin !== location.origin)
        found.push("<script>" + el.textContent.slice(0, 60));
    }
    if (el.tagName === "META" && el.hasAttribute("http-equiv")) found.push("<meta http-equiv>");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "data-xss")
        found.push("<" + el.tagName + " " + name + ">");
      if (urls.has(name)) {
        let protocol = "";
        try { protocol = new URL(attr.value, document.baseURI).protocol; } catch (e) {}
        if (["javascript:", "vbscript:"].includes(protocol) ||
            /^data:text\\/html/i.test(attr.value.replace(/[\\x00-\\x20]/g, "")))
          found.push("<" + el.tagName + " " + name + "=" + attr.value.slice(0, 40) + ">");
      }
    }
  }
  if (document.baseURI.indexOf(location.origin) !== 0) found.push("base URI moved");
  if (document.body.innerHTML.includes("<" + "script>alert")) found.push("raw script in DOM");
  return found;
}"""


@pytest.mark.django_db
def test_a_tag_of_symbols_alone_gets_an_archive_and_its_article_is_purged(client, settings):
    from taggit.models import Tag

    from tests.news.factories import make_article, make_site
    from warta.delivery import dependents

    settings.WARTA_PAGE_CACHE = True
    _home, sections = make_site(sections=("Umum",))
    article = make_article(sections["Umum"], title="Berita simbol", tags=["{{ }}", "<%= %>"])
    slugs = sorted(Tag.objects.values_list("slug", flat=True))
    assert all(slugs) and len(set(slugs)) == 2
    for slug in slugs:
        response = client.get(f"/tag/{slug}/")
        assert response.status_code == 200
        assert "Berita simbol" in response.content.decode()
        # Publishing purges the tag's archive: its URL must exist (an empty slug had none).
        assert any(url.endswith(f"/tag/{slug}/") for url in dependents.article_urls(article))
