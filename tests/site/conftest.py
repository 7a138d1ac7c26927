import os
import shutil

import pytest

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

# Playwright runs an event loop in this thread; the ORM calls of the test body stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _images_where_every_test_finds_them(tmp_path_factory):
    """Save images of setUpTestData where the tests read them (the session's media folder)."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.getbasetemp() / "media"):
        yield


@pytest.fixture(scope="session")
def site_browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(site_browser):
    """Open pages as an Indonesian reader on a 360x740 phone; see every request made."""
    contexts = []

    def open_phone(color_scheme="light", user_agent=None):
        options = {"viewport": {"width": 360, "height": 740}, "locale": "id-ID"}
        if user_agent:
            options["user_agent"] = user_agent
        context = site_browser.new_context(color_scheme=color_scheme, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        return page

    yield open_phone
    for context in contexts:
        context.close()
