"""Importing a whole WordPress export: statuses, sections, people, images and old URLs."""

import shutil
import tempfile
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from tests.wordpress.builder import SITE, Export, Post, attachment, write_image
from warta.news.models import ArticlePage, Reporter, SectionPage, Source
from warta.wordpress.importer import import_wordpress
from warta.wordpress.models import ImportedObject

FUTURE = "2031-05-06 07:08:09"


def newsroom_export():
    """The export of a small Indonesian portal, with something of everything."""
    caption_body = (
        "Jakarta - Banjir merendam <strong>ribuan</strong> rumah. "
        f'Lihat juga <a href="{SITE}/2024/07/03/hujan-deras/">hujan deras kemarin</a>.\n\n'
        '[caption id="attachment_101" align="alignnone" width="300"]'
        f'<img class="wp-image-101" src="{SITE}/wp-content/uploads/2024/07/banjir-300x200.jpg"'
        ' alt="Warga mengungsi" /> Warga mengungsi di Kampung Melayu[/caption]\n\n'
        '[gallery ids="102"]\n\n[polling id="3"]\n\n'
        "<script>alert('x')</script>Penutup."
    )
    block_body = (
        "<!-- wp:paragraph --><p>Gol di menit akhir.</p><!-- /wp:paragraph -->\n"
        '<!-- wp:image {"id":102} --><figure class="wp-block-image">'
        f'<img src="{SITE}/wp-content/uploads/2024/07/stadion.jpg" class="wp-image-102"/>'
        "<figcaption>Stadion penuh</figcaption></figure><!-- /wp:image -->\n"
        "<!-- wp:quote --><blockquote><p>Kami siap juara.</p><cite>Pelatih</cite></blockquote>"
        "<!-- /wp:quote -->"
    )
    return Export(
        authors=[
            ("budi", "Budi Santoso", "budi@lama.example"),
            ("sari", "Sari Dewi", "sari@lama.example"),
        ],
        categories=[
            ("berita-kota", "Berita Kota", ""),
            ("olahraga", "Olahraga", ""),
            ("sepak-bola", "Sepak Bola", "olahraga"),
            ("uncategorized", "Uncategorized", ""),
        ],
        tags=[("banjir", "Banjir"), ("jakarta", "Jakarta")],
        items=[
            Post(
                1,
                "Banjir &amp; longsor landa Jakarta",
                "banjir-longsor-landa-jakarta",
                content=caption_body,
                excerpt="<p>Ribuan rumah terendam banjir.</p>",
                creator="budi",
                categories=[("berita-kota", "Berita Kota")],
                tags=[("banjir", "Banjir"), ("jakarta", "Jakarta")],
                meta={
                    "_thumbnail_id": "101",
                    "sumber": "https://www.interfax.ru/world/12345",
                    "editor": "Citra Lestari",
                },
            ),
            Post(
                2,
                "Timnas menang dramatis",
                "timnas-menang",
                content=block_body,
                creator="sari",
                date_gmt="2024-07-05 01:00:00",
                date="2024-07-05 08:00:00",
                categories=[("sepak-bola", "Sepak Bola")],
                meta={"_penulis": "Andi Wijaya", "sumber_berita": "Antara"},
                link=f"{SITE}/archives/2",  # WordPress's "numeric" permalinks
            ),
            Post(3, "Rencana liputan", "", status="draft", date_gmt="0000-00-00 00:00:00"),
            Post(4, "Menunggu redaktur", "menunggu", status="pending"),
            Post(5, "Catatan internal", "catatan-internal", status="private"),
            Post(6, "Akan terbit", "akan-terbit", status="future", date_gmt=FUTURE),
            Post(
                7,
                "Tanpa kategori",
                "tanpa-kategori",
                categories=[("uncategorized", "Unc")],
                link=f"{SITE}/uncategorized/tanpa-kategori/",  # /%category%/%postname%/
                date_gmt="0000-00-00 00:00:00",  # some exports lose it
            ),
            Post(8, "Sampah", "sampah", status="trash"),
            Post(9, "Tentang kami", "tentang-kami", post_type="page"),
            "\t<item>\n\t\t<title>Rusak & < sekali</title>\n\t</item>\n",
            Post(10, "Berita %E2%9C%93 unikode", "kabar-%e5%8c%97%e4%ba%ac", link=f"{SITE}/?p=10"),
            attachment(
                101,
                "2024/07/banjir.jpg",
                title="Banjir di Kampung Melayu",
                caption="Banjir merendam Kampung Melayu",
                alt="Warga mengungsi",
                parent=1,
                sizes=[("medium", "banjir-300x200.jpg"), ("thumbnail", "banjir-150x150.jpg")],
            ),
            attachment(102, "2024/07/stadion.jpg", caption="Stadion", parent=2),
            attachment(103, "2024/07/hilang.jpg"),
        ],
    )


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="warta-wp-media-"))
class ImportTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = Path(tempfile.mkdtemp(prefix="warta-wp-"))
        cls.uploads = cls.folder / "uploads"
        write_image(cls.uploads, "2024/07/banjir.jpg")
        write_image(cls.uploads, "2024/07/stadion.jpg", colour=(0, 90, 200))
        cls.export = newsroom_export().write(cls.folder / "export.xml")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        cls.report = import_wordpress(cls.export, media_dir=cls.uploads)

    def article(self, post_id):
        mapping = ImportedObject.objects.get(kind="post", wp_id=str(post_id))
        return ArticlePage.objects.get(pk=mapping.object_id)

    # Statuses ------------------------------------------------------------------------------

    def test_statuses_map_to_live_draft_review_and_schedule(self):
        published = self.article(1)
        self.assertTrue(published.live)
        self.assertEqual(published.first_published_at, datetime(2024, 7, 4, 14, 53, tzinfo=UTC))
        self.assertFalse(self.article(3).live)
        pending = self.article(4)
        self.assertFalse(pending.live)
        state = WorkflowState.objects.get(object_id=str(pending.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        private = self.article(5)
        self.assertFalse(private.live)
        self.assertTrue(any("privat di WordPress" in w for w in self.report.warnings))
        scheduled = self.article(6)
        self.assertFalse(scheduled.live)
        self.assertEqual(scheduled.go_live_at, datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC))
        revision = scheduled.get_latest_revision()
        self.assertEqual(revision.approved_go_live_at, scheduled.go_live_at)
        for post_id in (8, 9):
            self.assertFalse(ImportedObject.objects.filter(kind="post", wp_id=str(post_id)))
        self.assertEqual(self.report.counts["skipped (trash)"], 1)
        self.assertEqual(self.report.counts["skipped (page)"], 1)

    def test_dates_fall_back_to_local_time_and_drafts_wait_for_publishing(self):
        without_gmt = self.article(7)
        self.assertEqual(
            without_gmt.first_published_at,
            timezone.make_aware(datetime(2024, 7, 4, 21, 53)),  # in the site's zone
        )
        draft = self.article(3)
        self.assertIsNone(draft.first_published_at)  # set when an editor publishes it
        self.assertEqual(draft.slug, "rencana-liputan")  # drafts have no slug in WordPress

    # Sections, tags, people ------------------------------------------------------------------

    def test_categories_become_sections_flattened_with_a_report(self):
        home_children = SectionPage.objects.filter(depth=3).values_list("slug", flat=True)
        self.assertIn("berita-kota", home_children)
        self.assertIn("sepak-bola", home_children)
        self.assertEqual(self.article(1).get_parent().slug, "berita-kota")
        self.assertEqual(self.article(2).get_parent().slug, "sepak-bola")
        self.assertEqual(self.article(7).get_parent().slug, "umum")  # WordPress's default
        self.assertTrue(any("Sepak Bola" in w and "Olahraga" in w for w in self.report.warnings))

    def test_tags_slugs_titles_and_leads(self):
        article = self.article(1)
        self.assertEqual(article.title, "Banjir & longsor landa Jakarta")
        self.assertEqual(article.slug, "banjir-longsor-landa-jakarta")
        self.assertEqual(sorted(article.tags.names()), ["Banjir", "Jakarta"])
        self.assertEqual(article.lead, "Ribuan rumah terendam banjir.")
        self.assertEqual(self.article(10).slug, "kabar-北京")

    def test_authors_and_custom_fields_become_reporter_editor_and_source(self):
        budi = Reporter.objects.get(full_name="Budi Santoso")
        author = ImportedObject.objects.get(kind="author", wp_id="budi")
        self.assertEqual(author.object_id, budi.pk)
        self.assertEqual(author.data["email"], "budi@lama.example")
        self.assertEqual(budi.initials, "bs")
        first = self.article(1)
        self.assertEqual(first.reporter, budi)
        self.assertEqual(first.editor.full_name, "Citra Lestari")
        self.assertEqual(first.source.name, "interfax.ru")
        self.assertEqual(first.original_url, "https://www.interfax.ru/world/12345")
        second = self.article(2)
        self.assertEqual(second.reporter.full_name, "Andi Wijaya")  # penulis beats the login
        self.assertEqual(second.source, Source.objects.get(name="Antara"))

    # Body and images ---------------------------------------------------------------------------

    def test_featured_image_comes_with_caption_and_alt_text(self):
        article = self.article(1)
        image = article.featured_image
        self.assertIsNotNone(image)
        self.assertEqual(image.title, "Banjir di Kampung Melayu")
        self.assertEqual(image.description, "Warga mengungsi")
        self.assertEqual(article.featured_caption, "Banjir merendam Kampung Melayu")

    def test_body_keeps_text_images_and_quotes_in_order(self):
        body = self.article(1).body
        self.assertEqual([b.block_type for b in body], ["paragraph", "image", "image", "paragraph"])
        first = str(body[0].value)
        self.assertIn("<b>ribuan</b>", first)
        self.assertIn('href="/2024/07/03/hujan-deras/"', first)
        self.assertEqual(body[1].value["image"], self.article(1).featured_image)  # same file once
        self.assertEqual(body[1].value["caption"], "Warga mengungsi di Kampung Melayu")
        self.assertEqual(body[2].value["caption"], "Stadion")
        self.assertIn("[polling id=", str(body[3].value))
        self.assertNotIn("alert", str(body[3].value))
        self.assertTrue(any("[polling]" in w for w in self.report.warnings))
        blocks = self.article(2).body
        self.assertEqual([b.block_type for b in blocks], ["paragraph", "image", "quote"])
        self.assertEqual(blocks[1].value["caption"], "Stadion penuh")
        self.assertEqual(blocks[2].value["attribution"], "Pelatih")
        self.assertEqual(get_image_model().objects.count(), 2)  # banjir and stadion, once each

    def test_missing_upload_is_reported_not_fatal(self):
        self.assertTrue(any("hilang.jpg" in w for w in self.report.warnings))

    def test_article_pages_render(self):
        response = self.client.get(self.article(1).url)
        self.assertContains(response, "Banjir &amp; longsor landa Jakarta")
        self.assertContains(response, "Kampung Melayu")

    # Old URLs ---------------------------------------------------------------------------------

    def assertRedirectsTo(self, old_url, target_url):
        response = self.client.get(old_url)
        self.assertEqual(response.status_code, 301, old_url)
        self.assertEqual(response["Location"], target_url)

    def test_every_old_permalink_redirects_permanently(self):
        first, second, tenth = self.article(1), self.article(2), self.article(10)
        self.assertRedirectsTo("/2024/07/04/banjir-longsor-landa-jakarta/", first.url)
        self.assertRedirectsTo("/2024/07/04/banjir-longsor-landa-jakarta", first.url)
        self.assertRedirectsTo("/2024/07/04/banjir-longsor-landa-jakarta/?utm_source=x", first.url)
        self.assertRedirectsTo("/archives/2", second.url)
        self.assertRedirectsTo("/uncategorized/tanpa-kategori/", self.article(7).url)
        self.assertRedirectsTo("/?p=1", first.url)
        self.assertRedirectsTo("/?p=2&utm_medium=social", second.url)
        self.assertRedirectsTo("/?p=10", tenth.url)
        self.assertRedirectsTo("/?p=6", self.article(6).url or "")  # scheduled: ready in advance

    def test_category_archives_redirect_to_their_sections(self):
        sports = SectionPage.objects.get(slug="sepak-bola")
        self.assertRedirectsTo("/category/olahraga/sepak-bola/", sports.url)
        self.assertRedirectsTo(
            "/category/berita-kota/", SectionPage.objects.get(slug="berita-kota").url
        )
        self.assertRedirectsTo("/?cat=3", sports.url)  # term IDs as the export numbers them

    def test_private_draft_and_unknown_ids_do_not_redirect(self):
        for post_id in (3, 4, 5, 999):
            response = self.client.get(f"/?p={post_id}")
            self.assertEqual(response.status_code, 200)  # the front page, nothing revealed
        self.assertEqual(self.client.get("/2099/01/01/tidak-ada/").status_code, 404)

    def test_attachment_urls_redirect_to_the_image_and_its_page_to_the_article(self):
        image = self.article(1).featured_image
        self.assertRedirectsTo("/wp-content/uploads/2024/07/banjir.jpg", image.file.url)
        self.assertRedirectsTo("/wp-content/uploads/2024/07/banjir-150x150.jpg", image.file.url)
        self.assertRedirectsTo("/?attachment_id=101", self.article(1).url)

    def test_query_redirect_costs_a_fixed_number_of_queries(self):
        with self.assertNumQueries(3):  # the site, the redirect with its page, the page's URL
            self.client.get("/?p=1")

    # Idempotence, dry run, reporting ------------------------------------------------------------

    def test_running_again_creates_nothing_and_updates_what_changed(self):
        counts = (Page.objects.count(), Reporter.objects.count(), Redirect.objects.count())
        images = get_image_model().objects.count()
        again = import_wordpress(self.export, media_dir=self.uploads)
        self.assertEqual(again.counts["posts unchanged"], 8)
        self.assertEqual(again.counts["posts created"], 0)
        self.assertEqual(
            (Page.objects.count(), Reporter.objects.count(), Redirect.objects.count()), counts
        )
        self.assertEqual(get_image_model().objects.count(), images)

        export = newsroom_export()
        export.items[0].title = "Banjir surut di Jakarta"
        export.items[1].categories = [("olahraga", "Olahraga")]
        changed = export.write(self.folder / "changed.xml")
        report = import_wordpress(changed, media_dir=self.uploads)
        self.assertEqual(report.counts["posts updated"], 2)
        self.assertEqual(report.counts["posts created"], 0)
        self.assertEqual(Page.objects.count(), counts[0])
        self.assertEqual(self.article(1).title, "Banjir surut di Jakarta")
        self.assertEqual(self.article(2).get_parent().slug, "olahraga")
        self.assertRedirectsTo("/archives/2/", self.article(2).url)

    def test_malformed_item_is_reported_with_its_position(self):
        [(position, reason)] = self.report.errors
        self.assertIn("item 10 (line", position)
        self.assertIn("not valid XML", reason)

    def test_dry_run_writes_nothing(self):
        before = (Page.objects.count(), Redirect.objects.count(), ImportedObject.objects.count())
        changed = newsroom_export()
        changed.items.append(Post(50, "Baru sekali", "baru-sekali"))
        path = changed.write(self.folder / "dry.xml")
        report = import_wordpress(path, media_dir=self.uploads, dry_run=True)
        self.assertEqual(report.counts["posts created"], 1)
        after = (Page.objects.count(), Redirect.objects.count(), ImportedObject.objects.count())
        self.assertEqual(after, before)


class CommandTests(TestCase):
    def test_summary_lists_counts_warnings_and_skipped_items(self):
        folder = Path(tempfile.mkdtemp(prefix="warta-wp-"))
        self.addCleanup(shutil.rmtree, folder, True)
        export = Export(
            items=[Post(1, "Satu", "satu", content="[tombol]"), "\t<item><title>&</title></item>\n"]
        )
        path = export.write(folder / "export.xml")
        out = StringIO()
        call_command("import_wordpress", str(path), "--dry-run", stdout=out)
        text = out.getvalue()
        self.assertIn("Uji coba: tidak ada yang ditulis.", text)
        self.assertIn("pos dibuat: 1", text)
        self.assertIn("item 2 (line", text)
        self.assertIn("[tombol]", text)
        self.assertFalse(ArticlePage.objects.exists())

    def test_missing_file_and_folder_name_the_fix(self):
        with self.assertRaisesMessage(CommandError, "Tools > Export"):
            call_command("import_wordpress", "/nonexistent/export.xml")
        folder = Path(tempfile.mkdtemp(prefix="warta-wp-"))
        self.addCleanup(shutil.rmtree, folder, True)
        path = Export().write(folder / "e.xml")
        with self.assertRaisesMessage(CommandError, "wp-content/uploads"):
            call_command("import_wordpress", str(path), "--media-dir", str(folder / "nope"))
        (folder / "bad.xml").write_text("<html>not an export</html>")
        with self.assertRaisesMessage(CommandError, "not a WordPress export"):
            call_command("import_wordpress", str(folder / "bad.xml"))
