"""Fetching refuses every address inside the newsroom's network before opening a socket."""

import gzip
import socket
import zlib

import pytest

from tests.ingest.server import Route
from warta.ingest import fetch as fetching
from warta.ingest.fetch import FetchError, RefusedAddress, fetch

REFUSED = [
    "http://127.0.0.1/feed",
    "http://localhost/feed",
    "http://10.1.2.3/feed",
    "http://172.16.0.1/feed",
    "http://192.168.1.1/feed",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/feed",
    "http://100.100.100.200/latest/meta-data/",
    "http://0.0.0.0/feed",
    "http://[::1]/feed",
    "http://[fe80::1]/feed",
    "http://[fd00:ec2::254]/feed",
    "http://[::ffff:127.0.0.1]/feed",
    "http://[::ffff:a01:203]/feed",
    "http://[::127.0.0.1]/feed",
    "http://[64:ff9b::7f00:1]/feed",
    "http://[64:ff9b:1::a00:1]/feed",
    "http://[2002:7f00:1::]/feed",
    "http://2130706433/feed",
    "http://0x7f000001/feed",
    "http://127.1/feed",
    "http://0177.0.0.1/feed",
    "http://017700000001/feed",
]


@pytest.mark.parametrize("url", REFUSED)
def test_non_global_addresses_are_refused_before_connecting(url, connections):
    with pytest.raises(RefusedAddress, match="private or reserved"):
        fetch(url, max_bytes=1000)
    assert connections == [] and connections.sockets == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://wire.example/feed",
        "gopher://wire.example/",
        "http://user:secret@wire.example/feed",
        "http:///feed",
    ],
)
def test_other_schemes_and_credentials_are_refused(url, connections):
    with pytest.raises(RefusedAddress):
        fetch(url, max_bytes=1000)
    assert connections == [] and connections.sockets == []


def test_host_name_resolving_to_a_private_address_is_refused(monkeypatch, connections):
    def private_answer(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(socket, "getaddrinfo", private_answer)
    with pytest.raises(RefusedAddress, match="10.0.0.7"):
        fetch("https://wire.example/feed", max_bytes=1000)
    assert connections == [] and connections.sockets == []


def test_connection_goes_to_the_checked_address_whatever_dns_says_next(
    feed_server, monkeypatch, connections, settings
):
    """DNS rebinding: the first answer is checked and used; a second lookup never happens."""
    feed_server.routes["/feed"] = Route(body=b"<rss/>")
    settings.WARTA_INGEST_ALLOW_HOSTS = [f"wire.example:{feed_server.port}"]
    answers = iter(["127.0.0.1", "10.0.0.7"])
    lookups = []

    def rebinding(host, port, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = fetch(f"http://wire.example:{feed_server.port}/feed", max_bytes=1000)
    assert result.body == b"<rss/>"
    assert lookups == ["wire.example"]
    assert connections == [("127.0.0.1", feed_server.port)]
    assert len(connections.sockets) == 1  # the recorder sees the sockets fetch opens


def test_allow_list_names_exact_host_and_port(feed_server, settings, connections):
    feed_server.routes["/feed"] = Route(body=b"<rss/>")
    settings.WARTA_INGEST_ALLOW_HOSTS = [f"127.0.0.1:{feed_server.port + 1}"]
    with pytest.raises(RefusedAddress):
        fetch(feed_server.url("/feed"), max_bytes=1000)
    assert connections == []


def test_redirect_to_a_private_address_is_refused(feed_server, connections):
    feed_server.routes["/feed"] = Route(status=302, headers={"Location": "http://10.0.0.1/x"})
    with pytest.raises(RefusedAddress):
        fetch(feed_server.url("/feed"), max_bytes=1000)
    assert connections == [("127.0.0.1", feed_server.port)]


def test_redirects_are_followed_at_most_five_times(feed_server):
    for hop in range(10):
        feed_server.routes[f"/r{hop}"] = Route(status=301, headers={"Location": f"/r{hop + 1}"})
    with pytest.raises(FetchError, match="more than 5"):
        fetch(feed_server.url("/r0"), max_bytes=1000)
    assert feed_server.hits == [f"/r{hop}" for hop in range(6)]

    feed_server.routes["/r5"] = Route(body=b"<rss/>")
    feed_server.hits.clear()
    assert fetch(feed_server.url("/r1"), max_bytes=1000).body == b"<rss/>"


def test_https_to_http_redirect_is_refused(monkeypatch):
    class Answer:
        status = 302

        def getheader(self, name, default=None):
            return "http://wire.example/plain" if name == "Location" else default

    class Connection:
        def close(self):
            pass

    monkeypatch.setattr(
        fetching, "check_url", lambda url: (fetching.urlsplit(url), 443, (socket.AF_INET, "x"))
    )
    monkeypatch.setattr(fetching, "_request", lambda *args: (Answer(), Connection(), None))
    with pytest.raises(RefusedAddress, match="https to plain http"):
        fetch("https://wire.example/feed", max_bytes=1000)


def test_byte_cap_on_the_wire_and_after_decompression(feed_server):
    feed_server.routes["/big"] = Route(chunked_size=3 * 1024 * 1024)
    with pytest.raises(FetchError, match="larger than"):
        fetch(feed_server.url("/big"), max_bytes=1024 * 1024)

    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    bomb = b"".join(compressor.compress(block) for _ in range(64)) + compressor.flush()
    assert len(bomb) < 200_000
    feed_server.routes["/bomb"] = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="larger than"):
        fetch(feed_server.url("/bomb"), max_bytes=1024 * 1024)

    feed_server.routes["/small"] = Route(
        body=gzip.compress(b"<rss/>"), headers={"Content-Encoding": "gzip"}
    )
    assert fetch(feed_server.url("/small"), max_bytes=1000).body == b"<rss/>"


def test_content_type_is_checked(feed_server):
    feed_server.routes["/page"] = Route(body=b"<html></html>", content_type="text/html")
    with pytest.raises(FetchError, match="text/html"):
        fetch(feed_server.url("/page"), max_bytes=1000, accept=("application/rss+xml",))


def test_a_trickling_server_is_cut_at_the_total_timeout(feed_server):
    feed_server.routes["/slow"] = Route(body=b"<rss>" + b" " * 100, trickle=0.5)
    with pytest.raises(FetchError, match="longer than|stopped sending"):
        fetch(feed_server.url("/slow"), max_bytes=1000, total_timeout=1.5)


def test_no_proxy_is_taken_from_the_environment(feed_server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("http_proxy", "http://10.9.9.9:3128")
    feed_server.routes["/feed"] = Route(body=b"<rss/>")
    assert fetch(feed_server.url("/feed"), max_bytes=1000).body == b"<rss/>"
    assert feed_server.hits == ["/feed"]


# Refused on every Python version: some pass `ip.is_global` on 3.11 (fec0::1, 192.0.0.9, 3fff::1),
# and Azure's wire server is a global address.
SPECIAL_ADDRESSES = [
    ("fec0::1", "deprecated site-local"),
    ("fef0::1", "deprecated site-local"),
    ("192.0.0.9", "IETF protocol assignments"),
    ("192.0.0.170", "IETF protocol assignments"),
    ("3fff::1", "documentation"),
    ("3fff:fff::1", "documentation"),
    ("100.64.0.1", "shared address space"),
    ("100.127.255.254", "shared address space"),
    ("100.100.100.200", "Alibaba Cloud metadata"),
    ("168.63.129.16", "Azure wire server"),
    ("169.254.169.254", "AWS, GCP, Azure metadata"),
    ("fd00:ec2::254", "AWS IPv6 metadata"),
    ("5f00::1", "segment routing"),
    ("2001:2::1", "benchmarking"),
    ("198.18.0.1", "benchmarking"),
    ("240.0.0.1", "reserved"),
]


@pytest.mark.parametrize(("address", "kind"), SPECIAL_ADDRESSES)
def test_special_addresses_are_refused_on_every_python_version(address, kind, connections):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(RefusedAddress, match="private or reserved"):
        fetch(f"http://{host}/feed", max_bytes=1000)
    assert connections == [] and connections.sockets == []


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2001:4860::1"])
def test_global_addresses_stay_reachable(address):
    assert fetching.is_public_address(address)
