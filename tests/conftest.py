import pytest


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Keep uploaded and generated images out of the working tree, for the whole session.

    Session-wide because `setUpTestData` saves images before function fixtures run.
    """
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import caches

    for alias in ("default", "renditions", "pages"):
        caches[alias].clear()
    yield
