"""Images from the old site: fetched safely, never from outside the uploads folder."""

import functools
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings

from wagtail.images import get_image_model

from tests.wordpress import builder
from tests.wordpress.builder import Export, Post, attachment, write_image
from warta.news.models import ArticlePage
from warta.wordpress.importer import import_wordpress

MEDIA_ROOT = tempfile.mkdtemp(prefix="warta-wp-media-")


class UploadsServer:
    """Serve an uploads folder on 127.0.0.1, counting what is asked for."""

    def __init__(self, folder):
        requests = self.requests = []

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                requests.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder))
        )
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@override_settings(MEDIA_ROOT=MEDIA_ROOT)
class MediaTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="warta-wp-"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def export_with_image(self, site, relative="2024/07/foto.jpg"):
        with mock.patch.object(builder, "SITE", site):
            export = Export(
                items=[
                    Post(
                        1,
                        "Berita berfoto",
                        "berita-berfoto",
                        content=f'<p>Isi.</p><img src="{site}/wp-content/uploads/{relative}">',
                        meta={"_thumbnail_id": "5"},
                    ),
                    attachment(5, relative, caption="Keterangan", alt="Teks alternatif"),
                ]
            )
            return export.write(self.folder / "export.xml")

    def test_fetch_media_goes_through_the_safe_fetcher_once_per_image(self):
        uploads = self.folder / "server" / "wp-content" / "uploads"
        write_image(uploads, "2024/07/foto.jpg")
        with UploadsServer(self.folder / "server") as server:
            site = f"http://127.0.0.1:{server.port}"
            path = self.export_with_image(site)
            with override_settings(WARTA_INGEST_ALLOW_HOSTS=f"127.0.0.1:{server.port}"):
                report = import_wordpress(path, fetch_media=True)
        article = ArticlePage.objects.get()
        self.assertEqual(article.featured_image.description, "Teks alternatif")
        self.assertEqual(article.featured_caption, "Keterangan")
        self.assertEqual(article.body[1].value["image"], article.featured_image)
        self.assertEqual(server.requests, ["/wp-content/uploads/2024/07/foto.jpg"])
        self.assertEqual(report.counts["images"], 1)

    def test_fetching_from_a_private_address_is_refused_and_reported(self):
        uploads = self.folder / "server" / "wp-content" / "uploads"
        write_image(uploads, "2024/07/foto.jpg")
        with UploadsServer(self.folder / "server") as server:
            path = self.export_with_image(f"http://127.0.0.1:{server.port}")
            report = import_wordpress(path, fetch_media=True)  # no allow-list: loopback refused
        self.assertEqual(server.requests, [])
        self.assertIsNone(ArticlePage.objects.get().featured_image)
        self.assertTrue(any("127.0.0.1" in warning for warning in report.warnings))
        self.assertEqual(get_image_model().objects.count(), 0)

    def test_dry_run_fetches_nothing_and_stores_no_image(self):
        uploads = self.folder / "server" / "wp-content" / "uploads"
        write_image(uploads, "2024/07/foto.jpg")
        with UploadsServer(self.folder / "server") as server:
            path = self.export_with_image(f"http://127.0.0.1:{server.port}")
            with override_settings(WARTA_INGEST_ALLOW_HOSTS=f"127.0.0.1:{server.port}"):
                report = import_wordpress(path, fetch_media=True, dry_run=True)
        self.assertEqual(server.requests, [])
        self.assertEqual(report.counts["images to fetch"], 1)  # featured and in body: one file
        self.assertEqual(get_image_model().objects.count(), 0)
        self.assertFalse(ArticlePage.objects.exists())

    def test_uploads_paths_cannot_climb_out_of_the_media_folder(self):
        uploads = self.folder / "uploads"
        uploads.mkdir()
        write_image(self.folder, "rahasia.jpg")  # beside the uploads folder, not inside
        path = self.export_with_image("https://lama.example", relative="../rahasia.jpg")
        report = import_wordpress(path, media_dir=uploads)
        self.assertEqual(get_image_model().objects.count(), 0)
        self.assertTrue(any("rahasia.jpg" in warning for warning in report.warnings))

    def test_a_broken_image_file_is_reported_and_the_post_still_imports(self):
        uploads = self.folder / "uploads"
        (uploads / "2024/07").mkdir(parents=True)
        (uploads / "2024/07/foto.jpg").write_bytes(b"<?php echo 'not an image'; ?>")
        path = self.export_with_image("https://lama.example")
        report = import_wordpress(path, media_dir=uploads)
        self.assertEqual(ArticlePage.objects.get().title, "Berita berfoto")
        self.assertTrue(any("foto.jpg" in warning for warning in report.warnings))
        self.assertEqual(get_image_model().objects.count(), 0)

    def test_without_media_options_images_are_counted_as_left_out_then_filled_in(self):
        path = self.export_with_image("https://lama.example")
        first = import_wordpress(path)
        self.assertIsNone(ArticlePage.objects.get().featured_image)
        self.assertGreater(first.counts["images left out (no --media-dir or --fetch-media)"], 0)
        uploads = self.folder / "uploads"
        write_image(uploads, "2024/07/foto.jpg")
        second = import_wordpress(path, media_dir=uploads)
        self.assertEqual(second.counts["posts updated"], 1)
        self.assertIsNotNone(ArticlePage.objects.get().featured_image)
        self.assertEqual(ArticlePage.objects.count(), 1)

    def test_an_image_the_export_does_not_list_is_imported_once_across_runs(self):
        uploads = self.folder / "uploads"
        write_image(uploads, "2019/01/lama.jpg")
        src = "https://lama.example/wp-content/uploads/2019/01/lama-1024x768.jpg"
        post = Post(1, "Foto lama", "foto-lama", content=f'<p>Isi.</p><img src="{src}" alt="A">')
        import_wordpress(Export(items=[post]).write(self.folder / "a.xml"), media_dir=uploads)
        post.title = "Foto lama, diperbarui"
        report = import_wordpress(
            Export(items=[post]).write(self.folder / "b.xml"), media_dir=uploads
        )
        self.assertEqual(report.counts["posts updated"], 1)
        self.assertEqual(get_image_model().objects.count(), 1)
        image = ArticlePage.objects.get().body[1].value["image"]
        self.assertEqual(image.description, "A")

    def test_progress_bar_shows_on_a_terminal(self):
        path = self.export_with_image("https://lama.example")

        class Terminal(StringIO):
            def isatty(self):
                return True

        terminal = Terminal()
        with mock.patch.object(sys, "stderr", terminal):
            call_command("import_wordpress", str(path), "--dry-run", stdout=StringIO())
        self.assertIn("[########################################] 100%", terminal.getvalue())
