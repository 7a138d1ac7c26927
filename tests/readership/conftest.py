import pytest

from warta.readership.backends import get_backend


@pytest.fixture(autouse=True)
def _fresh_counter():
    """Start every test with an empty counter and no buffered views."""
    get_backend.cache_clear()
    get_backend().clear()
    yield
    get_backend().flush()
    get_backend.cache_clear()
