"""Soak test: mixed reader traffic against `warta serve` while the newsroom publishes and ingests.

    python bench/soak.py [--duration 300] [--connections 100] [--warmup 60] [--readers-only]

`make soak` runs it; it is not part of `make test`. On loopback, for a bounded time, wrk sends
70% article pages, 20% home and section pages, 5% searches and 5% feeds over 100 connections,
while a newsroom process publishes a new article or republishes an old one every few seconds
and `warta ingest` reads a local wire feed that grows. Reported: requests, 5xx and other
errors (target: no 5xx), p99 latency, and the growth of the app processes' memory (RSS) from
the end of the warm-up to the end (target: under 10%).

Needs PostgreSQL and Redis on 127.0.0.1 (as `make test` starts them) and wrk (installed from
Debian when missing). The database (warta_soak, or --database) is kept between runs.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from delivery import (  # noqa: E402 - the benchmark's helpers, from bench/
    WARTA,
    free_port,
    need,
    prepare_database,
    stop,
    stop_on_sigterm,
    wait_for,
    warta_env,
)
from ingest import serve_feeds  # noqa: E402

REDIS = os.environ.get("WARTA_SOAK_REDIS_URL", "redis://127.0.0.1:6379/7")
WEIGHTS = {"article": 70, "listing": 20, "search": 5, "feed": 5}
SEARCHES = ["banjir", "harga", "presiden", "gempa", "sepak bola", "pemilu", "jakarta", "rusia"]

# wrk: pick a kind of page by weight, then a page of that kind; count answers by status class.
LUA = r"""
local kinds, weights, paths = {}, {}, {}
local threads = {}
counts = {}  -- a global: done() reads each thread's copy with thread:get()

function setup(thread) table.insert(threads, thread) end

function init(args)
  for line in io.lines(args[1]) do
    local kind, path = line:match("^(%S+)%s+(%S+)$")
    if kind then
      if not paths[kind] then
        paths[kind] = {}
        table.insert(kinds, kind)
      end
      table.insert(paths[kind], path)
    end
  end
  for i, kind in ipairs(kinds) do weights[kind] = tonumber(args[i + 1]) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  for i = 1, 6 do counts[i] = 0 end
end

local function pick()
  local total = 0
  for _, kind in ipairs(kinds) do total = total + (weights[kind] or 0) end
  local r = math.random() * total
  for _, kind in ipairs(kinds) do
    r = r - (weights[kind] or 0)
    if r <= 0 then return kind end
  end
  return kinds[#kinds]
end

function request()
  local list = paths[pick()]
  return wrk.format("GET", list[math.random(#list)], {["Host"] = "localhost"})
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, requests)
  local total = {0, 0, 0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for i = 1, 6 do total[i] = total[i] + (c[i] or 0) end
  end
  io.write(string.format(
    "SOAK {\"requests\": %d, \"2xx\": %d, \"3xx\": %d, \"4xx\": %d, \"5xx\": %d, "
    .. "\"socket_errors\": %d, \"timeouts\": %d, \"p50_ms\": %.2f, \"p99_ms\": %.2f, "
    .. "\"max_ms\": %.2f, \"seconds\": %.1f}\n",
    summary.requests, total[2], total[3], total[4], total[5],
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.duration / 1e6))
end
"""

NEWSROOM = r"""
import os, random, time
from wagtail.rich_text import RichText
from warta.news.models import ArticlePage, SectionPage

deadline, every = float(os.environ["SOAK_DEADLINE"]), float(os.environ["SOAK_EVERY"])
sections = list(SectionPage.objects.live())
rng, count = random.Random(7), 0
while time.time() < deadline:
    count += 1
    if count % 2:
        section = rng.choice(sections)
        article = ArticlePage(
            title=f"Kabar soak nomor {count} dari {section.title}",
            slug=f"kabar-soak-{int(time.time())}-{count}",
            lead="Artikel yang terbit selama uji ketahanan.",
            body=[("paragraph", RichText("<p>Paragraf pertama.</p><p>Paragraf kedua.</p>"))],
        )
        section.add_child(instance=article)
        article.save_revision().publish()
    else:
        article = ArticlePage.objects.live().order_by("?").first()
        article.title = article.title.split(" (diperbarui")[0] + f" (diperbarui {count})"
        article.save_revision().publish()
    print("published", count, flush=True)
    time.sleep(every)
"""


class WireServer:
    """A local wire whose RSS feed gains an item every few seconds."""

    def __init__(self, every):
        started, self.every = time.time(), every

        def feed(path):
            count = 1 + int((time.time() - started) / every)
            items = "".join(
                f"<item><title>Kabar wire nomor {n} soal {escape(word)}</title>"
                f"<guid>soak-{int(started)}-{n}</guid>"
                f"<description>Berita kawat ke-{n} tentang {escape(word)} dan "
                f"{escape(other)} dari koresponden {n * 17}.</description>"
                f"<pubDate>{format_datetime(datetime.now(UTC))}</pubDate></item>"
                for n in range(max(0, count - 20), count)
                for word, other in [(SEARCHES[n % 8], SEARCHES[(n * 3 + 1) % 8])]
            )
            return (
                '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Wire</title><link>http://wire.invalid/</link>{items}"
                "</channel></rss>"
            ).encode()

        self.httpd = serve_feeds(feed)
        self.port = self.httpd.server_address[1]


def shell(env, code, *args):
    done = subprocess.run(
        [WARTA, "shell", "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def reader_paths(env, hot):
    """Return {kind: [paths]} of the live site; articles: the `hot` newest."""
    code = (
        "import json; from warta.news.models import ArticlePage, SectionPage;"
        f"articles = [a.url for a in ArticlePage.objects.live().order_by('-pk')[:{hot}]];"
        "sections = [s.url for s in SectionPage.objects.live()];"
        "print(json.dumps({'article': articles, 'section': sections}))"
    )
    found = json.loads(shell(env, code).strip().splitlines()[-1])
    feeds = ["/feed/", "/feed/atom/"] + [path + "feed/" for path in found["section"]]
    return {
        "article": found["article"],
        "listing": ["/"] * len(found["section"]) + found["section"],
        "search": [f"/cari/?q={word.replace(' ', '+')}" for word in SEARCHES],
        "feed": feeds,
    }


def process_tree(pid):
    """Return pid and every descendant's pid."""
    children = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(status.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_kib(pid):
    total = 0
    for member in process_tree(pid):
        try:
            text = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", text)
        total += int(match.group(1)) if match else 0
    return total


def ingest_until(env, deadline, every, codes):
    """Run `warta ingest --all` every `every` seconds until the deadline; keep the exit codes."""
    while time.time() + 1 < deadline:
        started = time.time()
        ran = subprocess.run([WARTA, "ingest", "--all"], env=env, capture_output=True, check=False)
        codes.append(ran.returncode)
        time.sleep(max(0.0, min(every - (time.time() - started), deadline - time.time())))


def warm(base, paths):
    """Ask for every page once, as a news day's readers already have: renditions, page cache."""
    started = time.monotonic()
    every = sorted({path for items in paths.values() for path in items})
    print(f"Warming {len(every)} pages...", flush=True)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda path: wait_for(base + path, timeout=300), every))
    print(f"  warmed in {time.monotonic() - started:.0f} s", flush=True)


def main():
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds of traffic")
    parser.add_argument("--warmup", type=int, default=None, help="seconds before memory counts")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--articles", type=int, default=1000, help="articles in the database")
    parser.add_argument("--database", default="warta_soak")
    parser.add_argument(
        "--hot", type=int, default=300, help="newest articles readers ask for (a news day)"
    )
    parser.add_argument("--publish-every", type=float, default=20.0, help="seconds")
    parser.add_argument("--ingest-every", type=float, default=30.0, help="seconds")
    parser.add_argument(
        "--readers-only", action="store_true", help="no publishing and no ingest: a baseline"
    )
    options = parser.parse_args()
    warmup = options.warmup if options.warmup is not None else min(60, options.duration // 5)
    need("wrk", "wrk")

    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="warta-soak-")))
        var_dir = work / "var"
        var_dir.mkdir()
        print(f"Preparing {options.database} (kept between runs)...", flush=True)
        prepare_database(options.database, options.articles, var_dir)
        wire = WireServer(every=5)
        stack.callback(wire.httpd.shutdown)
        env = warta_env(
            options.database,
            var_dir,
            REDIS_URL=REDIS,
            WARTA_INGEST_ALLOW_HOSTS=f"127.0.0.1:{wire.port}",
        )
        dev_env = env | {"WARTA_ENV": "development"}
        subprocess.run([WARTA, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], check=True, capture_output=True)
        shell(
            dev_env,
            "from warta.news.models import Source, SectionPage;"
            "Source.objects.update_or_create(name='Soak Wire', defaults={"
            f"'feed_url': 'http://127.0.0.1:{wire.port}/rss', 'auto_publish': True,"
            "'section': SectionPage.objects.live().first()})",
        )
        paths = reader_paths(dev_env, options.hot)
        path_file = work / "paths.txt"
        path_file.write_text(
            "".join(f"{kind} {path}\n" for kind, items in paths.items() for path in items)
        )
        (work / "soak.lua").write_text(LUA)

        port = free_port()
        log = stack.enter_context(open(var_dir / "serve.log", "w"))
        server = subprocess.Popen(
            [WARTA, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        stack.callback(stop, server)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/robots.txt", timeout=120)
        warm(base, paths)

        started = time.time()
        deadline = started + options.duration
        every = options.publish_every
        # --readers-only: the newsroom stops at once, to compare with a quiet newsroom.
        work_until = started if options.readers_only else deadline
        newsroom = subprocess.Popen(
            [WARTA, "shell", "-c", NEWSROOM],
            env=dev_env | {"SOAK_DEADLINE": str(work_until), "SOAK_EVERY": str(every)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        stack.callback(stop, newsroom)
        kinds = list(paths)
        load = subprocess.Popen(
            ["wrk", "-t2", f"-c{options.connections}", f"-d{options.duration}s", "--timeout", "10s"]
            + ["-s", str(work / "soak.lua"), base, "--", str(path_file)]
            + [str(WEIGHTS[kind]) for kind in kinds],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        stack.callback(stop, load)
        print(
            f"Soaking for {options.duration} s at {options.connections} connections "
            f"(memory counted after {warmup} s)...",
            flush=True,
        )
        ingests = []  # return codes of the `warta ingest` runs
        ingester = threading.Thread(
            target=ingest_until, args=(dev_env, work_until - 5, options.ingest_every, ingests)
        )
        ingester.start()
        samples = []
        while load.poll() is None:
            samples.append((time.time() - started, rss_kib(server.pid)))
            time.sleep(2)
        ingester.join()
        output = load.stdout.read()
        newsroom.wait(timeout=120)
        said = newsroom.stdout.read()
        published = said.count("published")
        if newsroom.returncode != 0:
            raise SystemExit(f"The newsroom process failed:\n{said[-3000:]}")

    match = re.search(r"^SOAK (\{.*\})$", output, re.M)
    if not match:
        raise SystemExit(f"wrk gave no summary:\n{output}")
    result = json.loads(match.group(1))
    after = [kib for at, kib in samples if at >= warmup]
    if len(after) < 2:
        raise SystemExit("the run was too short to measure memory after the warm-up")
    # Averages of the first and last few samples: one worker's momentary peak is not growth.
    head, tail = after[: max(1, len(after) // 10)], after[-max(1, len(after) // 10) :]
    start_rss, end_rss = sum(head) / len(head), sum(tail) / len(tail)
    growth = (end_rss - start_rss) / start_rss * 100
    ingest_failures = sum(1 for code in ingests if code != 0)
    report(result, options, published, len(ingests), ingest_failures, start_rss, end_rss, growth)
    failed = result["5xx"] > 0 or growth >= 10 or ingest_failures
    raise SystemExit(1 if failed else 0)


def report(result, options, published, ingests, ingest_failures, start_rss, end_rss, growth):
    print()
    print(
        f"Soak, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {os.cpu_count()} cores, "
        f"{options.duration} s at {options.connections} connections, `warta serve` on "
        f"PostgreSQL + Redis, {options.articles:,} articles, {options.hot} of them read, "
        f"load average at the end {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| figure | value | target |")
    print("| --- | ---: | --- |")
    rate = result["requests"] / max(result["seconds"], 1)
    rows = [
        ("requests", f"{result['requests']:,} ({rate:,.0f}/s)", ""),
        ("5xx", f"{result['5xx']:,}", "0"),
        ("4xx", f"{result['4xx']:,}", ""),
        ("socket errors, timeouts", f"{result['socket_errors']}, {result['timeouts']}", ""),
        (
            "p50 / p99 / max latency",
            f"{result['p50_ms']:.0f} / {result['p99_ms']:.0f} / {result['max_ms']:.0f} ms",
            "",
        ),
        (
            "app RSS after warm-up -> end",
            f"{start_rss / 1024:,.0f} -> {end_rss / 1024:,.0f} MiB ({growth:+.1f}%)",
            "< +10%",
        ),
        ("articles published / republished", f"{published}", ""),
        ("`warta ingest` runs (failed)", f"{ingests} ({ingest_failures})", "0 failed"),
    ]
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    main()
