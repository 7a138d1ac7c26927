import os
import shutil
import threading
import time

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


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashes():
    """Hash the tests' passwords in a millisecond, not half a second (Django's own advice)."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["tests.hashers.QuickPBKDF2PasswordHasher"]):
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
    from django.contrib.auth.models import Group

    from warta.newsroom import roles

    if not Group.objects.filter(name=roles.REPORTER).exists():
        roles.create_roles()
        roles.create_review_workflow()
    yield


class _DrainedApp:
    """Count the live server's requests in flight, and refuse new ones once a test has ended.

    In the SQLite pass the live server's threads share the test's in-memory connection: a
    request a page sends as the test ends (an autosave, a preview, a beacon) would otherwise
    still be writing when the test's tables are flushed, and break the connection for the
    tests after it.
    """

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.in_flight = 0
        self.closed = False

    def __call__(self, environ, start_response):
        with self.lock:
            if self.closed:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"the test has ended"]
            self.in_flight += 1
        try:
            response = self.app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        finally:
            with self.lock:
                self.in_flight -= 1

    def drain(self, timeout=30):
        with self.lock:
            self.closed = True
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture(autouse=True)
def _live_server_drained(request):
    """Let the live server finish what it is doing before the test's database is flushed."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    httpd = request.getfixturevalue("live_server").thread.httpd
    app = httpd.get_app()
    if not isinstance(app, _DrainedApp):
        app = _DrainedApp(app)
        httpd.set_app(app)
    app.closed = False
    yield
    app.drain()


# The only skips `make test` accepts (`--no-unlisted-skips`): a reason starting with one of these.
ALLOWED_SKIPS = (
    # Each database pass skips the other database's fault tests and features.
    "runs in the PostgreSQL pass of the suite",
    "runs in the SQLite pass of the suite",
    "prepared statements are PostgreSQL's",
)


def pytest_addoption(parser):
    parser.addoption(
        "--no-unlisted-skips",
        action="store_true",
        help="fail the run when a test skips for a reason not in ALLOWED_SKIPS (tests/conftest.py)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "page_cache: the test is about the page cache, which is on for it alone"
    )


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPS.append((report.nodeid, reason.removeprefix("Skipped: ")))


_SKIPS = []  # (test, reason) of this run; under xdist the controller gets every worker's


def unlisted_skips():
    return [(node, why) for node, why in _SKIPS if not why.startswith(ALLOWED_SKIPS)]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _SKIPS:
        return
    reasons = {}
    for _, why in _SKIPS:
        reasons[why] = reasons.get(why, 0) + 1
    terminalreporter.section(f"{len(_SKIPS)} skipped")
    for why, count in sorted(reasons.items(), key=lambda item: -item[1]):
        allowed = "allowed" if why.startswith(ALLOWED_SKIPS) else "NOT ALLOWED"
        terminalreporter.write_line(f"{count:4d}  {allowed}: {why}")
    if config.getoption("no_unlisted_skips") and unlisted_skips():
        terminalreporter.write_line(
            "A skip hides a missing service or program: install it (`make services`), or, if "
            "the skip is by design, add its reason to ALLOWED_SKIPS in tests/conftest.py.",
            red=True,
        )


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return  # the controller sees every worker's skips and decides
    if session.config.getoption("no_unlisted_skips") and unlisted_skips() and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
