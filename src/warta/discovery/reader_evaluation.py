"""Measure what readers see: the lists an article page renders on a site filled by ingest.

The labelled set's stories are served as RSS feeds from a local HTTP server, one feed per wire
and section, and read by the real ingest path, one story at a time in publication order, as a
newsroom's site fills. Duplicates (the same event told by another wire) should merge; the
rest, including the labelled pairs of different events of one kind, must stay apart. Then each
article page and the search page are rendered and their HTML parsed: Baca Juga links and
Berita Terkait as shown (after pins, fillers and ordering), not the stored ranking. The figures
are taken once on the young site (the first YOUNG_SITE articles) and once on the full set.
Everything happens in a transaction that is rolled back.
"""

import http.server
import threading
from datetime import timedelta
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.http import http_date

from wagtail.models import Page, Site

from lxml import html as lxml_html

from warta.discovery.evaluation import DEFAULT_SET, SEARCH_DEPTH, load_set, ndcg
from warta.news.models import ArticlePage, HomePage, SectionPage, Source

YOUNG_SITE = 30
RELATED_DEPTH = 5
FEED_LENGTH = 10  # items a wire's feed carries, newest first
WIRES = ("antara.example", "kompas.example", "tempo.example", "detik.example", "tass.example")
HOST = "evaluasi.warta.test"


class _Rollback(Exception):
    """Raised to undo the evaluation's site once measured."""


class FeedServer:
    """Serve {path: bytes} as RSS on 127.0.0.1, in a thread, for the time of a `with`."""

    def __init__(self):
        self.feeds = {}
        feeds = self.feeds

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = feeds.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path):
        return f"http://{self.host}{path}"


def rss_item(story, published):
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in story["paragraphs"])
    categories = "".join(f"<category>{escape(tag)}</category>" for tag in story.get("tags", []))
    return (
        f"<item><title>{escape(story['title'])}</title>"
        f"<link>https://{story['wire']}/berita/{story['id']}</link>"
        f'<guid isPermaLink="false">{escape(story["id"])}</guid>'
        f"<description>{escape(story['lead'])}</description>"
        f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>"
        f"<pubDate>{http_date(published.timestamp())}</pubDate>{categories}</item>"
    )


def rss(items):
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Wire</title><link>https://wire.example/</link><description>Evaluasi</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def stories_in_order(data):
    """Return the set's stories (articles and duplicates) oldest first, each with its wire.

    The articles take the wires in turn; a duplicate comes from the wire after its original's.
    """
    stories, wire_of, originals = [], {}, {}
    for number, item in enumerate(data["articles"]):
        wire = item.get("wire") or WIRES[number % len(WIRES)]
        wire_of[item["id"]] = number % len(WIRES)
        originals[item["id"]] = item
        stories.append(dict(item, wire=wire))
    for item in data.get("duplicates", []):
        original = originals[item["duplicate_of"]]
        wire = WIRES[(wire_of[original["id"]] + 1) % len(WIRES)]
        stories.append(
            dict(item, wire=wire, section=original["section"], tags=original.get("tags", []))
        )
    # Oldest first; a duplicate comes right after its original when their ages are equal.
    return sorted(stories, key=lambda story: (-story["age_days"], "duplicate_of" in story))


class Site_:
    """The evaluation site: its home, sections, wires, feeds and what ingest made of them."""

    def __init__(self, server, data):
        root = Page.get_first_root_node()
        self.home = root.add_child(instance=HomePage(title="Evaluasi", slug="evaluasi-pembaca"))
        Site.objects.create(hostname=HOST, port=80, root_page=self.home)
        self.server = server
        self.sections, self.sources, self.items = {}, {}, {}
        self.topics = {}
        for item in data["articles"]:
            self.topics[item["id"]] = item["topic"]
        self.published = []  # set ids of stories fed so far

    def source(self, wire, section_name):
        key = (wire, section_name)
        if key not in self.sources:
            if section_name not in self.sections:
                slug = section_name.lower().replace(" ", "-")
                section = self.home.add_child(instance=SectionPage(title=section_name, slug=slug))
                self.sections[section_name] = section
            path = f"/{wire}/{quote(section_name.lower())}.xml"
            self.sources[key] = Source.objects.create(
                name=f"{wire} {section_name}",
                feed_url=self.server.url(path),
                section=self.sections[section_name],
                auto_publish=True,
            )
            self.items[key] = []
        return self.sources[key]

    def feed(self, story, published):
        """Put a story at the top of its wire's feed and let ingest read that feed."""
        from warta.ingest.runs import ingest_source

        source = self.source(story["wire"], story["section"])
        key = (story["wire"], story["section"])
        self.items[key].insert(0, rss_item(story, published))
        path = urlsplit(source.feed_url).path
        self.server.feeds[path] = rss(self.items[key][:FEED_LENGTH])
        ingest_source(source)
        self.published.append(story["id"])


def article_of():
    """Return {set id: article id} of every story ingest has taken in."""
    from warta.ingest.models import IngestedItem

    return dict(IngestedItem.objects.values_list("guid", "article_id"))


def render(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: the page must render.")
    return lxml_html.fromstring(response.content.decode())


def shown_ids(links, by_path):
    found = []
    for href in links:
        pk = by_path.get(urlsplit(href).path)
        if pk is not None and pk not in found:
            found.append(pk)
    return found


def measure(client, data, site, originals):
    """Return the reader-facing figures on the articles fed so far."""
    owner = article_of()
    present = [key for key in site.published if key in originals]
    pages = {}
    for key in present:
        pages.setdefault(owner[key], key)  # an article stands for the first story it holds
    by_path = {
        urlsplit(page.url).path: page.pk
        for page in ArticlePage.objects.live().filter(pk__in=list(pages)).specific()
        if page.url
    }
    topic_of_page = {pk: site.topics[key] for pk, key in pages.items()}
    topic_sizes = {}
    for topic in topic_of_page.values():
        topic_sizes[topic] = topic_sizes.get(topic, 0) + 1
    related_scores, link_scores, shown = [], [], []
    for path, pk in by_path.items():
        page = render(client, path)
        topic = topic_of_page[pk]
        links = shown_ids(page.xpath("//p[@class='baca-juga']/a/@href"), by_path)
        related = shown_ids(
            page.xpath("//section[contains(@class,'news-list--related')]//a/@href"), by_path
        )
        available = topic_sizes[topic] - 1
        paragraphs = page.xpath("//div[@class='article__body']/p[not(@class='baca-juga')]")
        room = len(paragraphs) > min(django_settings.WARTA_BACA_JUGA_AFTER)  # else no links
        if links or (available and room):
            link_scores.append(1.0 if links and topic_of_page[links[0]] == topic else 0.0)
        left = available - sum(1 for other in links if topic_of_page[other] == topic)
        top = related[:RELATED_DEPTH]
        shown.append((pages[pk], [pages[o] for o in links], [pages[o] for o in top]))
        depth = min(RELATED_DEPTH, max(len(top), left))
        if depth:
            hits = sum(1 for other in top if topic_of_page[other] == topic)
            related_scores.append(hits / depth)
    search_scores = []
    present_set = set(present)
    for item in data["queries"]:
        relevant = {key: grade for key, grade in item["relevant"].items() if key in present_set}
        if not relevant:
            continue
        page = render(client, f"/cari/?q={quote(item['query'])}")
        found = shown_ids(page.xpath("//main//a/@href"), by_path)
        ranked = [pages.get(pk) for pk in found[:SEARCH_DEPTH]]
        search_scores.append((item["query"], ndcg(ranked, relevant)))
    return {
        "articles": len(by_path),
        "berita_terkait_precision@5": mean(related_scores),
        "baca_juga_precision@1": mean(link_scores),
        "search_ndcg@10": mean(score for _, score in search_scores),
        **merges(data, site, owner),
        "queries": search_scores,
        "pages": shown,
    }


def merges(data, site, owner):
    fed = set(site.published)
    duplicates = [item for item in data.get("duplicates", []) if item["id"] in fed]
    merged = sum(1 for item in duplicates if owner.get(item["id"]) == owner[item["duplicate_of"]])
    originals = [item["id"] for item in data["articles"] if item["id"] in fed]
    holders = {}
    for key in originals:
        holders.setdefault(owner[key], []).append(key)
    pairs = [pair for pair in data.get("different_events", []) if set(pair) <= fed]
    return {
        "missed_duplicates": [
            item["id"]
            for item in duplicates
            if owner.get(item["id"]) != owner[item["duplicate_of"]]
        ],
        "merged_away": [keys for keys in holders.values() if len(keys) > 1],
        "duplicates": len(duplicates),
        "duplicate_recall": merged / len(duplicates) if duplicates else 1.0,
        "false_merges": sum(len(keys) - 1 for keys in holders.values()),
        "different_event_pairs": len(pairs),
        "different_events_merged": sum(1 for a, b in pairs if owner[a] == owner[b]),
    }


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 1.0


def evaluate_reader(path=DEFAULT_SET, background=True, young=YOUNG_SITE):
    """Fill a site through ingest, incrementally; return the young and full site's figures."""
    data = load_set(path)
    originals = {item["id"] for item in data["articles"]}
    outcome = {}
    start = timezone.now() - timedelta(days=max(item["age_days"] for item in data["articles"]) + 1)
    stories = stories_in_order(data)
    with FeedServer() as server:
        settings = {
            "WARTA_INGEST_ALLOW_HOSTS": [server.host],
            "WARTA_RELATED_BACKGROUND": background,
            "ALLOWED_HOSTS": [HOST],
            "SECURE_SSL_REDIRECT": False,
            "WARTA_PAGE_CACHE": False,  # each page as rendered now, not as first stored
        }
        with override_settings(**settings):
            client = Client()
            try:
                with transaction.atomic():
                    site = Site_(server, data)
                    created = 0
                    for number, story in enumerate(stories):
                        published = start + timedelta(minutes=10 * number)
                        site.feed(story, published)
                        created += story["id"] in originals
                        if created == young and "young" not in outcome:
                            outcome["young"] = measure(client, data, site, originals)
                    outcome["full"] = measure(client, data, site, originals)
                    raise _Rollback
            except _Rollback:
                pass
    outcome["background"] = background
    return outcome
