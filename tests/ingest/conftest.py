import pytest

from tests.ingest.server import FeedServer


@pytest.fixture
def feed_server(settings):
    """Serve feeds on 127.0.0.1 and let ingest reach exactly that host:port."""
    with FeedServer() as server:
        settings.WARTA_INGEST_ALLOW_HOSTS = [server.host]
        yield server
