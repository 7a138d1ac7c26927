"""Two `warta serve` processes on one PostgreSQL and one Redis: stateless app servers.

A publish is visible through both at once; with PostgreSQL cut off, cached pages are still
served and other pages get the branded 503 quickly. PostgreSQL is reached through a proxy
this test cuts (never by stopping the shared server); Redis is a throwaway redis-server.
"""

import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.delivery.services import (
    WARTA,
    CuttableProxy,
    RedisServer,
    start_warta_serve,
    warta_env,
)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = "warta_delivery_e2e_template"
DATABASE = "warta_delivery_e2e"


def postgres_base():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"
    return "postgres://postgres@127.0.0.1:5432"


def psql(sql, database="postgres"):
    return subprocess.run(
        ["psql", f"{postgres_base()}/{database}", "-tAc", sql],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def warta(args, env, timeout=600):
    done = subprocess.run(
        [WARTA, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"warta {args[0]} failed:\n{done.stderr[-3000:]}"
    return done


def media_root():
    """The template database's images: kept beside it, in the test run's var dir."""
    from django.conf import settings

    return Path(settings.VAR_DIR) / "delivery-e2e-media"


def base_env(tmp_path, database_url, redis_url):
    return warta_env(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        WARTA_VAR_DIR=str(tmp_path / "var"),
        WARTA_MEDIA_ROOT=str(media_root()),
        WARTA_SITE_NAME="Mercinews.com",
        WARTA_DB_CONNECT_TIMEOUT="2",
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A copy of a demo database kept as a template between runs (loading it takes a while)."""
    if psql("SELECT 1").returncode != 0:
        pytest.skip("PostgreSQL is not reachable on " + postgres_base())
    tmp = tmp_path_factory.mktemp("e2e")
    env = base_env(tmp, f"{postgres_base()}/{TEMPLATE}", "")
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname='{TEMPLATE}'").stdout.strip() == "1"
    if exists and not (media_root() / "original_images").is_dir():
        psql(f'DROP DATABASE "{TEMPLATE}" WITH (FORCE)')  # its images are gone: load it again
        exists = False
    if not exists:
        psql(f'CREATE DATABASE "{TEMPLATE}"')
        warta(["demo", "--no-serve"], env)
    else:
        warta(["migrate", "--noinput", "-v0"], env)  # a template from before new migrations
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    created = psql(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{TEMPLATE}"')
    assert created.returncode == 0, created.stderr
    yield DATABASE
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def get(url, timeout=10):
    """Return (status, headers, text, seconds) for a GET, errors included."""
    started = time.monotonic()
    # One site name for both servers, as the front server sends it (the cache key has the host).
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
            body, status, headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, error.headers
    return status, headers, body.decode(), time.monotonic() - started


def wait_until_up(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"warta serve exited: {process.stdout.read()}")
        try:
            return get(url, timeout=5)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {timeout} s")


@pytest.fixture
def stack(database, tmp_path):
    """Two app servers behind nothing, on PostgreSQL through a proxy and a throwaway Redis."""
    redis = RedisServer()
    redis.start()
    host, port = urlsplit(postgres_base()).hostname, urlsplit(postgres_base()).port or 5432
    proxy = CuttableProxy(host, port)
    proxy.start()
    netloc = urlsplit(postgres_base()).netloc.rsplit("@", 1)[0]
    proxied = f"postgres://{netloc}@127.0.0.1:{proxy.port}/{database}"
    env = base_env(tmp_path, proxied, redis.url)
    servers = []
    for _ in range(2):
        servers.append(start_warta_serve(env))
    try:
        for address, process in servers:
            wait_until_up(address + "/robots.txt", process)
        yield {
            "servers": [address for address, _ in servers],
            "proxy": proxy,
            "direct_env": base_env(tmp_path, f"{postgres_base()}/{database}", redis.url),
        }
    finally:
        for _, process in servers:
            process.terminate()
        for _, process in servers:
            try:
                # pytest shows this only for a failed test: the server's own account of it.
                print(f"warta serve said:\n{process.communicate(timeout=15)[0][-6000:]}")
            except subprocess.TimeoutExpired:
                process.kill()
        proxy.cut()
        redis.stop()


def seed_path(env):
    code = (
        "from warta.demo.content import SEED; from warta.news.models import ArticlePage;"
        "print(ArticlePage.objects.get(slug=SEED.slug).url)"
    )
    return warta(["shell", "-c", code], env).stdout.strip().splitlines()[-1]


def publish_title(env, title):
    code = (
        "from warta.demo.content import SEED; from warta.news.models import ArticlePage;"
        "page = ArticlePage.objects.get(slug=SEED.slug);"
        f"page.title = {title!r};"
        "page.save_revision().publish()"
    )
    warta(["shell", "-c", code], env)


# Its servers use PostgreSQL whatever the pass: once, in the PostgreSQL pass, is enough.
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://...)",
)
def test_two_servers_share_the_cache_and_survive_a_lost_database(stack):
    one, two = stack["servers"]
    path = seed_path(stack["direct_env"])

    # The first render makes the image renditions (AVIF is slow to encode): allow for it.
    status, headers, text, _ = get(one + path, timeout=180)
    assert status == 200 and headers["X-Cache"] in ("MISS", "HIT")
    status, headers, _, _ = get(two + path)
    assert (status, headers["X-Cache"]) == (200, "HIT"), "the second server reads the shared cache"

    # A publish (from a third process: neither server is told) shows through both at once.
    publish_title(stack["direct_env"], "Putin menyebut Taliban sekutu: judul diperbarui")
    for server in (one, two):
        status, _, text, _ = get(server + path, timeout=60)
        assert status == 200
        assert "judul diperbarui" in text, server

    stack["proxy"].cut()  # PostgreSQL is gone for both servers
    for server in (one, two):
        status, _, text, seconds = get(server + path)
        assert status == 200, "a cached page is served without the database"
        assert "judul diperbarui" in text
        status, _, text, seconds = get(server + "/tag/tidak-pernah-dibuka/")
        assert status == 503
        assert seconds < 3
        assert "Mercinews.com" in text
        assert "Sedang tidak tersedia" in text, "the 503 page speaks Indonesian"

    stack["proxy"].start()  # back: the servers reconnect by themselves
    deadline = time.monotonic() + 30
    while True:
        status, _, _, _ = get(one + "/penulis/tidak-ada-juga/")
        if status != 503 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 404
