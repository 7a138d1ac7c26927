"""Time one page's renders in this process and count their queries: warm, after a publish, cold.

    python bench/_render.py URL [--runs 20]

bench/delivery.py runs it with a server's environment (the page cache off) and reads the one
JSON line it prints. Each mode empties some caches before every measured render:

- warm: none; the data caches (body HTML, tags, related and newest cards) answer;
- after a publish: the articles' version is new, as after any publish, so the body, tags,
  related and newest cards are read again; sites, sections and picture renditions stay known;
- cold: every cache of the process is emptied, as after a restart with an empty Redis.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from warta.news import pictures
    from warta.news.latest import new_version

    def empty_every_cache():
        for alias in settings.CACHES:
            caches[alias].clear()
        pictures._memory.clear()

    modes = {"warm": lambda: None, "after a publish": new_version, "cold": empty_every_cache}
    client = Client()
    first = client.get(options.url)  # makes the renditions, as the publish does
    if first.status_code != 200:
        raise SystemExit(f"{options.url} answered {first.status_code}")
    results = {}
    for name, forget in modes.items():
        times, counts = [], []
        for _ in range(options.runs):
            forget()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(options.url)
                elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{options.url} answered {response.status_code} ({name})")
            times.append(elapsed * 1000)
            counts.append(len(queries))
        results[name] = {
            "p50": statistics.median(times),
            "queries": [min(counts), max(counts)],
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
