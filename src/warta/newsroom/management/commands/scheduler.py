"""Run scheduled publishing and Warta's periodic jobs every minute, until stopped."""

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import connections
from django.utils import timezone

from warta.newsroom.schedule import run_due_work, scheduler_jobs, seconds_to_next_tick


def release_connections():
    """Drop database connections that are broken or too old, as a request cycle would."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # never under a caller's open transaction
            connection.close_if_unusable_or_obsolete()


class Command(BaseCommand):
    help = (
        "Publish pages at their go-live time, unpublish expired ones, and run the jobs in "
        "WARTA_SCHEDULER_JOBS, every --interval seconds until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs")
        parser.add_argument("--once", action="store_true", help="run once and exit")

    def handle(self, *args, interval, once, **options):
        if interval < 1:
            self.stderr.write("Give --interval of at least 1 second.")
            raise SystemExit(2)
        jobs = scheduler_jobs()  # a bad dotted path fails now, not a minute later
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        names = ", ".join(f"{job.__module__}.{job.__qualname__}" for job in jobs) or "-"
        self.stdout.write(f"Scheduler started: every {interval}s; extra jobs: {names}")
        while not stop.is_set():
            release_connections()
            failures = run_due_work(jobs)
            if failures:
                self.stderr.write(f"{timezone.now():%H:%M:%S} failed: {', '.join(failures)}")
            release_connections()
            if once:
                break
            stop.wait(seconds_to_next_tick(interval))
        return None
