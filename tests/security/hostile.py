"""A site whose every editor-, feed- and reader-controlled field carries the XSS corpus."""

import json
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from taggit.models import Tag
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from PIL import Image

from tests.ingest.server import Route
from tests.news.factories import body_form_data, make_image, make_site
from warta.ingest.models import ArticleSource
from warta.ingest.runs import ingest_source
from warta.news.models import ArticlePage, HomePage, Reporter, SectionPage, Source

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "data" / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]
# `javascript:` as editors and feeds could spell it, for every field that holds a URL.
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
]
FOREIGN_HOST = "evil.example"
WORDS = [
    "banjir",
    "gempa",
    "pemilu",
    "panen",
    "harga",
    "saham",
    "kereta",
    "bandara",
    "sekolah",
    "rumah",
    "sakit",
    "pelabuhan",
    "nelayan",
    "petani",
    "pasar",
    "listrik",
    "jalan",
    "tol",
    "festival",
    "museum",
    "hutan",
    "sungai",
    "gunung",
    "pantai",
    "inflasi",
    "ekspor",
    "impor",
    "pajak",
    "anggaran",
    "vaksin",
    "olimpiade",
    "liga",
    "stadion",
]


def packed(payloads, limit):
    """Group payloads so that each group, joined by spaces, fits in `limit` characters."""
    groups, current = [], []
    for payload in payloads:
        payload = payload[:limit]
        if current and len(" ".join([*current, payload])) > limit:
            groups.append(current)
            current = []
        current.append(payload)
    if current:
        groups.append(current)
    return groups


BLOCK_TYPES = ("unstyled", "header-two", "header-three", "unordered-list-item", "ordered-list-item")


def contentstate(texts, link_urls):
    """Return Draftail's JSON as a (hand-crafted) POST sends it: typed text, then links."""
    blocks, entities = [], {}
    for index, text in enumerate(texts):
        blocks.append(
            {
                "key": f"t{index}",
                "type": BLOCK_TYPES[index % len(BLOCK_TYPES)],
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [{"offset": 0, "length": len(text), "style": "BOLD"}],
                "entityRanges": [],
                "data": {},
            }
        )
    for index, url in enumerate(link_urls):
        entities[str(index)] = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        blocks.append(
            {
                "key": f"l{index}",
                "type": "unstyled",
                "depth": 0,
                "text": "tautan",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 6, "key": index}],
                "data": {},
            }
        )
    return json.dumps({"blocks": blocks, "entityMap": entities})


def jpeg():
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


class HostileSite:
    """Build the site; `pages` lists the public paths that show the payloads."""

    def __init__(self):
        self.home, sections = make_site(sections=("Umum",))
        self.section = sections["Umum"]
        self.editor = get_user_model().objects.create_superuser(
            "redaktur-xss", "xss@example.com", "sandi-uji-xss"
        )
        self.client = Client()
        self.client.force_login(self.editor)
        self.pages = []

    def build(self, feed_server=None):
        self.hostile_section()
        self.hostile_home()
        groups = packed(PAYLOADS, 250)  # a title holds 255 characters
        names = packed(PAYLOADS, 120)  # a reporter's or a source's name holds 120
        self.reporters = [
            Reporter.objects.create(
                full_name=" ".join(name),
                slug=f"penulis-xss-{number}",
                initials=name[0][:12],
                bio="\n".join(name),
            )
            for number, name in enumerate(names)
        ]
        self.sources = [
            Source.objects.create(name=" ".join(name), home_url="https://sumber.example/")
            for name in names
        ]
        # One image for all: its renditions are made once, and its title carries the payloads.
        self.image = make_image(title=" ".join(PAYLOADS)[:255])
        add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", self.section.pk))
        form = self.client.get(add_url).content.decode()
        self.blank_form = querydict_from_html(form, form_id="page-edit-form")
        for number, group in enumerate(groups):
            self.pages.append(self.article(add_url, number, group))
        self.pages += [
            f"/tag/{slug}/" for slug in Tag.objects.order_by("pk").values_list("slug", flat=True)
        ]
        self.pages += [f"/penulis/{reporter.slug}/" for reporter in self.reporters]
        self.pages += ["/", self.section.url, "/bagian-xss/"]
        if feed_server is not None:
            self.pages += self.ingested(feed_server)
        self.pages += self.reader_urls()
        return self

    def hostile_section(self):
        self.home.add_child(
            instance=SectionPage(
                title=" ".join(PAYLOADS[:5])[:255],
                slug="bagian-xss",
                description="\n".join(PAYLOADS),
                seo_title=" ".join(PAYLOADS[5:10])[:255],
                search_description=" ".join(PAYLOADS[10:20]),
            )
        )

    def hostile_home(self):
        home = HomePage.objects.get(pk=self.home.pk)
        home.breaking_active = True
        home.breaking_text = " ".join(PAYLOADS[20:25])[:160]
        home.breaking_url = "https://berita.example/langsung"
        home.save_revision().publish()

    def article(self, add_url, number, group):
        """Write one article through the admin's form, as an editor would, and publish it."""
        text = " ".join(group)
        tags = [" ".join(tag) for tag in packed(group, 100)]
        image = self.image
        people = self.reporters[number :: len(self.reporters) // 2 or 1][:2] or [None]
        sources = self.sources[number :: len(self.sources) // 2 or 1][:2]
        data = self.blank_form.copy()
        data.update(
            {
                "title": text,
                "slug": f"artikel-xss-{number}",
                "seo_title": text,
                "search_description": text,
                "lead": text,
                "dateline": group[0][:80],
                "featured_image": str(image.pk),
                "featured_caption": text,
                "featured_credit": text[:200],
                "reporter": str(people[0].pk) if people[0] else "",
                "editor": str(people[-1].pk) if people[-1] else "",
                "source": str(sources[0].pk),
                "original_url": "https://sumber.example/asli",
                # An editor types tags, quoted to keep commas; taggit's syntax has no way to
                # write a double quote inside a tag (feed categories carry those).
                "tags": ", ".join('"{}"'.format(tag.replace('"', "'")) for tag in tags),
                "first_published_at": f"2024-07-04 {10 + number % 10}:{number % 60:02d}",
                "mark_significant": "on",
                "correction_note": text,
                "action-publish": "action-publish",
            }
        )
        blocks = [
            ("paragraph", contentstate(group, group + SCRIPT_URLS)),
            ("paragraph", rich_text("".join(f"<p>{escape(payload)}</p>" for payload in group))),
        ]
        for payload in group:
            blocks.append(
                ("image", {"image": str(image.pk), "caption": payload, "credit": payload[:200]})
            )
            blocks.append(("quote", {"text": payload, "attribution": payload[:200]}))
        blocks.append(("paragraph", contentstate(group, [])))
        data.update(body_form_data(blocks))
        response = self.client.post(add_url, data)
        assert response.status_code == 302, response.context["form"].errors
        article = ArticlePage.objects.get(slug=f"artikel-xss-{number}")
        for source in sources[1:]:
            ArticleSource.objects.create(
                article=article, source=source, original_url="https://sumber.example/lain"
            )
        return article.url

    def ingested(self, feed_server):
        """Publish feed items that carry the payloads in every element ingest reads."""
        feed_server.routes["/foto.jpg"] = Route(body=jpeg(), content_type="image/jpeg")
        items = []
        for number, group in enumerate(packed(PAYLOADS, 480)):
            # Words and figures of its own: near-duplicate detection must see a new story.
            story = " ".join(
                f"{WORDS[(number * 7 + k) % len(WORDS)]} {number * 97 + k}" for k in range(12)
            )
            text = " ".join(group)
            html = f"<p>{story}</p>" + "".join(f"<p>{payload}</p>" for payload in group)
            link = SCRIPT_URLS[number % len(SCRIPT_URLS)]
            items.append(
                "<item>"
                f"<title>{xml_escape(story[:60] + ' ' + text)}</title>"
                f"<link>{xml_escape(link)}</link>"
                f'<guid isPermaLink="false">xss-{number}</guid>'
                f"<description>{xml_escape(text)}</description>"
                f"<content:encoded>{xml_escape(html)}</content:encoded>"
                "<pubDate>Thu, 04 Jul 2024 14:53:00 GMT</pubDate>"
                + "".join(f"<category>{xml_escape(payload)}</category>" for payload in group)
                + f'<media:content url="{feed_server.url("/foto.jpg")}" medium="image" '
                f'type="image/jpeg"><media:credit>{xml_escape(text)}</media:credit>'
                f"<media:description>{xml_escape(text)}</media:description></media:content>"
                "</item>"
            )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
            f"<title>{xml_escape(PAYLOADS[0])}</title><link>https://wire.example/</link>"
            f"<description>Wire</description>{''.join(items)}</channel></rss>"
        )
        feed_server.routes["/xss.rss"] = Route(body=feed.encode())
        source = Source.objects.create(
            name="Kantor berita uji",
            feed_url=feed_server.url("/xss.rss"),
            section=self.section,
            auto_publish=True,
        )
        summary = ingest_source(source)
        assert summary.new == len(items), summary
        return [
            article.url
            for article in ArticlePage.objects.live().filter(source=source).order_by("pk")
        ]

    def reader_urls(self):
        """Search queries and URL parameters a reader (or a link sent to one) controls."""
        from urllib.parse import urlencode

        urls = ["/cari/?" + urlencode({"q": " ".join(group)}) for group in packed(PAYLOADS, 190)]
        urls.append("/cari/?" + urlencode({"q": "alert klik", "kategori": PAYLOADS[0]}))
        urls.append("/cari/?" + urlencode({"q": "alert", "dari": PAYLOADS[10], "page": "2"}))
        params = {f"x{index}": payload for index, payload in enumerate(PAYLOADS[:40])}
        urls.append("/?" + urlencode(params))
        urls.append(self.pages[0] + "?" + urlencode(params))
        urls.append(self.section.url + "?" + urlencode({"utm_source": PAYLOADS[11]}))
        return urls
