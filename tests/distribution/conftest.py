import pytest


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Test the views themselves: the page cache in front of them has tests of its own."""
    settings.WARTA_PAGE_CACHE = False
