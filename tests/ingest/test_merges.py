"""A merge needs agreement on the event, shows in the admin, and is undone in one action."""

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest import dedupe
from warta.ingest.models import ArticleSource, IngestedItem, MergedStory
from warta.ingest.runs import ingest_sources
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

CILIWUNG = (
    "Banjir rendam permukiman, ribuan warga mengungsi",
    "Hujan deras sejak Senin malam membuat banjir merendam permukiman warga di Kampung Melayu. "
    "Ketinggian air mencapai 1,5 meter dan ribuan warga mengungsi ke masjid, sekolah dan balai "
    "warga. Petugas BPBD mengerahkan perahu karet untuk mengevakuasi lansia dan anak-anak, "
    "sementara dapur umum didirikan untuk para pengungsi banjir.",
)
CILIWUNG_OTHER_WIRE = (
    "Ribuan warga mengungsi, banjir rendam permukiman",
    "Banjir merendam permukiman warga di Kampung Melayu setelah hujan deras sejak Senin malam. "
    "Air setinggi 1,5 meter memaksa ribuan warga mengungsi ke masjid, sekolah dan balai warga. "
    "BPBD mengerahkan perahu karet untuk mengevakuasi lansia dan anak-anak, dan dapur umum "
    "didirikan bagi pengungsi banjir.",
)
# The same words, another district: another flood, never to be merged with the first.
KEMBANGAN = (
    "Banjir rendam permukiman, ribuan warga mengungsi",
    "Hujan deras sejak Senin malam membuat banjir merendam permukiman warga di Kembangan. "
    "Ketinggian air mencapai 1,5 meter dan ribuan warga mengungsi ke masjid, sekolah dan balai "
    "warga. Petugas BPBD mengerahkan perahu karet untuk mengevakuasi lansia dan anak-anak, "
    "sementara dapur umum didirikan untuk para pengungsi banjir.",
)


def judge(first, second):
    return dedupe.same_story(
        dedupe.signature(dedupe.shingles(first)),
        dedupe.facts(first),
        dedupe.signature(dedupe.shingles(second)),
        dedupe.facts(second),
    )


def test_the_same_event_told_twice_is_one_story():
    assert judge(" ".join(CILIWUNG), " ".join(CILIWUNG_OTHER_WIRE))


def test_another_place_is_another_event():
    assert not judge(" ".join(CILIWUNG), " ".join(KEMBANGAN))


def test_other_figures_are_another_event():
    text = " ".join(CILIWUNG)
    assert not judge(
        text + " Sebanyak 1.240 warga mengungsi.", text + " Sebanyak 310 warga mengungsi."
    )
    assert judge(
        text + " Sebanyak 1.240 warga mengungsi.", text + " Ada 1.240 warga di pengungsian."
    )


def test_another_day_is_another_event():
    other = " ".join(CILIWUNG).replace("Senin malam", "Kamis malam")
    assert not judge(" ".join(CILIWUNG), other)
    dated = " ".join(CILIWUNG).replace("Senin malam", "Senin, 3 Maret, malam")
    assert not judge(dated, dated.replace("3 Maret", "10 Maret").replace("Senin", "Senin"))


def wires(feed_server, second_story):
    feed_server.routes["/a"] = Route(
        body=rss([rss_item(*CILIWUNG, guid="a1", link="https://a.example/1")]).encode()
    )
    feed_server.routes["/b"] = Route(
        body=rss([rss_item(*second_story, guid="b1", link="https://b.example/1")]).encode()
    )
    first = Source.objects.create(
        name="antara.example", feed_url=feed_server.url("/a"), auto_publish=True
    )
    second = Source.objects.create(
        name="kompas.example", feed_url=feed_server.url("/b"), auto_publish=True
    )
    make_site(sections=("Umum",))
    return first, second


def test_a_flood_elsewhere_from_another_wire_stays_its_own_article(feed_server):
    first, second = wires(feed_server, KEMBANGAN)
    ingest_sources([first, second])
    assert ArticlePage.objects.filter(title=KEMBANGAN[0]).count() == 2
    assert not ArticleSource.objects.exists()


def test_a_merge_shows_both_texts_and_is_undone_in_one_action(feed_server, admin_client):
    first, second = wires(feed_server, CILIWUNG_OTHER_WIRE)
    ingest_sources([first, second])
    kept = ArticlePage.objects.get()
    assert ArticleSource.objects.get(article=kept).source == second

    listing = admin_client.get("/admin/digabung/")
    assert f"Digabung dengan “{kept.title}”" in listing.content.decode()
    merged = MergedStory.objects.get()
    page = admin_client.get(f"/admin/digabung/{merged.pk}/").content.decode()
    assert "Digabung dengan" in page
    assert "Ketinggian air mencapai 1,5 meter" in page  # the article's own text
    assert "Air setinggi 1,5 meter" in page  # the merged story's text
    assert "antara.example" in page and "kompas.example" in page

    response = admin_client.post(f"/admin/digabung/{merged.pk}/")
    assert response.status_code == 302
    restored = ArticlePage.objects.get(title=CILIWUNG_OTHER_WIRE[0])
    assert (restored.source, restored.original_url) == (second, "https://b.example/1")
    assert restored.live
    assert not ArticleSource.objects.filter(article=kept).exists()
    assert not MergedStory.objects.exists()
    assert IngestedItem.objects.get(source=second).article_id == restored.pk

    # Read again, even after the restored article was deleted: never merged with it again.
    ingest_sources([second])
    assert ArticlePage.objects.count() == 2
    ArticlePage.objects.get(pk=restored.pk).delete()
    ingest_sources([second])
    assert ArticlePage.objects.count() == 2
    assert not ArticleSource.objects.exists()


def test_another_magnitude_is_another_quake():
    first = (
        "Gempa bumi bermagnitudo 5,6 mengguncang wilayah selatan Jawa Barat. Ratusan rumah rusak "
        "dan warga berhamburan ke luar rumah. BMKG menyebut gempa tidak berpotensi tsunami."
    )
    second = first.replace("5,6", "6,2")
    assert judge(first, first.replace("Ratusan rumah", "Banyak rumah"))
    assert not judge(first, second)


def test_a_titles_capitals_are_no_place():
    # Title, lead and body are one text: `ke Bali` must not become `bali terkumpul`.
    text = (
        "Rp300 Miliar Terkumpul dari Pungutan Wisatawan Asing ke Bali {} Pemerintah Provinsi Bali "
        "mengumpulkan Rp300 miliar dari pungutan wisatawan mancanegara sejak aturan berlaku. "
        "Setiap wisatawan asing membayar Rp150 ribu saat masuk Bali untuk budaya dan sampah."
    )
    assert judge(text.format("Sekitar"), text.format("Dana"))
