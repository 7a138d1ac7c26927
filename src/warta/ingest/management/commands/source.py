from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from warta.ingest.fetch import RefusedAddress, check_url
from warta.news.models import SectionPage, Source


class Command(BaseCommand):
    help = "Add a news source with a feed, or list the sources and how their feeds went."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        add = commands.add_parser("add", help="Add a source whose feed becomes drafts.")
        add.add_argument("url", help="The RSS or Atom feed URL")
        add.add_argument("--name", required=True, help="Shown as 'Sumber Berita : NAME'")
        add.add_argument("--section", help="Title or slug of the section for its articles")
        add.add_argument("--language", default="id", help="Language code of the feed")
        add.add_argument("--poll-minutes", type=int, default=15, help="Minutes between reads")
        add.add_argument(
            "--auto-publish",
            action="store_true",
            help="Publish items at once (trusted feeds of the newsroom's own group only)",
        )
        commands.add_parser("list", help="List the sources and their last run.")

    def handle(self, *args, action, **options):
        if action == "add":
            self.add(**options)
        else:
            self.list()

    def add(self, url, name, section, language, poll_minutes, auto_publish, **_options):
        if not url.startswith(("http://", "https://")):
            raise CommandError(_("The feed URL must start with http:// or https://."))
        try:
            check_url(url)
        except RefusedAddress as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # an unreachable host now may be reachable later
            self.stderr.write(_("Warning: %(error)s") % {"error": error})
        section_page = None
        if section:
            section_page = (
                SectionPage.objects.filter(slug=section).first()
                or SectionPage.objects.filter(title__iexact=section).first()
            )
            if section_page is None:
                choices = ", ".join(SectionPage.objects.values_list("title", flat=True))
                raise CommandError(
                    _("No section %(section)s; choose one of: %(choices)s")
                    % {"section": section, "choices": choices or "-"}
                )
        taken = CommandError(
            _("A source named %(name)s exists already; choose another --name.") % {"name": name}
        )
        if Source.objects.filter(name=name).exists():
            raise taken
        try:
            with transaction.atomic():
                source = Source.objects.create(
                    name=name,
                    feed_url=url,
                    section=section_page,
                    language=language,
                    poll_minutes=max(1, poll_minutes),
                    auto_publish=auto_publish,
                )
        except IntegrityError as error:
            raise taken from error
        self.stdout.write(_("Added source %(name)s (%(url)s).") % {"name": source, "url": url})

    def list(self):
        sources = Source.objects.select_related("section", "feed_status").order_by("name")
        for source in sources:
            status = getattr(source, "feed_status", None)
            flags = []
            if not source.active:
                flags.append(_("inactive"))
            if source.auto_publish:
                flags.append(_("auto-publish"))
            line = f"{source.name}\t{source.feed_url or '-'}\t{source.language}\t"
            line += f"{source.section.title if source.section else '-'}\t{' '.join(flags) or '-'}"
            if status and status.last_run_at:
                line += "\t" + _(
                    "last run %(when)s: %(outcome)s, %(new)d new, %(duplicate)d duplicate, "
                    "%(updated)d updated, %(failed)d failed"
                ) % {
                    "when": status.last_run_at.strftime("%Y-%m-%d %H:%M"),
                    "outcome": status.get_outcome_display(),
                    "new": status.new,
                    "duplicate": status.duplicate,
                    "updated": status.updated,
                    "failed": status.failed,
                }
                if status.last_error:
                    line += f"\t{status.last_error}"
            self.stdout.write(line)
