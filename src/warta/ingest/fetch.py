"""Fetch a URL from the open internet without letting it reach inside the newsroom's network.

Every host is resolved and each of its addresses checked before a socket is opened; the
connection then goes to the checked address, so a second DNS answer cannot swap it.
Redirects are followed by hand and checked the same way. Nothing is read from the proxy
variables of the environment. Sizes and times are capped on the wire and after decompression.
"""

import http.client
import io
import ipaddress
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from email.message import Message
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from django.conf import settings

USER_AGENT = "Warta-Ingest/1.0 (+https://github.com/warta)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
# What an answer may hold besides its body, within the one byte cap: the status line and
# headers (every `100 Continue` too), chunk sizes and trailers.
FRAMING = 64 * 1024

# IPv6 ranges that carry an IPv4 address inside: judged as refused whatever they embed.
EMBEDDING_NETWORKS = [
    ipaddress.IPv6Network("::/96"),  # IPv4-compatible
    ipaddress.IPv6Network("::ffff:0:0/96"),  # IPv4-mapped
    ipaddress.IPv6Network("64:ff9b::/96"),  # NAT64
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # local-use NAT64
    ipaddress.IPv6Network("2002::/16"),  # 6to4
    ipaddress.IPv6Network("2001::/32"),  # Teredo
]

# Refused whatever `ip.is_global` says: its tables change between Python versions (fec0::/10,
# 3fff::/20 and parts of 192.0.0.0/24 pass as global on 3.11), and a cloud's metadata service
# can sit on a global address (Azure's 168.63.129.16). From IANA's special-purpose registries.
REFUSED_NETWORKS = [
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",  # shared address space (carrier NAT; Alibaba's metadata service)
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local (AWS, GCP, Azure, OpenStack metadata 169.254.169.254)
        "168.63.129.16/32",  # Azure's wire server
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128",
        "::1/128",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "3fff::/20",
        "5f00::/16",
        "fc00::/7",  # unique local (AWS's IPv6 metadata fd00:ec2::254)
        "fe80::/10",
        "fec0::/10",  # deprecated site-local
        "ff00::/8",
    )
]


class FetchError(Exception):
    """A fetch that did not give a usable answer; the message says why in plain words."""

    def __init__(self, message, *, status=None, retry_after=None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class RefusedAddress(FetchError):
    """The URL points somewhere Warta must not connect to."""


@dataclass
class FetchResult:
    url: str
    status: int
    content_type: str
    charset: str
    body: bytes
    headers: dict = field(default_factory=dict)


@dataclass
class Limits:
    max_bytes: int
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 30.0


def allowed_hosts():
    """Return the host:port pairs that may be reached even on non-global addresses."""
    value = getattr(settings, "WARTA_INGEST_ALLOW_HOSTS", ())
    if isinstance(value, str):
        value = value.split(",")
    return {item.strip().lower() for item in value if item.strip()}


def is_public_address(address):
    """Tell whether an IP address belongs to the global internet."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and any(ip in network for network in EMBEDDING_NETWORKS):
        return False
    if any(ip in network for network in REFUSED_NETWORKS):
        return False
    return ip.is_global and not ip.is_multicast


def resolve(host, port):
    """Return the addresses of a host (numeric forms like 2130706433 resolve too)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"The host {host} could not be found ({error}).") from error
    return [(family, sockaddr[0]) for family, _, _, _, sockaddr in infos]


def check_url(url):
    """Check a URL's form and resolve it; return (parts, port, the address to connect to)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedAddress(f"Only http and https addresses can be fetched, not {url!r}.")
    if parts.username or parts.password:
        raise RefusedAddress("Addresses with a user name or password are refused.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise RefusedAddress(f"The address {url!r} has no host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise RefusedAddress(f"The address {url!r} has an invalid port.") from error
    addresses = resolve(host, port)
    if not addresses:
        raise FetchError(f"The host {host} has no address.")
    if f"{host.lower()}:{port}" not in allowed_hosts():
        for _, address in addresses:
            if not is_public_address(address):
                raise RefusedAddress(
                    f"The host {host} points to {address}, an address inside a private or "
                    "reserved network; add it to WARTA_INGEST_ALLOW_HOSTS if it is a trusted wire."
                )
    return parts, port, addresses[0]


class Meter:
    """One deadline and one byte cap for everything a fetch reads, over all its redirects."""

    def __init__(self, url, limits):
        self.url = url
        self.limits = limits
        self.deadline = time.monotonic() + limits.total_timeout
        self.cap = limits.max_bytes + FRAMING
        self.read = 0

    def timeout(self, per_step):
        """Return how long the next step may wait: never past the deadline."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.too_slow()
        return min(left, per_step)

    def too_slow(self):
        return FetchError(
            f"{self.url} took longer than {self.limits.total_timeout:g} seconds; gave up."
        )

    def too_big(self):
        return FetchError(
            f"{self.url} is larger than the {self.limits.max_bytes} bytes allowed; gave up."
        )


class MeteredReader(io.RawIOBase):
    """Read a socket for http.client: every byte of status, headers, body and trailers counts
    against the fetch's cap, and no read waits past its deadline (a server sending endless
    `100 Continue`, one header byte at a time, or trailers forever is cut off there)."""

    def __init__(self, sock, meter):
        super().__init__()
        self.sock = sock
        self.meter = meter

    def readable(self):
        return True

    def readinto(self, buffer):
        self.sock.settimeout(self.meter.timeout(self.meter.limits.read_timeout))
        try:
            count = self.sock.recv_into(
                buffer, min(len(buffer), self.meter.cap - self.meter.read + 1)
            )
        except TimeoutError as error:
            if time.monotonic() >= self.meter.deadline - 0.05:
                raise self.meter.too_slow() from error
            raise FetchError(f"{self.meter.url} stopped sending data; gave up.") from error
        self.meter.read += count
        if self.meter.read > self.meter.cap:
            raise self.meter.too_big()
        return count


class MeteredSocket:
    """A connected socket that http.client reads only through a MeteredReader."""

    def __init__(self, sock, meter):
        self.sock = sock
        self.meter = meter

    def makefile(self, mode="rb", *args, **kwargs):
        return io.BufferedReader(MeteredReader(self.sock, self.meter), CHUNK)

    def sendall(self, data):
        self.sock.settimeout(self.meter.timeout(self.meter.limits.read_timeout))
        self.sock.sendall(data)

    def close(self):
        """Leave the socket open: the fetch closes it once the answer is read."""


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection that goes to an already checked address, whatever DNS says now."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address
        # http.client sets this per instance to socket.create_connection, which would resolve
        # the host name again: connect to the checked address instead.
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, _host_port, timeout, source_address=None):
        family, address = self._address
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect((address, self.port))
        except BaseException:
            sock.close()
            raise
        return sock


@lru_cache(maxsize=4)
def _tls_context(ca_bundle):
    # Loading a certificate store takes milliseconds: one context per bundle, not per fetch.
    return ssl.create_default_context(cafile=ca_bundle or None)


def tls_context():
    """Return the TLS context that verifies servers: WARTA_INGEST_CA_BUNDLE, else the system's."""
    return _tls_context(getattr(settings, "WARTA_INGEST_CA_BUNDLE", "") or "")


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """Connect to the checked address; verify the certificate against the URL's host name."""

    default_port = 443

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, address, timeout)
        self._context = tls_context()

    def connect(self):
        super().connect()
        # server_hostname sends the name as SNI and makes the handshake check the certificate
        # against it, though the socket was opened to an IP address. The socket's timeout
        # bounds the whole handshake (CPython counts it down), not each read of it.
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


def fetch(url, *, max_bytes, accept=(), limits=None, read_timeout=None, total_timeout=None):
    """Fetch a URL safely and return its body; raise FetchError with the reason otherwise.

    `accept` lists the media types (or prefixes ending in '/') the answer may have; empty
    accepts any. One deadline (`total_timeout`) and one byte cap (`max_bytes` of body plus
    FRAMING) hold for the whole exchange: connecting, TLS, headers, body, trailers, redirects.
    """
    limits = limits or Limits(max_bytes=max_bytes)
    limits.max_bytes = max_bytes
    if read_timeout is not None:
        limits.read_timeout = read_timeout
    if total_timeout is not None:
        limits.total_timeout = total_timeout
    meter = Meter(url, limits)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts, port, address = check_url(current)
        response, conn, sock = _request(parts, port, address, meter)
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"{current} redirects without saying where to.")
                target = urljoin(current, location.strip())
                if parts.scheme == "https" and urlsplit(target).scheme == "http":
                    raise RefusedAddress(
                        f"{current} redirects from https to plain http ({target}); refused."
                    )
                current = target
                continue
            return _finish(current, response, accept, limits)
        finally:
            conn.close()
            if sock is not None:
                sock.close()
    raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times; gave up.")


def _request(parts, port, address, meter):
    connection_class = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    host = parts.hostname
    conn = connection_class(
        host, port, address, timeout=meter.timeout(meter.limits.connect_timeout)
    )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        "Accept": "*/*",
        "Connection": "close",
    }
    sock = None
    try:
        conn.connect()
        sock = conn.sock  # kept: the connection lets go of it once the answer starts
        conn.sock = MeteredSocket(sock, meter)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
    except Exception as error:
        conn.close()
        if sock is not None:
            sock.close()
        if isinstance(error, FetchError):
            raise
        raise _reason(error, host) from error
    return response, conn, sock


def _reason(error, host):
    """Return the FetchError that says in plain words why a request failed."""
    if isinstance(error, TimeoutError):
        return FetchError(f"{host} did not answer in time.")
    if isinstance(error, ssl.SSLCertVerificationError):
        return FetchError(
            f"The certificate of {host} could not be verified ({error.verify_message}); "
            "refused. If this is a trusted wire with its own certificate authority, set "
            "WARTA_INGEST_CA_BUNDLE."
        )
    if isinstance(error, ssl.SSLError):
        return FetchError(f"The secure connection to {host} failed: {error.reason}.")
    if isinstance(error, (OSError, http.client.HTTPException)):
        return FetchError(f"Could not reach {host}: {error}.")
    return error


def _finish(url, response, accept, limits):
    status = response.status
    if status >= 400:
        retry_after = _retry_after(response.getheader("Retry-After"))
        message = f"The server answered {status} {response.reason} for {url}."
        if retry_after is not None:
            message += f" It asks to retry after {retry_after} seconds."
        raise FetchError(message, status=status, retry_after=retry_after)
    content_type, charset = _content_type(response.getheader("Content-Type", ""))
    if accept and not any(
        content_type == kind or (kind.endswith("/") and content_type.startswith(kind))
        for kind in accept
    ):
        raise FetchError(
            f"{url} sent {content_type or 'no content type'}, expected one of {', '.join(accept)}."
        )
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"{url} is {int(length)} bytes, more than the {limits.max_bytes} allowed.")
    body = _read_body(url, response, limits)
    return FetchResult(
        url=url,
        status=status,
        content_type=content_type,
        charset=charset,
        body=body,
        headers={key.lower(): value for key, value in response.getheaders()},
    )


def _read_body(url, response, limits):
    """Read and decompress the body; the socket's meter keeps the deadline and the wire cap."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding == "identity":
        decoder = None
    else:
        raise FetchError(f"{url} is compressed with {encoding}, which Warta does not read.")
    too_big = FetchError(f"{url} is larger than the {limits.max_bytes} bytes allowed; gave up.")
    parts = []
    size = 0
    while True:
        try:
            chunk = response.read1(CHUNK)
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise FetchError(f"The connection to {url} broke: {error}.") from error
        if not chunk:
            break
        if decoder is None:
            data = chunk
        else:
            try:
                data = decoder.decompress(chunk, limits.max_bytes - size + 1)
            except zlib.error as error:
                raise FetchError(f"{url} sent data that does not decompress.") from error
            if decoder.unconsumed_tail:
                raise too_big
        size += len(data)
        if size > limits.max_bytes:
            raise too_big
        parts.append(data)
    if decoder is not None:
        tail = decoder.flush(limits.max_bytes - size + 1)
        size += len(tail)
        if size > limits.max_bytes:
            raise too_big
        parts.append(tail)
    return b"".join(parts)


def _content_type(header):
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    return message.get_content_type().lower(), (message.get_param("charset") or "").lower()


def _retry_after(value):
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, int(when.timestamp() - time.time()))
