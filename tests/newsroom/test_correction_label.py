"""The correction note carries its "Koreksi:" label, whether or not the editor typed one."""

from django.test import TestCase
from django.utils import timezone

from tests.news.factories import make_article
from tests.news.pagetext import parse

from .newsroom import make_newsroom


class CorrectionLabelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def note_on_page(self, note):
        article = make_article(
            self.umum, significant_update_at=timezone.now(), correction_note=note
        )
        page = parse(self.client.get(article.url))
        (paragraph,) = page.xpath("//p[@class='article__correction']")
        return " ".join(paragraph.text_content().split())

    def test_the_note_gets_its_label(self):
        self.assertEqual(
            self.note_on_page("Data harga diperbarui dari BPS."),
            "Koreksi: Data harga diperbarui dari BPS.",
        )

    def test_a_label_the_editor_typed_is_not_doubled(self):
        for note in ("Koreksi: jumlah korban 12, bukan 21.", "Ralat: jumlah korban 12, bukan 21."):
            with self.subTest(note=note):
                self.assertEqual(self.note_on_page(note), "Koreksi: jumlah korban 12, bukan 21.")
