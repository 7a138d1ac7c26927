import socket
import ssl

import pytest
import trustme

from tests.ingest.server import FeedServer


@pytest.fixture
def feed_server(settings):
    """Serve feeds on 127.0.0.1 and let ingest reach exactly that host:port."""
    with FeedServer() as server:
        settings.WARTA_INGEST_ALLOW_HOSTS = [server.host]
        yield server


@pytest.fixture(scope="session")
def wire_ca():
    """A certificate authority of the tests' own, trusted only where a test says so."""
    return trustme.CA()


def tls_server(certificate):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    return FeedServer(tls=context)


@pytest.fixture
def https_server(settings, wire_ca, tmp_path):
    """Serve feeds over TLS with a certificate for 127.0.0.1 and localhost from `wire_ca`."""
    with tls_server(wire_ca.issue_cert("127.0.0.1", "localhost")) as server:
        settings.WARTA_INGEST_ALLOW_HOSTS = [server.host]
        server.ca_bundle = tmp_path / "wire-ca.pem"
        wire_ca.cert_pem.write_to_path(str(server.ca_bundle))
        yield server


class Connections(list):
    """Addresses connected to; .sockets holds every socket created."""


@pytest.fixture
def connections(monkeypatch):
    """Record every connect(); refuse any that is not to the loopback test server."""
    opened = Connections()
    real_socket = socket.socket

    class RecordingSocket(real_socket):
        created = []

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if kwargs.get("fileno") is None and len(args) < 4:  # not one accept() made
                RecordingSocket.created.append(self)

        def connect(self, address):
            opened.append(address)
            if not str(address[0]).startswith("127."):
                raise AssertionError(f"ingest tried to connect to {address}")
            return super().connect(address)

    monkeypatch.setattr(socket, "socket", RecordingSocket)
    opened.sockets = RecordingSocket.created
    return opened
