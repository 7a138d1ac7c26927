"""Benchmark discovery: search latency and the related-list computation, at scale.

    python bench/search.py [--sizes 10000 100000] [--queries 200] [--related 30] [--keep DIR]

Works on a throwaway SQLite database in a temporary folder (or in DIR with --keep, so a later
run measures the same articles again without loading them), or on DATABASE_URL when it names
a scratch PostgreSQL database (its tables are created by migrate; it should start empty).
For each size it bulk-loads synthetic Indonesian articles (warta.demo.synthetic), indexes
them with the Indonesian analysis through Wagtail's search backend, builds the related-news
vectors, then prints:
  - search p50/p95 (ms) for a mix of Indonesian queries (root words, affixed forms, names,
    two- and three-word queries), the whole path a reader waits for: analysis, the backend's
    ranking, the recency boost and the first page's highlighted snippets;
  - the time to compute one new article's related list (p50/p95), and the whole publish-time
    task (list plus its neighbours' lists).
Beside wall-clock times it prints the CPU time of the benchmark's own process and the machine's
load: on a shared machine the CPU time shows the work itself (on SQLite it includes the
database's; on PostgreSQL the mean adds the server process's CPU, read from /proc).
Sizes grow in place: 100000 adds 90000 to the 10000 already measured; an interrupted load
resumes. --load-only loads and measures nothing; --search-only skips the vectors and related
news.
"""

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

QUERIES = [
    "banjir",
    "kebanjiran",
    "harga beras",
    "kenaikan harga",
    "menaikkan tarif",
    "presiden",
    "pembangunan jalan tol",
    "gubernur jakarta",
    "pendidikan",
    "sekolah rusak",
    "korupsi anggaran",
    "kesehatan warga",
    "timnas",
    "pertandingan sepak bola",
    "bali",
    "bekasi macet",
    "menteri keuangan",
    "inflasi",
    "pemilu",
    "gempa",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def millis(seconds):
    return f"{seconds * 1000:.1f}"


def server_cpu():
    """Return the CPU seconds used so far by the PostgreSQL process serving this connection.

    Read from /proc when the server runs on this machine (10 ms ticks: meaningful summed over
    many queries, not for one); 0 on SQLite, whose work is in this process's CPU time.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def setup_django(workdir):
    os.environ["WARTA_VAR_DIR"] = str(workdir)  # never the developer's own database
    os.environ["DJANGO_SETTINGS_MODULE"] = "warta.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):  # a kept database may be ready
        call_command("migrate", verbosity=0)


def grow(target, vectors=True):
    """Add synthetic articles up to `target`, index them and build their vectors; return timings.

    Each step picks up where an interrupted run left off: missing articles are added, articles
    missing from the search index are indexed, and vectors are rebuilt if some lack one.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from warta.demo.synthetic import add_synthetic_articles
    from warta.discovery.models import ArticleTerm
    from warta.discovery.related import rebuild_vectors
    from warta.news.models import ArticlePage

    timings = {}
    have = ArticlePage.objects.count()
    if have < target:
        started = time.monotonic()
        add_synthetic_articles(target - have)
        timings["generate"] = time.monotonic() - started

    content_type = ContentType.objects.get_for_model(ArticlePage)
    indexed = set(
        IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    )
    ids = [
        pk
        for pk in ArticlePage.objects.order_by("pk").values_list("pk", flat=True)
        if str(pk) not in indexed
    ]
    if ids:
        started = time.monotonic()
        index = get_search_backend().get_index_for_model(ArticlePage)
        for start in range(0, len(ids), 1000):
            chunk = ArticlePage.objects.filter(pk__in=ids[start : start + 1000])
            with transaction.atomic():
                index.add_items(ArticlePage, list(chunk.prefetch_related("tags")))
        timings["index"] = time.monotonic() - started

    with_vectors = ArticleTerm.objects.values("article_id").distinct().count()
    if vectors and with_vectors < ArticlePage.objects.live().count() * 0.99:
        started = time.monotonic()
        ArticleTerm.objects.all().delete()
        with transaction.atomic():
            rebuild_vectors(ArticlePage.objects.live())
        timings["vectors"] = time.monotonic() - started
    if timings and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a running site
    return timings


def measure_search(rounds, rng):
    from warta.discovery.search import search

    times, cpu, hits = [], [], []
    server_before = server_cpu()
    for _ in range(rounds):
        query = rng.choice(QUERIES)
        started, started_cpu = time.perf_counter(), time.process_time()
        results = search(query)
        results.hits(results.ids[:10])
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        hits.append(len(results))
    server = (server_cpu() - server_before) / rounds
    return times, cpu, server, statistics.mean(hits)


def measure_related(rounds, rng):
    from django.core.cache import cache

    from warta.discovery import related
    from warta.news.models import ArticlePage

    ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    cache.delete(related.CORPUS_SIZE_KEY)
    related.corpus_size()  # warm, as a running site would be
    list_times, list_cpu, task_times = [], [], []
    server = 0.0
    for pk in rng.sample(ids, rounds):
        article = ArticlePage.objects.get(pk=pk)
        server_before = server_cpu()
        started, started_cpu = time.perf_counter(), time.process_time()
        weights = related.vector(article)
        ranked = related.rank(article, related.similar(article, weights))
        list_times.append(time.perf_counter() - started)
        list_cpu.append(time.process_time() - started_cpu)
        server += server_cpu() - server_before
        started = time.perf_counter()
        related.refresh(article)
        task_times.append(time.perf_counter() - started)
        assert pk not in [other for other, _ in ranked]
    return list_times, list_cpu, server / rounds, task_times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--related", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="folder of a SQLite database to keep and reuse")
    parser.add_argument("--load-only", action="store_true", help="load articles, measure nothing")
    parser.add_argument("--search-only", action="store_true", help="no vectors, no related news")
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            workdir = args.keep
        else:
            workdir = stack.enter_context(tempfile.TemporaryDirectory(prefix="warta-bench-"))
        setup_django(Path(workdir))
        from django.db import connection

        rng = random.Random(2024)  # noqa: S311 - benchmark sampling
        print(f"database: {connection.vendor}")
        for size in sorted(args.sizes):
            timings = grow(size, vectors=not args.search_only)
            loaded = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings.items())
            print(f"\n{size} articles ({loaded})")
            if args.load_only:
                continue
            measure_search(10, rng)  # warm caches and the stemmer
            times, cpu, server, mean_hits = measure_search(args.queries, rng)
            print(
                f"  search   p50 {millis(percentile(times, 0.5))} ms   "
                f"p95 {millis(percentile(times, 0.95))} ms   "
                f"(CPU of this process p50 {millis(percentile(cpu, 0.5))} ms   "
                f"p95 {millis(percentile(cpu, 0.95))} ms, "
                f"mean with the database server's {millis(statistics.mean(cpu) + server)} ms; "
                f"{args.queries} queries, {mean_hits:.0f} matches on average)"
            )
            print(f"  machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            if args.search_only:
                continue
            list_times, list_cpu, server, task_times = measure_related(args.related, rng)
            print(
                f"  related  list p50 {millis(percentile(list_times, 0.5))} ms   "
                f"p95 {millis(percentile(list_times, 0.95))} ms   "
                f"(CPU p50 {millis(percentile(list_cpu, 0.5))} ms   "
                f"p95 {millis(percentile(list_cpu, 0.95))} ms, "
                f"mean with the server's {millis(statistics.mean(list_cpu) + server)} ms)   "
                f"publish task p50 {millis(percentile(task_times, 0.5))} ms   "
                f"p95 {millis(percentile(task_times, 0.95))} ms   ({args.related} articles)"
            )
            print(f"  machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
