"""One deadline and one byte cap hold for the whole HTTP exchange, whatever the server does."""

import time

import pytest

from tests.ingest.rawserver import RawServer, trickle
from warta.ingest.fetch import FetchError, fetch

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n"
CHUNKED = HEADERS + b"Transfer-Encoding: chunked\r\n\r\n"


def endless_continue(send):
    while send(b"HTTP/1.1 100 Continue\r\n\r\n"):
        time.sleep(0.1)


def slow_header_lines(send):
    if send(HEADERS):
        while trickle(send, b"X-Padding: lambat\r\n", 0.05):
            pass


def slow_chunk_size_line(send):
    if send(CHUNKED + b"6\r\n<rss/>\r\n"):
        trickle(send, b"0" * 10_000, 0.05)  # leading zeros: one chunk size that never ends


def endless_trailers(send):
    if send(CHUNKED + b"6\r\n<rss/>\r\n0\r\n"):
        while send(b"X-Trailer: lagi\r\n"):
            time.sleep(0.02)


TRICKS = {
    "endless 100 Continue": endless_continue,
    "slow header lines": slow_header_lines,
    "slow chunk-size line": slow_chunk_size_line,
    "endless trailers": endless_trailers,
}


@pytest.fixture
def serve(settings):
    def start(answer):
        server = RawServer(answer)
        settings.WARTA_INGEST_ALLOW_HOSTS = [server.host]
        return server

    return start


@pytest.mark.parametrize("trick", TRICKS)
def test_one_deadline_holds_for_the_whole_exchange(trick, serve):
    with serve(TRICKS[trick]) as server:
        with pytest.raises(FetchError, match="took longer than 1.5 seconds"):
            fetch(server.url(), max_bytes=100_000, total_timeout=1.5, read_timeout=1)
        # Cut off while the server still played its trick, not once it gave up by itself.
        assert server.ending() == "client left"


def test_trailers_count_against_the_byte_cap(serve):
    trailers = b"".join(b"X-Trailer-%d: %s\r\n" % (n, b"t" * 1000) for n in range(2000))

    def big_trailers(send):
        send(CHUNKED + b"6\r\n<rss/>\r\n0\r\n" + trailers + b"\r\n")

    with (
        serve(big_trailers) as server,
        pytest.raises(FetchError, match="larger than the 100000 bytes allowed"),
    ):
        fetch(server.url(), max_bytes=100_000, total_timeout=10)


def test_a_normal_chunked_answer_with_trailers_is_read(serve):
    def polite(send):
        send(CHUNKED + b"6\r\n<rss/>\r\n0\r\nX-Checksum: ok\r\n\r\n")

    with serve(polite) as server:
        assert fetch(server.url(), max_bytes=100_000).body == b"<rss/>"
