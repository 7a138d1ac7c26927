import pytest


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    """Measure and read the page as rendered: the page cache would answer with no queries."""
    settings.WARTA_PAGE_CACHE = False
