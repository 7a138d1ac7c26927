"""Counts in the database, buffered in the process and written in batches."""

import threading
import time
from collections import Counter
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from warta.readership.backends.base import KEEP, BaseBackend, hour_of, window_hours
from warta.readership.models import HourlyViews


class DatabaseBackend(BaseBackend):
    """Buffer views in memory; write them every FLUSH_SECONDS or FLUSH_SIZE distinct rows.

    A reader of the ranking flushes its own process first, so one process is always exact;
    other processes' views arrive with their next flush.
    """

    def __init__(self, flush_seconds=20, flush_size=200, **options):
        super().__init__(**options)
        self.flush_seconds = flush_seconds
        self.flush_size = flush_size
        self.lock = threading.Lock()
        self.pending = Counter()
        self.since = None

    def record(self, article_id, when=None):
        hour = hour_of(when or datetime.now(UTC))
        with self.lock:
            self.pending[(article_id, hour)] += 1
            if self.since is None:
                self.since = time.monotonic()
            due = (
                len(self.pending) >= self.flush_size
                or time.monotonic() - self.since >= self.flush_seconds
            )
        if due:
            self.flush()

    def flush(self):
        with self.lock:
            batch, self.pending, self.since = self.pending, Counter(), None
        if not batch:
            return
        with transaction.atomic():
            for (article_id, hour), views in batch.items():
                self._add(article_id, hour, views)
            HourlyViews.objects.filter(hour__lt=hour_of(datetime.now(UTC)) - KEEP).delete()

    def _add(self, article_id, hour, views):
        rows = HourlyViews.objects.filter(article_id=article_id, hour=hour)
        if rows.update(views=F("views") + views):
            return
        try:
            with transaction.atomic():
                HourlyViews.objects.create(article_id=article_id, hour=hour, views=views)
        except IntegrityError:
            # Another process created the row meanwhile, or the article is gone.
            rows.update(views=F("views") + views)

    def top(self, hours, limit, now=None):
        self.flush()
        since = window_hours(hours, now)[-1]
        until = window_hours(1, now)[0]
        ranked = (
            HourlyViews.objects.filter(hour__gte=since, hour__lte=until)
            .values("article_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "-article_id")[:limit]
        )
        return [(row["article_id"], row["total"]) for row in ranked]

    def clear(self):
        with self.lock:
            self.pending, self.since = Counter(), None
        HourlyViews.objects.all().delete()
