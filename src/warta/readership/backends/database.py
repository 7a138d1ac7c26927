"""Counts in the database, buffered in the process and written in batches."""

import threading
from collections import Counter
from datetime import UTC, datetime

from django.db import IntegrityError, connections, transaction
from django.db.models import F, Sum

from warta.news.models import ArticlePage
from warta.readership.backends.base import KEEP, BaseBackend, hour_of, window_hours
from warta.readership.models import HourlyViews


class DatabaseBackend(BaseBackend):
    """Buffer views in memory; write them FLUSH_SECONDS after the first one, or at FLUSH_SIZE.

    The timed write runs in a background thread, so no reader's request ever waits for it.
    """

    def __init__(self, flush_seconds=20, flush_size=200, **options):
        super().__init__(**options)
        self.flush_seconds = flush_seconds
        self.flush_size = flush_size
        self.lock = threading.Lock()
        self.pending = Counter()

    def record(self, article_id, when=None):
        hour = hour_of(when or datetime.now(UTC))
        with self.lock:
            first = not self.pending
            self.pending[(article_id, hour)] += 1
            due = len(self.pending) >= self.flush_size or self.flush_seconds <= 0
        if due:
            self.flush()
        elif first:
            timer = threading.Timer(self.flush_seconds, self._flush_in_background)
            timer.daemon = True
            timer.start()

    def _flush_in_background(self):
        try:
            self.flush()
        finally:
            connections.close_all()  # this thread's connections only

    def flush(self):
        with self.lock:
            batch, self.pending = self.pending, Counter()
        if not batch:
            return
        # Articles deleted since their views were counted would break the foreign key.
        existing = set(
            ArticlePage.objects.filter(pk__in={pk for pk, _hour in batch}).values_list(
                "pk", flat=True
            )
        )
        with transaction.atomic():
            for (article_id, hour), views in batch.items():
                if article_id in existing:
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
            self.pending = Counter()
        HourlyViews.objects.all().delete()
