"""Scheduled publishing that never silently misses: run due work, find what was missed."""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)

# How late a go-live may be before Warta calls it missed: the scheduler runs every minute.
GRACE = timedelta(minutes=2)


@dataclass(frozen=True)
class MissedSchedule:
    page: Page
    go_live_at: datetime

    @property
    def late_by(self):
        return timezone.now() - self.go_live_at


def scheduled_revisions():
    """Return revisions of pages waiting for their go-live time, soonest first."""
    return (
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .select_related("user")
        .order_by("approved_go_live_at")
    )


def missed_schedules(now=None, grace=GRACE):
    """Return the pages whose go-live time passed more than `grace` ago without publishing."""
    now = now or timezone.now()
    revisions = list(scheduled_revisions().filter(approved_go_live_at__lt=now - grace))
    pages = Page.objects.in_bulk([int(r.object_id) for r in revisions])
    return [
        MissedSchedule(pages[int(r.object_id)].specific_deferred, r.approved_go_live_at)
        for r in revisions
        if int(r.object_id) in pages
    ]


def scheduler_jobs():
    """Import the callables named in WARTA_SCHEDULER_JOBS."""
    jobs = []
    for path in getattr(settings, "WARTA_SCHEDULER_JOBS", ()):
        try:
            jobs.append(import_string(path))
        except ImportError as error:
            raise ImportError(
                f"WARTA_SCHEDULER_JOBS names {path!r}, which cannot be imported: {error}. "
                "Give the dotted path of a callable that takes no arguments."
            ) from error
    return jobs


def run_due_work(jobs=None):
    """Publish and unpublish what is due, then run every scheduler job; return failures."""
    failures = []
    for name, job in [("publish_scheduled", publish_scheduled)] + [
        (f"{job.__module__}.{job.__qualname__}", job)
        for job in (scheduler_jobs() if jobs is None else jobs)
    ]:
        started = time.monotonic()
        try:
            job()
        except Exception:  # one failing job must not stop publishing or the other jobs
            logger.exception("Scheduler job %s failed", name)
            failures.append(name)
        else:
            logger.info("Scheduler job %s ran in %.2f s", name, time.monotonic() - started)
    return failures


def publish_scheduled():
    """Run Wagtail's `publish_scheduled`: due go-live and expiry of pages and snippets.

    Each page it publishes is logged with its delay past the go-live time.
    """
    now = timezone.now()
    due = list(scheduled_revisions().filter(approved_go_live_at__lte=now))
    call_command("publish_scheduled", verbosity=0)
    published = set(
        Revision.page_revisions.filter(
            pk__in=[r.pk for r in due], approved_go_live_at=None
        ).values_list("pk", flat=True)
    )
    for revision in due:
        if revision.pk in published:
            logger.info(
                "Published “%s” (page %s): go-live %s, %.0f s late",
                revision.object_str,
                revision.object_id,
                timezone.localtime(revision.approved_go_live_at).isoformat(timespec="seconds"),
                (timezone.now() - revision.approved_go_live_at).total_seconds(),
            )


def seconds_to_next_tick(interval, now=None):
    """Return how long to wait for the next multiple of `interval` seconds on the clock.

    Go-live times are whole minutes: waking on the minute publishes them within a second or
    two, where a free-running minute would be up to a minute late.
    """
    now = time.time() if now is None else now
    return interval - (now % interval) + 1 if interval >= 60 else interval
