"""Each app process keeps its most read fresh pages in memory, forgotten the moment any is purged.

A hit read from Redis costs a round trip and unpickling the page (about 120 µs of the
process's time); a hit from memory costs a dictionary lookup (about 5 µs). Only the WSGI fast
path (`warta.delivery.wsgi`) uses it, and only with Redis as the page cache.

Every purge and `touch_all()` publishes a message on a Redis channel (`announce`). A thread in
each process listens on it and forgets everything it holds when a message arrives, so another
process's purge reaches it within milliseconds. While the thread is not subscribed (Redis
down, reconnecting) the memory is neither read nor filled. A copy is kept at most
`WARTA_PAGE_MEMORY_SECONDS`, in case a message is lost all the same.
"""

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

CHANNEL = "warta:pages-purged"
PING_SECONDS = 5
RETRY_SECONDS = 1


def channel():
    return caches["pages"].make_key(CHANNEL)


def redis_client():
    from django_redis import get_redis_connection

    return get_redis_connection("pages")


def uses_redis():
    return caches["pages"].__class__.__module__.startswith("django_redis")


def announce():
    """Tell every process that pages were purged; they drop what they hold in memory."""
    if not uses_redis():
        return
    try:
        redis_client().publish(channel(), b"purged")
    except Exception as error:  # noqa: BLE001 - Redis away: its listeners stopped using memory
        logger.warning("Could not announce a page purge: %s", error)


def entry_size(entry):
    return len(getattr(entry, "body", b"")) + len(getattr(entry, "gzipped", None) or b"")


class PageMemory:
    """Fresh page-cache entries of this process, by entry key, least recently read dropped.

    `budget` bounds the bytes held (a page counts its plain and its gzipped bytes); a page
    bigger than a quarter of it (a large sitemap) is not held at all.
    """

    def __init__(self, budget, seconds):
        self.budget = budget
        self.seconds = seconds
        self.held = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()
        # Bumped by every message and (re)subscription: a copy read from Redis before a purge
        # message arrived is not kept after it.
        self.epoch = 0
        self.listening = False
        self.stopped = threading.Event()

    def get(self, key):
        if not self.listening:
            return None
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            entry, until = found
            if until < time.monotonic():
                self.drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry, epoch):
        """Keep `entry`, read from Redis during `epoch`, unless a purge came in meanwhile."""
        size = entry_size(entry)
        with self.lock:
            if not self.listening or epoch != self.epoch or size > self.budget // 4:
                return
            if key in self.entries:
                self.drop(key)
            self.entries[key] = (entry, time.monotonic() + self.seconds)
            self.held += size
            while self.held > self.budget:
                self.drop(next(iter(self.entries)))

    def drop(self, key):
        entry, _until = self.entries.pop(key)
        self.held -= entry_size(entry)

    def forget(self):
        with self.lock:
            self.entries.clear()
            self.held = 0
            self.epoch += 1

    def stop_listening(self):
        with self.lock:
            self.listening = False
        self.forget()

    def listen(self):
        """Follow the purge channel until stopped, reconnecting whenever Redis goes away."""
        while not self.stopped.is_set():
            pubsub = None
            try:
                pubsub = redis_client().pubsub()
                pubsub.subscribe(channel())
                self.follow(pubsub)
            except Exception as error:  # noqa: BLE001 - any failure: stop using memory, retry
                logger.info("Page memory not in use (Redis: %s); retrying", error)
            finally:
                self.stop_listening()
                if pubsub is not None:
                    with contextlib.suppress(Exception):  # the connection is gone already
                        pubsub.close()
            self.stopped.wait(RETRY_SECONDS)

    def follow(self, pubsub):
        last_heard = time.monotonic()
        next_ping = last_heard + PING_SECONDS
        while not self.stopped.is_set():
            message = pubsub.get_message(timeout=1.0)
            now = time.monotonic()
            if message is not None:
                last_heard = now
                if message["type"] == "subscribe":
                    self.forget()
                    self.listening = True
                elif message["type"] == "message":
                    self.forget()
            if now >= next_ping:
                pubsub.ping()  # answered as a message: silence means the connection is dead
                next_ping = now + PING_SECONDS
            if now - last_heard > 2 * PING_SECONDS + 1:
                raise ConnectionError("no answer to the purge channel's pings")


_memory = None
_memory_pid = None
_start_lock = threading.Lock()


def for_this_process():
    """Return this process's PageMemory, started on first use; None when it is not used."""
    global _memory, _memory_pid
    if _memory_pid == os.getpid():
        return _memory
    with _start_lock:
        if _memory_pid != os.getpid():
            _memory = None
            budget = int(settings.WARTA_PAGE_MEMORY_MB * 1024 * 1024)
            if budget > 0 and uses_redis():
                _memory = PageMemory(budget, settings.WARTA_PAGE_MEMORY_SECONDS)
                threading.Thread(
                    target=_memory.listen, name="warta-page-memory", daemon=True
                ).start()
            _memory_pid = os.getpid()
    return _memory
