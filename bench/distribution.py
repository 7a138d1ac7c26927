"""Benchmark feeds and sitemaps on a throwaway database of synthetic articles.

    python bench/distribution.py [--articles 10000]

Prints the time, size, SQL queries and peak Python memory of the article sitemap, the news
sitemap, the index and the feeds, rendered by the views: the page cache is off for every timed
and memory row (a warm-up's cached copy would answer them). The memory ratio between a sitemap
chunk of all articles and one of a quarter of them shows the streaming: it stays near 1 while
the output grows four-fold. The last row is a sitemap chunk through the page cache, missed:
the cache keeps a copy of whatever it streams (up to WARTA_PAGE_CACHE_MAX_BYTES, 8 MiB), so
there memory follows the chunk's size.

    python bench/distribution.py --articles 400   # a quick check that it runs
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def setup(var_dir):
    os.environ["WARTA_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.WARTA_PAGE_CACHE = False  # measure the views; the page cache has its own row
    settings.MEDIA_ROOT = Path(var_dir) / "media"
    call_command("migrate", verbosity=0)


def fetch(client, url):
    """Return (seconds, bytes, queries) for one GET, consuming a streamed body."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:  # count the bytes without keeping them, as a server would
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
        elapsed = time.perf_counter() - started
    assert response.status_code in (200, 304), (url, response.status_code)
    return elapsed, size, len(queries), response


def peak_memory(client, url):
    tracemalloc.start()
    tracemalloc.reset_peak()
    fetch(client, url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def profile(client, url):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(fetch, client, url)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--profile", metavar="URL", help="profile one request instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as var_dir:
        setup(var_dir)
        from django.test import Client
        from django.test.utils import override_settings

        from warta.demo.synthetic import add_synthetic_articles

        started = time.perf_counter()
        add_synthetic_articles(args.articles)
        print(f"{args.articles} synthetic articles in {time.perf_counter() - started:.1f} s")

        client = Client()
        if args.profile:
            return profile(client, args.profile)
        fetch(client, "/feed/")  # renditions are made on the first request
        print(f"{'request':32} {'ms':>8} {'KiB':>8} {'queries':>8}")
        for url in (
            "/sitemap.xml",
            "/sitemap-articles-1.xml",
            "/sitemap-news.xml",
            "/sitemap-pages.xml",
            "/feed/",
            "/feed/atom/",
            "/umum/feed/",
        ):
            seconds, size, queries, response = fetch(client, url)
            print(f"{url:32} {seconds * 1000:8.1f} {size / 1024:8.1f} {queries:8}")
        etag = fetch(client, "/feed/")[3]["ETag"]
        client.defaults["HTTP_IF_NONE_MATCH"] = etag
        seconds, size, queries, response = fetch(client, "/feed/")
        print(
            f"{'/feed/ (304 revalidation)':32} {seconds * 1000:8.1f} {size / 1024:8.1f} {queries:8}"
        )
        client.defaults.pop("HTTP_IF_NONE_MATCH")

        fifth = max(1, args.articles // 4)
        sizes = {}
        for urls in (fifth, args.articles):
            with override_settings(WARTA_SITEMAP_PAGE_SIZE=urls):
                sizes[urls] = fetch(client, "/sitemap-articles-1.xml")[1]
                small_or_large = peak_memory(client, "/sitemap-articles-1.xml")
            print(
                f"peak Python memory streaming a chunk of {urls} URLs ({sizes[urls] / 1024:.0f} "
                f"KiB, page cache off): {small_or_large / 1024:.0f} KiB"
            )
            sizes[urls] = small_or_large
        small, large = sizes[fifth], sizes[args.articles]
        print(f"memory ratio {large / small:.2f} for {args.articles / fifth:.0f}x the URLs")
        with override_settings(WARTA_SITEMAP_PAGE_SIZE=args.articles, WARTA_PAGE_CACHE=True):
            from django.core.cache import caches

            caches["pages"].clear()
            missed = peak_memory(client, "/sitemap-articles-1.xml")
        print(
            f"the same {args.articles}-URL chunk through the page cache, missed: "
            f"{missed / 1024:.0f} KiB (the cache keeps a copy up to 8 MiB)"
        )


if __name__ == "__main__":
    main()
