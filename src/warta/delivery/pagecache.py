"""The page cache: rendered pages in the `pages` cache (Redis for every app server, else files).

An entry is keyed by host, path and query. Purging a path bumps that path's version, which
retires every entry of it (all its query strings) in one write; a retired entry is kept only
as a last resort while the database is down. `touch_all()` bumps the generation: every entry
turns stale, so each page is rendered again once while readers keep getting the stale copy.
"""

import gzip
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.utils.http import http_date, parse_http_date_safe

from warta.delivery import memory, policy

GENERATION_KEY = "warta:pagegen"
GZIP_MIN_BYTES = 200
LOCK_SECONDS = 30  # a render that takes longer than this loses its lock


def cache():
    return caches["pages"]


def digest(text):
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def entry_key(host, path, query):
    return "warta:page:" + digest(f"{host.lower()}\n{path}\n{query}")


def version_key(path):
    return "warta:pagever:" + digest(path)


def lock_key(key):
    return key + ":lock"


@dataclass
class Entry:
    """A stored page: its bytes, compressed bytes and the headers it was rendered with."""

    version: int
    generation: int
    stored_at: float
    status: int
    headers: list
    body: bytes
    gzipped: bytes | None = None
    etag: str = ""
    last_modified: str = ""

    @classmethod
    def from_response(cls, response, body, version, generation):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in policy.PER_ANSWER_HEADERS
        ]
        gzipped = None
        if len(body) >= GZIP_MIN_BYTES:
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
            if len(compressed) < len(body):
                gzipped = compressed
        # A view's own validators (feeds) are kept; other pages get them from their bytes.
        etag = response.get("ETag") or f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
        stored_at = time.time()
        last_modified = response.get("Last-Modified") or http_date(stored_at)
        return cls(
            version,
            generation,
            stored_at,
            response.status_code,
            headers,
            body,
            gzipped,
            etag,
            last_modified,
        )

    def is_fresh(self, generation, now=None):
        return self.generation == generation and not self.expired(now)

    def expired(self, now=None):
        now = time.time() if now is None else now
        return now - self.stored_at >= policy.ttl()

    def answer_headers(self, accept_encoding, state, now=None):
        """Return the status line's headers and the body for one reader."""
        now = time.time() if now is None else now
        use_gzip = self.gzipped is not None and "gzip" in accept_encoding
        body = self.gzipped if use_gzip else self.body
        headers = list(self.headers)
        headers += [
            ("Content-Length", str(len(body))),
            ("ETag", self.etag),
            ("Last-Modified", self.last_modified),
            ("Cache-Control", policy.cache_control()),
            ("Vary", "Accept-Encoding"),
            ("Age", str(max(0, int(now - self.stored_at)))),
            ("X-Cache", state),
        ]
        if use_gzip:
            headers.append(("Content-Encoding", "gzip"))
        return headers, body

    def not_modified(self, if_none_match, if_modified_since):
        """Tell whether a conditional request can be answered with 304."""
        if if_none_match:
            tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
            return self.etag.removeprefix("W/") in tags or "*" in tags
        if if_modified_since:
            since = parse_http_date_safe(if_modified_since)
            modified = parse_http_date_safe(self.last_modified)
            return since is not None and modified is not None and modified <= since
        return False


@dataclass
class Lookup:
    """What the cache holds for one request: the entry and whether it may be served as is."""

    key: str
    entry: Entry | None
    version: int
    generation: int

    @property
    def current(self):
        """The entry, unless a purge retired it."""
        if self.entry is not None and self.entry.version == self.version:
            return self.entry
        return None

    @property
    def fresh(self):
        entry = self.current
        return entry if entry is not None and entry.is_fresh(self.generation) else None


def lookup(host, path, query, key=None):
    """Read a request's entry, its path's version and the generation in one round trip.

    `key` is the request's `entry_key()`, when the caller has it already.
    """
    key = key or entry_key(host, path, query)
    vkey = version_key(path)
    # With Redis gone, django-redis (IGNORE_EXCEPTIONS) reads as empty: the page is rendered.
    found = cache().get_many([key, vkey, GENERATION_KEY])
    entry = found.get(key)
    if not isinstance(entry, Entry):
        entry = None
    return Lookup(key, entry, found.get(vkey, 0), found.get(GENERATION_KEY, 0))


def store(found, response, body):
    entry = Entry.from_response(response, body, found.version, found.generation)
    cache().set(found.key, entry, timeout=policy.keep_for())
    return entry


def acquire(key):
    """Take the right to render `key`; None when the cache cannot be reached."""
    backend = cache()
    if isinstance(backend, FileBasedCache):
        return acquire_file(lock_path(backend, key))
    taken = backend.add(lock_key(key), 1, timeout=LOCK_SECONDS)
    return None if taken is None else bool(taken)


def release(key):
    backend = cache()
    if isinstance(backend, FileBasedCache):
        lock_path(backend, key).unlink(missing_ok=True)
    else:
        backend.delete(lock_key(key))


def lock_path(backend, key):
    return Path(backend._dir) / "locks" / digest(key)


def acquire_file(path):
    """Create the lock file atomically (the file cache's `add` is not atomic across workers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return True
        except FileExistsError:
            try:
                if time.time() - path.stat().st_mtime < LOCK_SECONDS:
                    return False
                path.unlink(missing_ok=True)  # left by a worker that died while rendering
            except FileNotFoundError:
                pass
        except OSError:
            return None
    return False


def purge_paths(paths):
    """Retire every stored page under each path (all hosts and query strings)."""
    paths = sorted(set(paths))
    if not paths:
        return 0
    stamp = time.time_ns()
    cache().set_many({version_key(path): stamp for path in paths}, timeout=None)
    memory.announce()
    return len(paths)


def touch_all():
    """Make every stored page stale: each is rendered once more while readers get the old copy."""
    cache().set(GENERATION_KEY, time.time_ns(), timeout=None)
    memory.announce()
