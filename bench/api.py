"""Benchmark the read API: latency and SQL queries per endpoint over N synthetic articles.

    python bench/api.py [--articles 2000] [--requests 40]

Loads the demo newsroom plus N synthetic articles (`warta demo --no-serve --articles N`) into
a throwaway SQLite database, or into DATABASE_URL when it is set, then calls each endpoint
in process through Django's test client with the page cache and the rate limit off, so each
figure is the API's own work: median and 95th percentile in milliseconds, and the number of
SQL queries of one request.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARTA = ROOT / ".venv" / "bin" / "warta"
PYTHON = ROOT / ".venv" / "bin" / "python"


def load(articles, env):
    started = time.monotonic()
    subprocess.run(
        [str(WARTA), "demo", "--no-serve", "--articles", str(articles)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        timeout=900,
    )
    # The synthetic loader writes rows in bulk: index them for search as `warta` documents.
    subprocess.run(
        [str(WARTA), "update_index"], check=True, env=env, stdout=subprocess.DEVNULL, timeout=900
    )
    return time.monotonic() - started


def count(queries, execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)


def measure(requests):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from taggit.models import Tag

    from warta.news.models import ArticlePage

    client = Client()
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    tag = Tag.objects.order_by("pk").first()
    urls = [
        "/api/v1/articles?page_size=20",
        "/api/v1/articles?page_size=100",
        f"/api/v1/articles?tag={tag.slug}&since=2000-01-01" if tag else "/api/v1/articles",
        "/api/v1/articles?ordering=title&page=20",
        f"/api/v1/articles/{article.pk}",
        "/api/v1/search?q=kenaikan+harga",
        "/api/v1/search?q=banjir&page_size=100",
        "/api/v1/tags?page_size=100",
        "/api/v1/reporters",
        "/api/v1/sections",
    ]
    print(f"{'endpoint':58} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for url in urls:
        client.get(url)  # renditions are made once, as for the site
        queries = []
        with connection.execute_wrapper(partial(count, queries)):
            status = client.get(url).status_code
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        flag = "" if status == 200 else f"  (status {status})"
        print(f"{url[:58]:58} {statistics.median(times):8.1f} {p95:8.1f} {len(queries):8d}{flag}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="warta-bench-api-") as var:
        env = dict(
            os.environ,
            WARTA_VAR_DIR=var,
            WARTA_PAGE_CACHE="0",
            WARTA_DEBUG="0",
            WARTA_API_RATE_LIMIT="off",
            DJANGO_SETTINGS_MODULE="warta.settings",
        )
        database = env.get("DATABASE_URL", "SQLite")
        print(f"Loading the demo and {args.articles} synthetic articles ({database.split(':')[0]})")
        print(f"Loaded in {load(args.articles, env):.0f} s")
        python = str(PYTHON if PYTHON.exists() else sys.executable)
        subprocess.run(
            [python, __file__, "--measure", "--requests", str(args.requests)],
            check=True,
            env=env,
            timeout=900,
        )


if __name__ == "__main__":
    main()
