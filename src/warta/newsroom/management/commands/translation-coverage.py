"""Print the share of Wagtail admin strings translated into Bahasa Indonesia."""

from pathlib import Path

from django.core.management.base import BaseCommand

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from warta.newsroom.translations import coverage, missing_messages


class Command(BaseCommand):
    help = (
        "Print, per Wagtail app Warta uses, the share of admin strings with an Indonesian "
        "translation (Wagtail's own plus Warta's locale override), and the total."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wagtail-only",
            action="store_true",
            help="count Wagtail's own Indonesian catalogs only, without Warta's override",
        )
        parser.add_argument(
            "--missing",
            metavar="DIR",
            help="write the untranslated strings to DIR/django.po and DIR/djangojs.po",
        )
        parser.add_argument(
            "--min", type=float, default=0.0, help="exit 1 when any app is below this share (0-1)"
        )

    def handle(self, *args, wagtail_only, min, missing, **options):
        if missing:
            self.write_missing(Path(missing))
        rows = coverage(include_overrides=not wagtail_only)
        self.stdout.write(f"{'app':32} {'domain':9} {'translated':>10} {'total':>6} {'share':>7}")
        for domain in ("django", "djangojs"):
            part = [row for row in rows if row.domain == domain]
            for row in part:
                self.stdout.write(
                    f"{row.app:32} {row.domain:9} {row.translated:>10} {row.total:>6} "
                    f"{row.share:>7.1%}"
                )
            total, done = sum(r.total for r in part), sum(r.translated for r in part)
            if total:
                self.stdout.write(
                    f"{'TOTAL':32} {domain:9} {done:>10} {total:>6} {done / total:>7.1%}"
                )
        below = [row for row in rows if row.share < min]
        if below:
            names = ", ".join(f"{row.app} ({row.domain})" for row in below)
            self.stderr.write(f"Below {min:.0%}: {names}")
            raise SystemExit(1)

    def write_missing(self, directory):
        directory.mkdir(parents=True, exist_ok=True)
        for domain in ("django", "djangojs"):
            catalog = Catalog(locale="id", domain=domain, project="Warta")
            for message in missing_messages(domain):
                catalog.add(
                    message.id,
                    string=("",) if message.pluralizable else "",
                    context=message.context,
                )
            with open(directory / f"{domain}.po", "wb") as handle:
                write_po(handle, catalog, width=100)
            self.stdout.write(f"{len(catalog)} untranslated {domain} strings in {directory}")
