"""What every storage of the most-read counter does: count a view, rank a window."""

from datetime import UTC, datetime, timedelta

# Counts are kept in hour buckets; older buckets than this are dropped.
KEEP = timedelta(days=8)


def hour_of(moment):
    """Return the start of the UTC hour holding moment."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def window_hours(hours, now=None):
    """Return the starts of the hour buckets of the last `hours` hours, newest first."""
    current = hour_of(now or datetime.now(UTC))
    return [current - timedelta(hours=offset) for offset in range(hours)]


class BaseBackend:
    def __init__(self, **options):
        self.options = options

    def record(self, article_id, when=None):
        """Count one view of the article at `when` (now by default)."""
        raise NotImplementedError

    def top(self, hours, limit, now=None):
        """Return [(article_id, views)] of the last `hours` hours, most read first."""
        raise NotImplementedError

    def flush(self):
        """Write buffered counts to storage."""

    def clear(self):
        """Forget every count (for tests)."""
        raise NotImplementedError
