import os
import shutil

import pytest

# The flags Debian's chromium needs to run headless in a closed sandbox.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright runs an event loop in the test's thread; the ORM calls of the test body stay
# synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Keep uploaded and generated images out of the working tree, for the whole session.

    Session-wide because `setUpTestData` saves images before function fixtures run.
    """
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migrated_rows_after_flush(request):
    """Give a transactional test what migrations made and an earlier test's flush removed.

    A transactional test ends by emptying every table: the content types come back with new
    ids (Django's cache of them must go), Wagtail's page and collection roots do not come back.
    """
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    if Page.get_first_root_node() is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale, _ = Locale.objects.get_or_create(language_code=language)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    yield


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "page_cache: the test is about the page cache, which is on for it alone"
    )


@pytest.fixture(autouse=True)
def _page_cache_only_where_tested(request, settings):
    """Turn the page cache off, so every check reaches the code it names.

    A cached copy answers with no queries and the old HTML whatever the code does; the tests
    about the cache itself say so with `@pytest.mark.page_cache`.
    """
    settings.WARTA_PAGE_CACHE = request.node.get_closest_marker("page_cache") is not None
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import caches

    for alias in ("default", "renditions", "pages"):
        caches[alias].clear()
    yield


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless chromium, driven by Playwright (which cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
