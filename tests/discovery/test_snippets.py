"""Search snippets start at a sentence: Indonesian numbers and abbreviations stay whole."""

from django.test import TestCase

from tests.news.factories import make_article, make_site, paragraphs
from tests.news.pagetext import parse, visible_text
from warta.discovery.sentences import sentences

BODY = (
    "Hujan deras sejak Senin malam merendam empat kecamatan. "
    "Sebanyak 10.000 porsi makanan disiapkan dapur umum, dan 3.400 warga mengungsi ke "
    "Jl. Merdeka No. 12 serta rumah H. Sulaiman. "
    "Menurut dr. Ratna dari posko kesehatan, bantuan senilai Rp1.500.000 per keluarga naik "
    "3,5 persen dari tahun lalu. "
    "Gubernur B. J. Sitompul meninjau lokasi pengungsian pada Selasa pagi."
)


class SentenceTests(TestCase):
    def test_numbers_abbreviations_and_initials_do_not_end_a_sentence(self):
        self.assertEqual(
            list(sentences(BODY)),
            [
                "Hujan deras sejak Senin malam merendam empat kecamatan.",
                "Sebanyak 10.000 porsi makanan disiapkan dapur umum, dan 3.400 warga mengungsi "
                "ke Jl. Merdeka No. 12 serta rumah H. Sulaiman.",
                "Menurut dr. Ratna dari posko kesehatan, bantuan senilai Rp1.500.000 per keluarga "
                "naik 3,5 persen dari tahun lalu.",
                "Gubernur B. J. Sitompul meninjau lokasi pengungsian pada Selasa pagi.",
            ],
        )

    def test_a_number_or_question_at_the_end_still_ends_the_sentence(self):
        text = "Korban tercatat 3.400. Apakah cukup? Belum! S.H. dan a.n. tetap utuh. Selesai"
        self.assertEqual(
            list(sentences(text)),
            [
                "Korban tercatat 3.400.",
                "Apakah cukup?",
                "Belum!",
                "S.H. dan a.n. tetap utuh.",
                "Selesai",
            ],
        )


class SnippetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site(sections=("Umum",))
        make_article(
            sections["Umum"], title="Banjir rendam empat kecamatan", body=[paragraphs(BODY)]
        )

    def snippet(self, query):
        page = parse(self.client.get("/cari/", {"q": query}))
        return visible_text(page.xpath("//p[@class='search-result__snippet']")[0])

    def test_snippets_begin_at_a_sentence_not_after_a_thousands_separator(self):
        self.assertTrue(self.snippet("mengungsi").startswith("Sebanyak 10.000 porsi makanan"))
        self.assertTrue(self.snippet("persen").startswith("Menurut dr. Ratna"))
        self.assertTrue(self.snippet("meninjau").startswith("Gubernur B. J. Sitompul"))
