"""Benchmark delivery side by side: the nginx limit, each cache's hit, and the render itself.

    python bench/delivery.py [--seconds 4] [--rounds 3] [--big 100000] [--uncached-only]
    python bench/delivery.py --quick   # a check that it runs: small databases, short runs

Needs PostgreSQL and Redis on 127.0.0.1 (as `make test` starts them), wrk and nginx (installed
from Debian when missing). Everything listens on loopback. Runs are interleaved round by
round, so a neighbour's load spreads over every scenario; the median run is reported:

1. limit: nginx serving the seed article's exact bytes from a file;
2. nginx's own proxy cache, in front of the app (deploy/nginx/warta.conf): nginx answers;
3. the app's own page cache: `warta serve` alone, no nginx, a page-cache hit;
4. page cache off, data caches warm: `warta serve` alone with WARTA_PAGE_CACHE=0; the body
   HTML, tags, related and newest cards come from its (file) cache: a repeat render;
5. the same at --big articles on PostgreSQL (`warta demo --articles`).

Then one render at a time in one process (bench/_render.py), with its SQL queries counted in
that process, at both sizes: warm (as 4 and 5), after a publish (the articles' cached parts
read again: the first reader after a publish) and cold (every cache empty).

The databases (warta_bench_delivery_1k and _100k, or --databases PREFIX_1k and _100k) are
kept between runs and only topped up. --uncached-only runs 4 and 5 alone, without nginx.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARTA = ROOT / ".venv" / "bin" / "warta"
PG = os.environ.get("WARTA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# The demo's images, kept with the databases (the checkout's var/ is not committed).
MEDIA = ROOT / "var" / "bench-media"
REDIS = os.environ.get("WARTA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
LIMIT = "1. limit: nginx serving the same bytes from a file"
NGINX_HIT = "2. nginx proxy-cache hit (app behind it)"
APP_HIT = "3. warta serve alone, page-cache hit"
WARM = "4. warta serve, page cache off, data caches warm, {size} articles"
TARGETS = {NGINX_HIT: 0.9, APP_HIT: 0.3}


def need(command, package):
    if shutil.which(command) or Path(f"/usr/sbin/{command}").exists():
        return
    print(f"Installing {package} from Debian for the benchmark...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", RUNLEVEL="1")
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.read()
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def warta_env(database, var_dir, **extra):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{database}",
        WARTA_VAR_DIR=str(var_dir),
        WARTA_STATIC_ROOT=str(var_dir / "static"),
        WARTA_MEDIA_ROOT=str(MEDIA),
        WARTA_ENV="production",
        SECRET_KEY="bench-" + "x" * 50,
        WARTA_ALLOWED_HOSTS="127.0.0.1,localhost",
        WARTA_SSL_REDIRECT="0",
        WARTA_SITE_NAME="Mercinews.com",
        REDIS_URL=REDIS,
    )
    env.update(extra)
    return env


def psql(database, sql):
    result = subprocess.run(
        ["psql", f"{PG}/{database}", "-tAc", sql], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def prepare_database(database, articles, var_dir):
    """Create the database, load the demo and top synthetic articles up to `articles`."""
    if psql("postgres", f"SELECT 1 FROM pg_database WHERE datname='{database}'") != "1":
        psql("postgres", f'CREATE DATABASE "{database}"')
    env = warta_env(database, var_dir, WARTA_ENV="development")
    subprocess.run([WARTA, "migrate", "--noinput", "-v0"], env=env, check=True)
    count = psql(database, "SELECT count(*) FROM news_articlepage") or "0"
    missing = articles - int(count)
    started = time.monotonic()
    args = ["demo", "--no-serve"] + (["--articles", str(missing)] if missing > 0 else [])
    subprocess.run([WARTA, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    if missing > 0:
        print(f"  {database}: added {missing} articles in {time.monotonic() - started:.0f} s")


def seed_url(database, var_dir):
    code = (
        "from warta.demo.content import SEED; from warta.news.models import ArticlePage;"
        "print(ArticlePage.objects.live().get(slug=SEED.slug).url)"
    )
    env = warta_env(database, var_dir, WARTA_ENV="development")
    out = subprocess.run(
        [WARTA, "shell", "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def render_costs(database, var_dir, url, runs):
    """Return bench/_render.py's figures: per mode, the median ms and the SQL queries."""
    env = warta_env(
        database,
        var_dir,
        WARTA_ENV="development",
        WARTA_PAGE_CACHE="0",
        WARTA_ALLOWED_HOSTS="testserver",
        REDIS_URL="",
    )
    out = subprocess.run(
        [
            ROOT / ".venv" / "bin" / "python",
            ROOT / "bench" / "_render.py",
            url,
            "--runs",
            str(runs),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def serve(stack, database, var_dir, port, **extra):
    env = warta_env(database, var_dir, **extra)
    log = open(var_dir / f"serve-{port}.log", "w")  # noqa: SIM115 - closed by the stack
    stack.callback(log.close)
    process = subprocess.Popen(
        [WARTA, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    stack.callback(stop, process)
    wait_for(f"http://127.0.0.1:{port}/robots.txt", timeout=120)
    return process


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def nginx_config(work, limit_port, proxy_port, app_port, static_root):
    """Write an nginx.conf: the limit server, and deploy/nginx/warta.conf pointed at the app."""
    site = (ROOT / "deploy" / "nginx" / "warta.conf").read_text()
    site = site.replace("/var/cache/nginx/warta", str(work / "cache"))
    site = re.sub(r"upstream warta_app \{.*?\n\}", "", site, flags=re.S)
    site = site.replace("proxy_pass http://warta_app;", f"proxy_pass http://127.0.0.1:{app_port};")
    # Plain http on the cached server, as before https shipped: drop the redirect server.
    site = re.sub(r"# Plain http only redirects.*?\n\}\n", "", site, count=1, flags=re.S)
    site = re.sub(
        r"listen 443 ssl http2;[^\n]*\n\s*listen \[::\]:443 ssl http2;",
        f"listen 127.0.0.1:{proxy_port};",
        site,
    )
    site = re.sub(r"\n\s*ssl_[^\n]*", "", site)
    site = site.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{free_port()};")
    site = site.replace("/var/lib/warta/static/", f"{static_root}/")
    site = site.replace("/var/lib/warta/media/", f"{MEDIA}/")
    modules = "\n".join(
        f"include {path};" for path in sorted(Path("/etc/nginx/modules-enabled").glob("*.conf"))
    )
    return f"""{modules}
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    # Debian's defaults, as a stock install has them: the site file must undo tcp_nopush.
    sendfile on;
    tcp_nopush on;
    upstream warta_app {{ server 127.0.0.1:{app_port}; keepalive 64; }}
    server {{
        listen 127.0.0.1:{limit_port};
        sendfile on;
        tcp_nopush off;
        tcp_nodelay on;
        keepalive_requests 10000;
        location = /seed.html {{ root {work}; default_type text/html; }}
    }}
{site}
}}
"""


def start_nginx(stack, work, var_dir, url, cached_port):
    """Start the limit and the production stack; return their scenarios."""
    limit_port, proxy_port = free_port(), free_port()
    conf = work / "nginx.conf"
    conf.write_text(nginx_config(work, limit_port, proxy_port, cached_port, var_dir / "static"))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([nginx, "-t", "-q", "-c", str(conf), "-e", str(work / "error.log")], check=True)
    subprocess.run([nginx, "-c", str(conf), "-e", str(work / "error.log")], check=True)
    stack.callback(
        lambda: subprocess.run(
            [nginx, "-c", str(conf), "-e", str(work / "error.log"), "-s", "quit"], check=False
        )
    )
    return {
        LIMIT: f"http://127.0.0.1:{limit_port}/seed.html",
        NGINX_HIT: f"http://127.0.0.1:{proxy_port}{url}",
        APP_HIT: f"http://127.0.0.1:{cached_port}{url}",
    }


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {"rate": rate, "p50": latency(50), "p99": latency(99), "errors": bool(non_2xx)}


def stop_on_sigterm(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")  # unwinds the stack: servers are stopped


def main():
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=4, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--big", type=int, default=100_000, help="articles in the large database")
    parser.add_argument(
        "--databases", default="warta_bench_delivery", help="prefix of the databases' names"
    )
    parser.add_argument("--small", type=int, default=1_000, help="articles in the small database")
    parser.add_argument("--renders", type=int, default=20, help="renders per mode in process")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="check that it runs: 200 and 400 articles, 1 s x 1 round, 3 renders per mode",
    )
    parser.add_argument(
        "--uncached-only",
        action="store_true",
        help="only the uncached article at both sizes (4 and 5), without nginx",
    )
    options = parser.parse_args()
    if options.quick:
        options.small, options.big, options.seconds, options.rounds = 200, 400, 1, 1
        options.renders = 3
        if options.databases == parser.get_default("databases"):
            options.databases = "warta_bench_quick"
    need("wrk", "wrk")
    if not options.uncached_only:
        need("nginx", "nginx-light")
        if not Path("/etc/nginx/modules-enabled/50-mod-http-cache-purge.conf").exists():
            need("__no_such_command__", "libnginx-mod-http-cache-purge")

    small, big = (f"{options.databases}_{label(n)}" for n in (options.small, options.big))
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="warta-bench-")))
        work.chmod(0o755)  # nginx's workers run as another user and read the page from here
        var_dir = work / "var"
        var_dir.mkdir()
        print("Preparing databases (kept between runs)...", flush=True)
        prepare_database(small, options.small, var_dir)
        prepare_database(big, options.big, var_dir)
        url = seed_url(small, var_dir)
        big_url = seed_url(big, var_dir)
        print("Rendering in process (warm, after a publish, cold)...", flush=True)
        renders = {
            options.small: render_costs(small, var_dir, url, options.renders),
            options.big: render_costs(big, var_dir, big_url, options.renders),
        }

        cached_port, uncached_port, big_port = free_port(), free_port(), free_port()
        subprocess.run(
            [WARTA, "collectstatic", "--noinput", "-v0"],
            env=warta_env(small, var_dir),
            check=True,
        )
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], check=True, capture_output=True)
        if not options.uncached_only:
            serve(stack, small, var_dir, cached_port)
        serve(stack, small, var_dir, uncached_port, WARTA_PAGE_CACHE="0", REDIS_URL="")
        serve(stack, big, var_dir, big_port, WARTA_PAGE_CACHE="0", REDIS_URL="")

        try:
            page = wait_for(f"http://127.0.0.1:{uncached_port}{url}", timeout=30)
        except SystemExit:
            raise SystemExit(
                f"The seed article does not render: see {var_dir}/serve-*.log. If its images "
                f"are missing from {MEDIA}, drop the databases {small} and {big} to reload them."
            ) from None
        scenarios = {
            WARM.format(size=f"{options.small:,}"): f"http://127.0.0.1:{uncached_port}{url}",
            "5. the same at "
            + f"{options.big:,} articles": f"http://127.0.0.1:{big_port}{big_url}",
        }
        if not options.uncached_only:
            (work / "seed.html").write_bytes(page)
            scenarios = start_nginx(stack, work, var_dir, url, cached_port) | scenarios
        for address in scenarios.values():
            for _ in range(3):
                wait_for(address)  # warm: the caches fill, the workers import everything
        results = {name: [] for name in scenarios}
        for number in range(options.rounds):
            print(f"Round {number + 1}/{options.rounds}...", flush=True)
            for name, address in scenarios.items():
                results[name].append(wrk(address, options.seconds))

    report(results, renders, len(page), options)


def median_run(runs):
    ordered = sorted(runs, key=lambda run: run["rate"])
    return ordered[len(ordered) // 2]


def label(articles):
    return f"{articles // 1000}k" if articles % 1000 == 0 else str(articles)


def report(results, renders, size, options):
    medians = {name: median_run(runs) for name, runs in results.items()}
    limit = medians.get(LIMIT, {}).get("rate")
    cpu = platform.processor() or platform.machine()
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        model = cpu
    print()
    print(
        f"Delivery benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
        f"{os.cpu_count()} cores ({model}), page {size:,} bytes, "
        f"wrk -t2 -c32 {options.seconds}s x {options.rounds} rounds interleaved, median run"
    )
    print()
    print("| scenario | req/s | p50 ms | p99 ms | x limit | target |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, run in medians.items():
        target = TARGETS.get(name)
        goal = f">= {target}x" if target else ""
        if name.startswith("4. "):
            goal = ">= 250 req/s"
        flag = " (errors!)" if run["errors"] else ""
        ratio = f"{run['rate'] / limit:.2f}" if limit else ""
        print(
            f"| {name}{flag} | {run['rate']:,.0f} | {run['p50']:.2f} | {run['p99']:.2f} "
            f"| {ratio} | {goal} |"
        )
    names = list(medians)
    small, big = medians[names[-2]]["rate"], medians[names[-1]]["rate"]
    print()
    ratio = f"{small / big:.2f}x" if big else "no answer at the larger size within wrk's timeout"
    print(
        f"Scale: {label(options.small)} / {label(options.big)} with the page cache off, data "
        f"caches warm = {ratio} (target <= 1.2x)"
    )
    print()
    print(
        f"One render at a time in one process, page cache off, median of {options.renders}; "
        "SQL queries counted in that process:"
    )
    print()
    print("| render | articles | p50 ms | SQL queries |")
    print("| --- | ---: | ---: | ---: |")
    for mode, meaning in (
        ("warm", "warm: data caches answer (a repeat view)"),
        ("after a publish", "after a publish: body, tags, related and newest read again"),
        ("cold", "cold: every cache empty (restart, empty Redis)"),
    ):
        for articles, figures in renders.items():
            low, high = figures[mode]["queries"]
            count = str(low) if low == high else f"{low}-{high}"
            print(f"| {meaning} | {articles:,} | {figures[mode]['p50']:.1f} | {count} |")
    summary = {name: round(run["rate"]) for name, run in medians.items()}
    print(json.dumps({"delivery": summary, "renders": {str(k): v for k, v in renders.items()}}))


if __name__ == "__main__":
    sys.exit(main())
