"""The seed's article page, part by part, in the seed's order (warta.demo.content.SEED)."""

from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from tests.news.pagetext import assert_in_order, parse, visible_text
from tests.news.test_queries import REPEAT_VIEW_QUERIES
from warta.demo.content import SEED
from warta.demo.loader import load_demo
from warta.news.models import ArticlePage

RELATED_WITH_TIMES = [
    ("Kamis, 13 Maret 2025 - 07:41 WIB", "Ukraina Terima Gencatan Senjata 30 hari dengan Rusia"),
    ("Kamis, 13 Maret 2025 - 07:20 WIB", "Pasukan Rusia Tangkap 430 Tentara Ukraina di Kursk"),
    (
        "Rabu, 12 Maret 2025 - 05:56 WIB",
        "Houthi akan melanjutkan serangan terhadap kapal-kapal yang terkait dengan Israel",
    ),
    (
        "Kamis, 6 Maret 2025 - 16:23 WIB",
        "Gencatan senjata Gaza selesai, AS jalin dialog langsung dengan Hamas",
    ),
    (
        "Minggu, 2 Maret 2025 - 20:41 WIB",
        "Paus Fransiskus Tulis Surat di Tengah Sakit, Titip Pesan Damai ke Palestina",
    ),
]
SEED_LISTS = [title for _, title in RELATED_WITH_TIMES] + [
    "Zelensky terpilih, Putin menang hasil utama pertemuan di Gedung Putih",
    "Pesawat Presiden Ukraina Zelenskyy mendarat di Inggris setelah berselisih dengan Trump",
    "Presiden Ukraina Zelenskyy menolak meminta maaf setelah berdebat dengan Trump",
]


class SeedArticlePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(site_name="Mercinews.com")
        cls.article = ArticlePage.objects.get(slug=SEED.slug)

    def setUp(self):
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.page = parse(response)
        self.main = self.page.get_element_by_id("isi")
        self.text = visible_text(self.main)

    def test_seed_page_stays_within_budget(self):
        """Wire source, stored related lists, editor's Baca Juga links: on a repeat view."""
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.article.url)  # setUp viewed it once
        self.assertContains(response, "Sumber Berita : ")
        self.assertEqual(len(queries), REPEAT_VIEW_QUERIES)

    def test_the_ten_parts_appear_in_the_seeds_order(self):
        assert_in_order(
            self.text,
            [
                "Putin menyebut Taliban sekutu Rusia dalam perang melawan terorisme",
                "Kamis, 4 Juli 2024 - 21:53 WIB",
                "Facebook X WhatsApp Telegram LINE",
                "Menteri Luar Negeri Federasi Rusia Sergei Lavrov dan perwakilan Taliban. "
                "Foto: Kementerian Luar Negeri Rusia",
                "Astana, Mercinews.com – Taliban menguasai kekuasaan di Afghanistan",
                "Presiden Rusia Vladimir Putin",
                "Baca Juga: Dinas Rahasia AS melenyapkan penembak Donald Trump",
                "Dia menyatakan keyakinannya",
                "Baca Juga: 26 negara dukung rencana Tiongkok dan Brasil untuk mengakhiri perang "
                "di Ukraina",
                "Beginilah cara dia menjawab",
                "(m/ci)",
                "Sumber Berita : interfax.ru",
                "Berita Terkait",
                *[f"{when} {title}" for when, title in RELATED_WITH_TIMES],
                "Berita Terbaru",
                "Umum Sekjen Partai Aceh Abu Razak Meninggal Dunia di Mekkah "
                "Rabu, 19 Mar 2025 - 13:36 WIB",
                "Peristiwa Tiga Polisi Tewas Ditembak di Lampung Rabu, 19 Mar 2025 - 11:37 WIB",
            ],
        )

    def test_headline_is_the_only_h1(self):
        headings = self.page.xpath("//h1")
        self.assertEqual([visible_text(h) for h in headings], [SEED.title])

    def test_publish_time_is_machine_readable_with_the_sites_offset(self):
        time = self.main.xpath("//p[@class='article__meta']/time")[0]
        self.assertEqual(time.get("datetime"), "2024-07-04T21:53:00+07:00")

    def test_share_bar_links_share_this_article(self):
        url = "http://testserver" + self.article.url
        links = {
            a.text_content(): a.get("href")
            for a in self.main.xpath("//a[contains(@class,'share__link')]")
        }
        self.assertEqual(list(links), ["Facebook", "X", "WhatsApp", "Telegram", "LINE"])
        queries = {name: parse_qs(urlsplit(href).query) for name, href in links.items()}
        self.assertEqual(queries["Facebook"]["u"], [url])
        self.assertEqual(queries["X"]["url"], [url])
        self.assertEqual(queries["X"]["text"], [SEED.title])
        self.assertEqual(queries["WhatsApp"]["text"], [f"{SEED.title} {url}"])
        self.assertEqual(queries["Telegram"]["url"], [url])
        self.assertEqual(queries["LINE"]["url"], [url])
        button = self.main.xpath("//button[@data-copy-url]")[0]
        self.assertEqual(button.get("data-copy-url"), url)
        toast = self.main.xpath("//*[@data-copy-toast]")[0]
        self.assertEqual(toast.get("data-message"), "URL berhasil dicopy")
        self.assertEqual(toast.get("role"), "status")
        self.assertFalse(self.page.xpath("//script[@src and contains(@src, '//')]"))

    def test_featured_image_has_renditions_and_caption(self):
        figure = self.main.xpath("//figure[contains(@class,'article__figure')]")[0]
        img = figure.xpath(".//img")[0]
        self.assertEqual(img.get("fetchpriority"), "high")
        self.assertTrue(img.get("width") and img.get("height"))
        types = [source.get("type") for source in figure.xpath(".//source")]
        self.assertEqual(types, ["image/avif", "image/webp"])
        self.assertIn("Foto: Kementerian Luar Negeri Rusia", visible_text(figure))

    def test_baca_juga_links_point_to_the_other_articles(self):
        links = self.main.xpath("//p[@class='baca-juga']/a")
        targets = [ArticlePage.objects.get(title=a.text_content()) for a in links]
        self.assertEqual([a.get("href") for a in links], [t.url for t in targets])
        self.assertEqual(len(targets), 2)
        # Between paragraphs, never the last thing in the body.
        for box in self.main.xpath("//p[@class='baca-juga']"):
            self.assertEqual(box.getnext().tag, "p")

    def test_source_links_to_the_original_article(self):
        source = self.main.xpath("//p[@class='article__source']/a")[0]
        self.assertEqual(source.get("href"), SEED.original_url)

    def test_related_news_lists_all_eight_with_times(self):
        # The demo's editor pinned the seed's eight, in its order; pins come first, with times.
        related = self.main.xpath("//section[contains(@class,'news-list--related')]")[0]
        self.assertEqual(visible_text(related.xpath(".//h2")[0]), "Berita Terkait")
        titles = [a.text_content() for a in related.xpath(".//a")]
        self.assertEqual(titles, SEED_LISTS)
        self.assertEqual(len(related.xpath(".//time")), 8)

    def test_latest_news_cards_have_thumbnail_section_title_and_short_date(self):
        latest = self.main.xpath("//section[contains(@class,'news-list--latest')]")[0]
        cards = latest.xpath(".//article[@class='card']")
        self.assertEqual(len(cards), 5)
        for card in cards:
            self.assertTrue(card.xpath(".//img[@loading='lazy']"))
            self.assertTrue(card.xpath(".//p[@class='card__section']"))
        self.assertNotIn(SEED.title, visible_text(latest))
