"""Corrections: a significant update shows 'Diperbarui' and its note; minor edits change nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import TestCase

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.news.factories import make_article
from tests.news.pagetext import assert_in_order, parse, visible_text
from warta.news.models import ArticlePage

from .newsroom import make_newsroom

WIB = ZoneInfo("Asia/Jakarta")


def edit_data(page, user, **changes):
    """Return the admin edit form's POST data for `page` as it stands, with `changes`."""
    form = ArticlePage.get_edit_handler().get_form_class()(instance=page, for_user=user)
    data = {}
    for name, field in form.fields.items():
        if name == "body":
            continue
        value = form[name].value()
        if value in (None, False, ""):
            continue
        if name == "tags":
            data[name] = ", ".join(tag.name for tag in page.tags.all())
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(field.widget.format_value(value))
    for prefix in form.formsets:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        data |= {f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    body = [("paragraph", rich_text("<p>Isi berita yang disunting.</p>"))]
    data |= nested_form_data({"body": streamfield(body)})
    data["action-publish"] = "action-publish"
    data.update(changes)
    return data


class CorrectionDisplayTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()
        cls.article = make_article(
            cls.umum,
            title="Tokayev bertemu Putin",
            published=datetime(2024, 7, 4, 21, 53, tzinfo=WIB),
            significant_update_at=datetime(2024, 7, 4, 23, 10, tzinfo=WIB),
            correction_note="Koreksi: pertemuan berlangsung di Astana, bukan Almaty.",
        )

    def test_article_shows_the_update_time_and_note_after_the_publish_time(self):
        text = visible_text(parse(self.client.get(self.article.url)))
        assert_in_order(
            text,
            [
                "Tokayev bertemu Putin",
                "Kamis, 4 Juli 2024 - 21:53 WIB",
                "Diperbarui: Kamis, 4 Juli 2024 - 23:10 WIB",
                "Koreksi: pertemuan berlangsung di Astana, bukan Almaty.",
            ],
        )

    def test_date_modified_follows_the_significant_update(self):
        self.assertEqual(self.article.date_modified, datetime(2024, 7, 4, 23, 10, tzinfo=WIB))
        plain = make_article(self.umum, published=datetime(2024, 7, 5, 8, 0, tzinfo=WIB))
        self.assertEqual(plain.date_modified, datetime(2024, 7, 5, 8, 0, tzinfo=WIB))

    def test_article_without_update_shows_no_updated_line(self):
        plain = make_article(self.umum, title="Berita tanpa koreksi")
        self.assertNotIn("Diperbarui", self.client.get(plain.url).content.decode())


class CorrectionEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def setUp(self):
        self.article = make_article(self.umum, title="Harga beras naik")
        self.client.force_login(self.people["citra"])
        self.edit_url = f"/admin/pages/{self.article.pk}/edit/"

    def publish_edit(self, **changes):
        article = ArticlePage.objects.get(pk=self.article.pk)
        response = self.client.post(
            self.edit_url, edit_data(article, self.people["citra"], **changes)
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        return ArticlePage.objects.get(pk=self.article.pk)

    def test_minor_edit_changes_no_date(self):
        article = self.publish_edit(title="Harga beras naik lagi")
        self.assertEqual(article.title, "Harga beras naik lagi")
        self.assertIsNone(article.significant_update_at)
        self.assertNotIn("Diperbarui", self.client.get(article.url).content.decode())

    def test_significant_edit_shows_updated_and_later_minor_edit_keeps_it(self):
        article = self.publish_edit(
            mark_significant="on", correction_note="Data harga diperbarui dari BPS."
        )
        self.assertIsNotNone(article.significant_update_at)
        page = self.client.get(article.url).content.decode()
        self.assertIn("Diperbarui:", page)
        self.assertIn("Data harga diperbarui dari BPS.", page)
        self.assertEqual(article.date_modified, article.significant_update_at)

        later = self.publish_edit(title="Harga beras naik (ralat judul)")
        self.assertEqual(later.significant_update_at, article.significant_update_at)

    def test_significant_edit_without_a_note_is_refused(self):
        response = self.client.post(
            self.edit_url,
            edit_data(self.article, self.people["citra"], mark_significant="on"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tulis catatan singkat", response.content.decode())
        self.assertIsNone(ArticlePage.objects.get(pk=self.article.pk).significant_update_at)
