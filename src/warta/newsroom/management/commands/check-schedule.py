"""Exit 1 and list the articles whose go-live time passed without publishing."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from warta.news.dates import long_date
from warta.newsroom.schedule import missed_schedules


class Command(BaseCommand):
    help = (
        "List pages whose go-live time passed more than --grace minutes ago without being "
        "published; exit 1 when there is one (for cron, monitoring and CI)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--grace", type=int, default=2, help="minutes of tolerance")
        parser.add_argument("--quiet", action="store_true", help="print nothing when all is well")

    def handle(self, *args, grace, quiet, **options):
        missed = missed_schedules(grace=timedelta(minutes=grace))
        if not missed:
            if not quiet:
                self.stdout.write("OK: no scheduled page is overdue.")
            return
        self.stdout.write(f"MISSED: {len(missed)} scheduled page(s) not published on time:")
        for item in missed:
            minutes = int(item.late_by.total_seconds() // 60)
            self.stdout.write(
                f'  - id {item.page.pk} "{item.page.title}": go-live '
                f"{long_date(item.go_live_at)}, {minutes} min late"
            )
        self.stdout.write(
            "Is `warta scheduler` (or the warta-publish-scheduled timer) running? "
            "Run `warta publish_scheduled` now to publish them."
        )
        raise SystemExit(1)
