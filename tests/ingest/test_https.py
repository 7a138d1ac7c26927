"""Feeds over https: the certificate is verified against the host name, at the checked address."""

import datetime
import ipaddress
import socket
import ssl

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.ingest.conftest import tls_server
from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import FeedServer, Route
from tests.news.factories import make_site
from warta.ingest.fetch import FetchError, RefusedAddress, fetch
from warta.ingest.models import FeedStatus
from warta.ingest.runs import ingest_source
from warta.news.models import ArticlePage, Source

pytestmark = pytest.mark.django_db

FEED = rss(
    [rss_item("Kurs rupiah menguat", "Rupiah ditutup menguat 35 poin.", guid="kurs-1")]
).encode()


@pytest.fixture
def sections(db):
    return make_site(sections=("Umum",))[1]


def resolve_to_loopback(monkeypatch, names):
    """Let the test's host names resolve to 127.0.0.1, as a DNS server would."""
    real = socket.getaddrinfo
    lookups = []

    def answer(host, port, *args, **kwargs):
        if host in names:
            lookups.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", answer)
    return lookups


def self_signed_pem():
    """Return (certificate, key) PEM of a certificate for 127.0.0.1 that signs itself."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def test_feed_over_https_is_fetched_when_its_authority_is_trusted(https_server, settings):
    https_server.routes["/feed"] = Route(body=FEED)
    settings.WARTA_INGEST_CA_BUNDLE = str(https_server.ca_bundle)
    result = fetch(https_server.url("/feed"), max_bytes=100_000)
    assert result.body == FEED
    assert result.url.startswith("https://127.0.0.1:")


def test_https_source_becomes_an_article(https_server, settings, sections):
    https_server.routes["/feed"] = Route(body=FEED)
    settings.WARTA_INGEST_CA_BUNDLE = str(https_server.ca_bundle)
    source = Source.objects.create(name="Wire TLS", feed_url=https_server.url("/feed"))
    summary = ingest_source(source)
    assert (summary.new, summary.failed, summary.error) == (1, 0, "")
    assert ArticlePage.objects.get().title == "Kurs rupiah menguat"


def test_certificate_of_an_unknown_authority_is_refused_and_recorded(https_server, sections):
    https_server.routes["/feed"] = Route(body=FEED)
    # No WARTA_INGEST_CA_BUNDLE: the system's store does not know the tests' authority.
    source = Source.objects.create(name="Wire TLS", feed_url=https_server.url("/feed"))
    summary = ingest_source(source)
    assert summary.new == 0
    status = FeedStatus.objects.get(source=source)
    assert status.outcome == FeedStatus.Outcome.FAILED
    assert "certificate of 127.0.0.1 could not be verified" in status.last_error
    assert "WARTA_INGEST_CA_BUNDLE" in status.last_error
    assert https_server.hits == []  # no request was sent over the unverified connection
    assert not ArticlePage.objects.exists()


def test_certificate_of_another_authority_is_refused(https_server, settings, tmp_path):
    https_server.routes["/feed"] = Route(body=FEED)
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    settings.WARTA_INGEST_CA_BUNDLE = str(other)
    with pytest.raises(FetchError, match="could not be verified"):
        fetch(https_server.url("/feed"), max_bytes=100_000)
    assert https_server.hits == []


def test_self_signed_certificate_is_refused(settings, wire_ca, tmp_path):
    cert_pem, key_pem = self_signed_pem()
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key_pem)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    bundle = tmp_path / "wire-ca.pem"
    wire_ca.cert_pem.write_to_path(str(bundle))
    settings.WARTA_INGEST_CA_BUNDLE = str(bundle)
    with FeedServer(tls=context) as server:
        server.routes["/feed"] = Route(body=FEED)
        settings.WARTA_INGEST_ALLOW_HOSTS = [server.host]
        with pytest.raises(FetchError, match="self-signed certificate"):
            fetch(server.url("/feed"), max_bytes=100_000)
        assert server.hits == []


def test_certificate_for_another_host_name_is_refused(wire_ca, settings, tmp_path, monkeypatch):
    resolve_to_loopback(monkeypatch, {"other.test"})
    bundle = tmp_path / "wire-ca.pem"
    wire_ca.cert_pem.write_to_path(str(bundle))
    settings.WARTA_INGEST_CA_BUNDLE = str(bundle)
    with tls_server(wire_ca.issue_cert("wire.test")) as server:
        server.routes["/feed"] = Route(body=FEED)
        settings.WARTA_INGEST_ALLOW_HOSTS = [f"other.test:{server.port}"]
        with pytest.raises(FetchError, match="mismatch, certificate is not valid for 'other.test'"):
            fetch(server.url("/feed", host="other.test"), max_bytes=100_000)
        assert server.hits == []


def test_checked_address_is_used_and_certificate_checked_against_the_host_name(
    wire_ca, settings, tmp_path, monkeypatch, connections
):
    """The socket goes to the address that was checked; SNI and verification use the name."""
    lookups = resolve_to_loopback(monkeypatch, {"wire.test"})
    bundle = tmp_path / "wire-ca.pem"
    wire_ca.cert_pem.write_to_path(str(bundle))
    settings.WARTA_INGEST_CA_BUNDLE = str(bundle)
    with tls_server(wire_ca.issue_cert("wire.test")) as server:
        server.routes["/feed"] = Route(body=FEED)
        settings.WARTA_INGEST_ALLOW_HOSTS = [f"wire.test:{server.port}"]
        result = fetch(server.url("/feed", host="wire.test"), max_bytes=100_000)
        assert result.body == FEED
        assert lookups == ["wire.test"]
        assert connections == [("127.0.0.1", server.port)]
        assert server.server_names == ["wire.test"]


def test_redirect_from_https_to_plain_http_is_refused(https_server, feed_server, settings):
    settings.WARTA_INGEST_CA_BUNDLE = str(https_server.ca_bundle)
    settings.WARTA_INGEST_ALLOW_HOSTS = [https_server.host, feed_server.host]
    feed_server.routes["/feed"] = Route(body=FEED)
    https_server.routes["/feed"] = Route(status=301, headers={"Location": feed_server.url("/feed")})
    with pytest.raises(RefusedAddress, match="from https to plain http"):
        fetch(https_server.url("/feed"), max_bytes=100_000)
    assert https_server.hits == ["/feed"]
    assert feed_server.hits == []
