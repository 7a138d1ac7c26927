"""Counts in Redis: one sorted set per hour, summed with ZUNIONSTORE for a window."""

import logging
import uuid
from datetime import UTC, datetime

from django.conf import settings

import redis

from warta.readership.backends.base import KEEP, BaseBackend, hour_of, window_hours

logger = logging.getLogger(__name__)


class RedisBackend(BaseBackend):
    def __init__(self, location=None, prefix=None, **options):
        super().__init__(**options)
        self.client = redis.Redis.from_url(
            location or settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        cache_prefix = settings.CACHES["default"].get("KEY_PREFIX") or "warta"
        self.prefix = prefix or f"{cache_prefix}:readership"

    def key(self, hour):
        return f"{self.prefix}:{hour:%Y%m%d%H}"

    def record(self, article_id, when=None):
        hour = hour_of(when or datetime.now(UTC))
        key = self.key(hour)
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.zincrby(key, 1, article_id)
            pipe.expireat(key, int((hour + KEEP).timestamp()))
            pipe.execute()
        except redis.RedisError:
            # A view lost while Redis is away is better than a reader's error.
            logger.warning("Redis is unreachable: a view was not counted", exc_info=True)

    def top(self, hours, limit, now=None):
        keys = [self.key(hour) for hour in window_hours(hours, now)]
        scratch = f"{self.prefix}:window:{uuid.uuid4().hex}"
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.zunionstore(scratch, keys)
            pipe.zrevrange(scratch, 0, limit - 1, withscores=True)
            pipe.delete(scratch)
            ranked = pipe.execute()[1]
        except redis.RedisError:
            logger.warning("Redis is unreachable: most-read list left empty", exc_info=True)
            return []
        return [(int(member), int(score)) for member, score in ranked]

    def clear(self):
        keys = list(self.client.scan_iter(f"{self.prefix}:*"))
        if keys:
            self.client.delete(*keys)
