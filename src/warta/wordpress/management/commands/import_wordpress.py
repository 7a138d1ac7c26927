import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.wordpress.importer import WordPressImporter
from warta.wordpress.wxr import WXRError

LABELS = {
    "posts created": gettext_lazy("posts created"),
    "posts updated": gettext_lazy("posts updated"),
    "posts unchanged": gettext_lazy("posts unchanged"),
    "published": gettext_lazy("published"),
    "scheduled": gettext_lazy("scheduled"),
    "drafts": gettext_lazy("drafts"),
    "awaiting review": gettext_lazy("awaiting review"),
    "password-protected": gettext_lazy("private with their WordPress password"),
    "sections": gettext_lazy("sections"),
    "reporters": gettext_lazy("reporters"),
    "sources": gettext_lazy("sources"),
    "images": gettext_lazy("images"),
    "images to fetch": gettext_lazy("images to fetch"),
    "images left out (no --media-dir or --fetch-media)": gettext_lazy(
        "images left out (no --media-dir or --fetch-media)"
    ),
    "attachments": gettext_lazy("attachments"),
    "redirects": gettext_lazy("redirects"),
    "unknown shortcodes": gettext_lazy("unknown shortcodes"),
    "skipped (malformed)": gettext_lazy("skipped (malformed)"),
    "skipped (failed)": gettext_lazy("skipped (failed)"),
}


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): posts, sections, reporters, images, and redirects "
        "from every old URL. Running it again updates changed posts and creates nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress's Tools > Export")
        parser.add_argument(
            "--media-dir", help="WordPress's wp-content/uploads folder, copied from the old server"
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="Download images missing from --media-dir from the old site",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything, write nothing"
        )

    def handle(self, *args, export, media_dir, fetch_media, dry_run, verbosity, **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(
                _(
                    "No such export file: %(path)s. Give the .xml file from WordPress's "
                    "Tools > Export."
                )
                % {"path": export}
            )
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(
                _("No such folder: %(path)s. Give the copy of wp-content/uploads.")
                % {"path": media_dir}
            )
        progress = self._progress_bar() if sys.stderr.isatty() and verbosity > 0 else None
        importer = WordPressImporter(
            path, media_dir=media_dir, fetch_media=fetch_media, dry_run=dry_run, progress=progress
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(str(error)) from error
        finally:
            if progress:
                sys.stderr.write("\n")
        self._summary(report, dry_run, verbosity)

    def _label(self, key):
        if key in LABELS:
            return LABELS[key]
        if key.startswith("skipped ("):
            return _("skipped (%(what)s)") % {"what": key[len("skipped (") : -1]}
        return key

    def _progress_bar(self, width=40):
        def progress(done, total):
            fraction = done / total if total else 1
            filled = int(width * fraction)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {fraction:4.0%}")
            sys.stderr.flush()

        return progress

    def _summary(self, report, dry_run, verbosity):
        title = _("Dry run: nothing was written.") if dry_run else _("WordPress import done.")
        self.stdout.write(self.style.SUCCESS(title))
        for key, count in sorted(report.counts.items()):
            self.stdout.write(f"  {self._label(key)}: {count}")
        if report.errors:
            self.stdout.write(
                self.style.ERROR(_("Skipped items: %(count)s") % {"count": len(report.errors)})
            )
            for position, reason in report.errors:
                self.stdout.write(f"  {position}: {reason}")
        if report.warnings:
            self.stdout.write(
                self.style.WARNING(_("Warnings: %(count)s") % {"count": len(report.warnings)})
            )
            shown = report.warnings if verbosity > 1 else report.warnings[:50]
            for warning in shown:
                self.stdout.write(f"  {warning}")
            if len(shown) < len(report.warnings):
                self.stdout.write(
                    _("  ... and %(count)s more (run with -v 2 to see them all)")
                    % {"count": len(report.warnings) - len(shown)}
                )
