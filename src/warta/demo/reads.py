"""A week of demo readers, counted by the readers' own counter so `Terpopuler` is full at once."""

import hashlib
import math
from datetime import UTC, datetime, timedelta

from warta.demo.content import NEIGHBOURS, SEED
from warta.news.models import ArticlePage
from warta.readership.backends import get_backend
from warta.readership.backends.base import window_hours

WEEK_HOURS = 7 * 24
WIB_OFFSET = 7
# Readers per hour of the day in Jakarta (WIB), as a share of the busiest hours: few at night,
# most before work and in the evening.
DAY_SHAPE = (
    (0.3, 0.2, 0.1, 0.1, 0.2, 0.4)  # 00-05
    + (0.8, 1.0, 1.0, 0.9, 0.8, 0.7)  # 06-11
    + (0.8, 0.7, 0.6, 0.6, 0.7, 0.8)  # 12-17
    + (0.9, 1.0, 1.0, 0.9, 0.7, 0.5)  # 18-23
)
# Interest in a story falls by e after this many hours, down to a steady trickle of readers.
FADE_HOURS = 18
TRICKLE = 0.1
# More than the articles read in any hour of a demo: the count of each one is needed.
EVERY_ARTICLE = 100_000


def traits(slug):
    """Return the story's busiest hour of the week and its readers in that hour, from its slug."""
    digest = hashlib.sha256(slug.encode()).digest()
    return int.from_bytes(digest[:2]) % WEEK_HOURS, 12 + digest[2] % 40


def planned_reads(slug, hour):
    """Return how many demo readers open the story in the UTC hour starting at `hour`."""
    peak, readers = traits(slug)
    since_peak = (int(hour.timestamp()) // 3600 - peak) % WEEK_HOURS
    interest = TRICKLE + math.exp(-since_peak / FADE_HOURS)
    return round(readers * interest * DAY_SHAPE[(hour.hour + WIB_OFFSET) % 24])


def record_demo_reads(now=None):
    """Count the demo's readers of each hour of the last week that the counter lacks.

    Each hour is topped up to its planned reads, so running the demo again adds nothing twice.
    Return how many views were counted.
    """
    now = now or datetime.now(UTC)
    slugs = [demo.slug for demo in [SEED, *NEIGHBOURS]]
    articles = dict(ArticlePage.objects.live().filter(slug__in=slugs).values_list("pk", "slug"))
    backend = get_backend()
    backend.flush()  # views still buffered would be counted twice
    added = 0
    for hour in window_hours(WEEK_HOURS, now):
        counted = dict(backend.top(1, EVERY_ARTICLE, now=hour))
        span = min(now - hour, timedelta(hours=1))
        for article_id, slug in articles.items():
            missing = planned_reads(slug, hour) - counted.get(article_id, 0)
            for n in range(missing):
                backend.record(article_id, when=hour + span * (n + 0.5) / missing)
            added += max(missing, 0)
    backend.flush()
    return added
