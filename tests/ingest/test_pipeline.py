"""Feeds become attributed drafts, once, whatever the feed's format or encoding."""

import gzip
from io import BytesIO

import pytest
from PIL import Image

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.models import ArticleSource, FeedStatus, IngestedItem
from warta.ingest.runs import ingest_source, ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

QUAKE = (
    "Gempa magnitudo 5,6 guncang Cianjur",
    "Gempa bumi bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Selasa pagi pukul "
    "06.12 WIB. BMKG menyebut pusat gempa berada 10 kilometer barat daya Cianjur pada kedalaman "
    "11 kilometer. BPBD mencatat 12 rumah warga rusak ringan dan dua orang luka-luka.",
)
QUAKE_OTHER_WIRE = (
    "BMKG: Gempa M5,6 di Cianjur tidak berpotensi tsunami",
    "Guncangan gempa bermagnitudo 5,6 dirasakan warga Cianjur, Jawa Barat, pada Selasa pukul "
    "06.12 WIB. Menurut BMKG episenter terletak di darat 10 kilometer barat daya Cianjur dengan "
    "kedalaman 11 kilometer. Badan Penanggulangan Bencana Daerah melaporkan dua warga luka dan "
    "12 rumah rusak.",
)
QUAKE_GARUT = (
    "Gempa magnitudo 6,2 guncang Garut, warga berhamburan",
    "Gempa bumi bermagnitudo 6,2 mengguncang Kabupaten Garut, Jawa Barat, Sabtu malam pukul "
    "23.21 WIB. BMKG mencatat pusat gempa di laut 151 kilometer barat daya Garut pada kedalaman "
    "10 kilometer. Warga berhamburan keluar rumah dan sejumlah bangunan retak.",
)


def jpeg(width=64, height=48):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def make_source(server, path, name="Wire", **fields):
    return Source.objects.create(name=name, feed_url=server.url(path), **fields)


@pytest.fixture
def sections(db):
    return make_site(sections=("Umum", "Internasional"))[1]


def test_rss_item_becomes_an_attributed_draft(feed_server, sections):
    feed_server.routes["/foto.jpg"] = Route(body=jpeg(), content_type="image/jpeg")
    content = (
        "<p>Paragraf <b>pertama</b> dengan <a href='/berita/lain'>tautan relatif</a>.</p>"
        "<h2>Subjudul</h2><ul><li>satu</li></ul><blockquote>Kutipan.</blockquote>"
    )
    feed_server.routes["/rss"] = Route(
        body=rss(
            [
                rss_item(
                    *QUAKE,
                    guid="quake-1",
                    link="https://www.wire.example/quake?utm_source=rss",
                    categories=["Gempa", "Jawa Barat"],
                    content=content,
                    image=feed_server.url("/foto.jpg"),
                    credit="Antara/Budi",
                )
            ],
            link=feed_server.url("/"),
        ).encode()
    )
    source = make_source(feed_server, "/rss", section=sections["Internasional"])

    summary = ingest_source(source)

    assert (summary.new, summary.duplicate, summary.failed) == (1, 0, 0), summary.error
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.get_parent().specific == sections["Internasional"]
    assert article.title == QUAKE[0]
    assert article.lead.startswith("Gempa bumi bermagnitudo 5,6")
    assert article.source == source
    assert article.original_url == "https://www.wire.example/quake?utm_source=rss"
    assert article.first_published_at.isoformat() == "2024-07-04T14:53:00+00:00"
    assert sorted(tag.name for tag in article.tags.all()) == ["Gempa", "Jawa Barat"]
    assert article.featured_image is not None and article.featured_credit == "Antara/Budi"
    body = article.body[0].value.source
    assert "<b>pertama</b>" in body and "<h2>Subjudul</h2>" in body
    assert f'href="{feed_server.url("/berita/lain")}"' in body
    assert FeedStatus.objects.get(source=source).outcome == "ok"

    again = ingest_source(source)
    assert (again.new, again.duplicate) == (0, 1)
    assert ArticlePage.objects.count() == 1


def test_auto_publish_source_publishes(feed_server, sections):
    feed_server.routes["/rss"] = Route(body=rss([rss_item(*QUAKE, guid="q")]).encode())
    source = make_source(feed_server, "/rss", auto_publish=True)
    ingest_source(source)
    article = ArticlePage.objects.get()
    assert article.live
    assert article.first_published_at.year == 2024


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}">
  <title>Atom wire</title><id>urn:wire</id><updated>2024-07-04T10:00:00Z</updated>
  <entry><title type="html">Banjir &lt;em&gt;Demak&lt;/em&gt;</title><id>urn:demak</id>
    <link href="/demak"/><updated>2024-07-04T10:00:00Z</updated>
    <category term="Banjir"/>
    <summary>Banjir merendam 1.200 rumah di Demak.</summary>
    <content type="html">&lt;p&gt;Banjir merendam 1.200 rumah.
      &lt;a href="peta"&gt;Peta&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
</feed>"""

RDF = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wire.example/"><title>RDF wire</title><link>https://wire.example/</link>
    <description>d</description></channel>
  <item rdf:about="https://wire.example/rdf-1"><title>Harga beras naik</title>
    <link>https://wire.example/rdf-1</link>
    <description>Harga beras medium naik jadi Rp13.500.</description>
    <dc:date>2024-07-03T08:00:00Z</dc:date><dc:subject>Ekonomi</dc:subject></item>
</rdf:RDF>"""


def test_atom_with_relative_links(feed_server, sections):
    feed_server.routes["/atom"] = Route(
        body=ATOM.format(base=feed_server.url("/news/")).encode(),
        content_type="application/atom+xml",
    )
    ingest_source(make_source(feed_server, "/atom"))
    article = ArticlePage.objects.get()
    assert article.title == "Banjir Demak"
    assert article.original_url == feed_server.url("/demak")
    assert f'href="{feed_server.url("/news/peta")}"' in article.body[0].value.source
    assert [tag.name for tag in article.tags.all()] == ["Banjir"]


def test_rss_1_0(feed_server, sections):
    feed_server.routes["/rdf"] = Route(body=RDF.encode(), content_type="application/rdf+xml")
    ingest_source(make_source(feed_server, "/rdf"))
    article = ArticlePage.objects.get()
    assert article.title == "Harga beras naik"
    assert article.first_published_at.isoformat() == "2024-07-03T08:00:00+00:00"
    assert [tag.name for tag in article.tags.all()] == ["Ekonomi"]


@pytest.mark.parametrize(
    ("encoding", "content_type"),
    [
        ("windows-1252", "application/rss+xml"),
        ("utf-16", "text/xml"),
        ("utf-8", "application/xml; charset=utf-8"),
    ],
)
def test_encodings(feed_server, sections, encoding, content_type):
    title = "Café “Grüße” – naïve résumé"
    document = rss([rss_item(title, "Teks berita.", guid="enc")], encoding=encoding)
    data = document.encode(encoding)  # Python's utf-16 codec writes the BOM
    if encoding == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    feed_server.routes["/feed"] = Route(body=data, content_type=content_type)
    summary = ingest_source(make_source(feed_server, "/feed"))
    assert summary.new == 1, summary.error
    assert ArticlePage.objects.get().title == title


def test_real_world_quirks(feed_server, sections):
    """No GUID, no date, a title with entities, an item without a title, a bare-text body."""
    items = [
        "<item><title>Harga &amp;amp; pasokan</title><link>https://wire.example/a</link>"
        "<description>Baris satu.&lt;br&gt;&lt;br&gt;Baris dua.</description></item>",
        "<item><link>https://wire.example/b</link><description>Tanpa judul: kabar singkat"
        " dari daerah.</description></item>",
    ]
    feed_server.routes["/rss"] = Route(body=rss(items).encode())
    summary = ingest_source(make_source(feed_server, "/rss"))
    assert summary.new == 2, summary.error
    titles = set(ArticlePage.objects.values_list("title", flat=True))
    assert "Harga &amp; pasokan" in titles or "Harga & pasokan" in titles
    assert any(title.startswith("Tanpa judul") for title in titles)
    first = ArticlePage.objects.get(original_url="https://wire.example/a")
    assert first.body[0].value.source == "<p>Baris satu.</p><p>Baris dua.</p>"
    assert first.first_published_at is None


def test_changing_guids_and_tracking_urls_create_no_duplicates(feed_server, sections):
    runs = iter(range(100))

    def fresh_guid():
        number = next(runs)
        return Route(
            body=rss(
                [
                    rss_item(
                        *QUAKE,
                        guid=f"random-{number}",
                        link=f"http://wire.example/quake/?utm_campaign={number}",
                    )
                ]
            ).encode()
        )

    feed_server.routes["/rss"] = fresh_guid
    source = make_source(feed_server, "/rss")
    outcomes = [ingest_source(source) for _ in range(3)]
    assert [(s.new, s.duplicate) for s in outcomes] == [(1, 0), (0, 1), (0, 1)]
    assert ArticlePage.objects.count() == 1


def test_changed_item_updates_the_draft(feed_server, sections):
    feed_server.routes["/rss"] = Route(body=rss([rss_item(*QUAKE, guid="q")]).encode())
    source = make_source(feed_server, "/rss")
    ingest_source(source)
    feed_server.routes["/rss"] = Route(
        body=rss([rss_item(QUAKE[0] + " (diperbarui)", QUAKE[1], guid="q")]).encode()
    )
    summary = ingest_source(source)
    assert (summary.new, summary.updated) == (0, 1)
    article = ArticlePage.objects.get()
    assert article.get_latest_revision_as_object().title.endswith("(diperbarui)")


@pytest.mark.page_cache  # the second read must not be the first one's cached copy
def test_near_duplicate_from_another_wire_adds_its_source(
    feed_server, sections, client, django_capture_on_commit_callbacks
):
    feed_server.routes["/a"] = Route(
        body=rss([rss_item(*QUAKE, guid="a1", link="https://a.example/1")]).encode()
    )
    feed_server.routes["/b"] = Route(
        body=rss(
            [
                rss_item(*QUAKE_OTHER_WIRE, guid="b1", link="https://b.example/1"),
                rss_item(*QUAKE_GARUT, guid="b2", link="https://b.example/2"),
            ]
        ).encode()
    )
    first = make_source(feed_server, "/a", name="antara.example", auto_publish=True)
    second = make_source(feed_server, "/b", name="kompas.example", auto_publish=True)
    assert ingest_sources([first])[0].new == 1
    cianjur = ArticlePage.objects.get(title=QUAKE[0])
    before = sources_line(client, cianjur)  # the page is now in the page cache
    assert "antara.example" in before and "kompas.example" not in before

    with django_capture_on_commit_callbacks(execute=True):
        summary = ingest_sources([second])[0]
    assert (summary.new, summary.duplicate) == (1, 1)
    assert ArticlePage.objects.filter(title=QUAKE_GARUT[0]).exists()
    extra = ArticleSource.objects.get(article=cianjur)
    assert (extra.source, extra.original_url) == (second, "https://b.example/1")
    assert IngestedItem.objects.filter(source=second).count() == 2
    assert sources_line(client, cianjur) == "Sumber Berita : antara.example, kompas.example"


def sources_line(client, article):
    from tests.news.pagetext import parse

    line = parse(client.get(article.url)).find_class("article__source")[0]
    return " ".join(line.text_content().split()).replace(" ,", ",")


def test_crash_mid_item_leaves_nothing_half_written(feed_server, sections, monkeypatch):
    feed_server.routes["/rss"] = Route(
        body=rss([rss_item(*QUAKE, guid="q1"), rss_item(*QUAKE_GARUT, guid="q2")]).encode()
    )
    source = make_source(feed_server, "/rss")
    from warta.ingest import dedupe

    real_index = dedupe.index_article
    calls = []

    def crash_on_second(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real_index(*args)

    monkeypatch.setattr(dedupe, "index_article", crash_on_second)
    summary = ingest_source(source)
    assert (summary.new, summary.failed) == (1, 1)
    assert "power cut" in FeedStatus.objects.get(source=source).last_error
    assert ArticlePage.objects.count() == 1
    assert IngestedItem.objects.count() == 1

    monkeypatch.setattr(dedupe, "index_article", real_index)
    summary = ingest_source(source)
    assert (summary.new, summary.duplicate, summary.failed) == (1, 1, 0)
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == sorted(
        [QUAKE[0], QUAKE_GARUT[0]]
    )


def test_gzip_encoded_feed_is_read(feed_server, sections):
    body = gzip.compress(rss([rss_item(*QUAKE, guid="gz")]).encode())
    feed_server.routes["/rss"] = Route(body=body, headers={"Content-Encoding": "gzip"})
    assert ingest_source(make_source(feed_server, "/rss")).new == 1


def png(width, height):
    buffer = BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (png(9000, 5000), "image/png"),  # 45 megapixels: over the limit, yet a small file
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image/jpeg"),
        (b"GIF89a not really", "image/gif"),
        (b"<html>a page</html>", "text/html"),
    ],
)
def test_unusable_image_leaves_the_article_without_one(feed_server, sections, body, content_type):
    feed_server.routes["/img"] = Route(body=body, content_type=content_type)
    feed_server.routes["/rss"] = Route(
        body=rss([rss_item(*QUAKE, guid="img", image=feed_server.url("/img"))]).encode()
    )
    from wagtail.images import get_image_model

    summary = ingest_source(make_source(feed_server, "/rss"))
    assert (summary.new, summary.failed) == (1, 0)
    article = ArticlePage.objects.get()
    assert article.featured_image is None and article.featured_credit == ""
    assert not get_image_model().objects.exists()
