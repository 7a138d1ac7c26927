from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from warta.ingest.progress import ProgressBar
from warta.ingest.runs import due_sources, ingest_sources
from warta.news.models import Source


class Command(BaseCommand):
    help = "Read the feeds of the due sources (or all) once and turn new items into drafts."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Read every active source now")
        parser.add_argument("--source", action="append", help="Read only this source (by name)")

    def handle(self, *args, **options):
        try:
            self.ingest(options)
        except (OperationalError, InterfaceError) as error:
            # Nothing was recorded: every source stays due and is read on the next run.
            raise CommandError(
                _(
                    "The database cannot be reached (%(error)s). No source was marked as read: "
                    "the next run reads them again."
                )
                % {"error": str(error).strip().splitlines()[0] if str(error).strip() else error}
            ) from error

    def ingest(self, options):
        if options["source"]:
            sources = Source.objects.filter(name__in=options["source"]).exclude(feed_url="")
        elif options["all"]:
            sources = Source.objects.filter(active=True).exclude(feed_url="").order_by("name")
        else:
            sources = due_sources()
        sources = list(sources.select_related("section"))
        if not sources:
            self.stdout.write(_("No source is due."))
            return
        progress = ProgressBar(self.stderr._out) if self.stderr.isatty() else None
        for summary in ingest_sources(sources, progress=progress):
            line = _(
                "%(source)s: %(new)d new, %(duplicate)d duplicate, %(updated)d updated, "
                "%(failed)d failed"
            ) % {
                "source": summary.source,
                "new": summary.new,
                "duplicate": summary.duplicate,
                "updated": summary.updated,
                "failed": summary.failed,
            }
            if summary.error:
                self.stdout.write(self.style.WARNING(f"{line}. {summary.error}"))
            else:
                self.stdout.write(line)
            for note in summary.notes:
                self.stdout.write(f"  {note}")
