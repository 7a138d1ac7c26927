"""A hot page that expires or is purged under concurrent load is rendered once."""

import threading
import time
from wsgiref.util import setup_testing_defaults

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from warta.delivery import pagecache
from warta.delivery.middleware import PageCacheMiddleware
from warta.delivery.wsgi import PageCacheApplication

# About the page cache itself, so it is on here (tests/conftest.py turns it off elsewhere).
pytestmark = pytest.mark.page_cache

READERS = 8


class SlowPage:
    """A view that takes a while to render and counts its renders."""

    def __init__(self):
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            number = self.renders
        time.sleep(0.3)
        return HttpResponse(f"<p>render {number}</p>", content_type="text/html")


def crowd(middleware, path):
    """Send READERS concurrent anonymous requests; return their responses."""
    factory = RequestFactory()
    barrier = threading.Barrier(READERS)
    responses = []

    def reader():
        request = factory.get(path)
        barrier.wait()
        responses.append(middleware(request))

    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return responses


@pytest.fixture
def page_cache():
    pagecache.cache().delete_many(
        [pagecache.entry_key("testserver", "/panas/", ""), pagecache.version_key("/panas/")]
    )
    pagecache.cache().delete(pagecache.lock_key(pagecache.entry_key("testserver", "/panas/", "")))


def test_missing_page_is_rendered_once_for_a_crowd(page_cache):
    view = SlowPage()
    responses = crowd(PageCacheMiddleware(view), "/panas/")
    assert view.renders == 1
    assert [r.status_code for r in responses] == [200] * READERS
    assert {r.content for r in responses} == {b"<p>render 1</p>"}
    assert sorted(r["X-Cache"] for r in responses).count("MISS") == 1


def test_expired_page_is_rendered_once_while_the_crowd_gets_the_old_copy(page_cache, settings):
    view = SlowPage()
    middleware = PageCacheMiddleware(view)
    crowd(middleware, "/panas/")
    settings.WARTA_PAGE_CACHE_TTL = 0  # every stored copy is now stale
    responses = crowd(middleware, "/panas/")
    assert view.renders == 2
    states = sorted(r["X-Cache"] for r in responses)
    assert states == ["MISS"] + ["STALE"] * (READERS - 1)
    assert sum(r.content == b"<p>render 2</p>" for r in responses) == 1


def test_purged_page_is_rendered_once(page_cache):
    view = SlowPage()
    middleware = PageCacheMiddleware(view)
    crowd(middleware, "/panas/")
    pagecache.purge_paths(["/panas/"])
    responses = crowd(middleware, "/panas/")
    assert view.renders == 2
    assert {r.content for r in responses} == {b"<p>render 2</p>"}


def test_wsgi_fast_path_answers_fresh_hits_without_django(page_cache):
    view = SlowPage()
    PageCacheMiddleware(view)(RequestFactory().get("/panas/"))
    environ = {"PATH_INFO": "/panas/", "HTTP_HOST": "testserver", "HTTP_ACCEPT_ENCODING": "br"}
    setup_testing_defaults(environ)
    answered = {}

    def django_app(environ, start_response):
        raise AssertionError("a fresh hit must not reach Django")

    def start_response(status, headers):
        answered["status"], answered["headers"] = status, dict(headers)

    body = PageCacheApplication(django_app)(environ, start_response)
    assert answered["status"] == "200 OK"
    assert answered["headers"]["X-Cache"] == "HIT"
    assert b"".join(body) == b"<p>render 1</p>"

    environ["HTTP_COOKIE"] = "sessionid=abc"
    passed = []
    PageCacheApplication(lambda e, s: passed.append(e) or [b""])(environ, start_response)
    assert passed, "a request with a session goes to Django"
