"""Security headers: a strict policy on readers' pages, fresh or cached; a looser one in admin."""

from django.contrib.auth import get_user_model
from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client, RequestFactory, TestCase, override_settings

import pytest

from tests.news.factories import make_article, make_reporter, make_site
from warta.delivery.wsgi import PageCacheApplication

HSTS = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
}


def directives(response):
    """Parse a Content-Security-Policy header into {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def wsgi_headers(path):
    """Ask the WSGI fast path (fresh cache hits before Django) for a page; return its headers."""
    environ = RequestFactory().get(path).environ
    seen = {}

    def start_response(status, headers):
        seen.update({"status": status, **dict(headers)})

    # As Django's test client does: the request's end must not close the test's connection.
    request_finished.disconnect(close_old_connections)
    try:
        b"".join(PageCacheApplication(get_wsgi_application())(environ, start_response))
    finally:
        request_finished.connect(close_old_connections)
    return seen


@pytest.mark.page_cache
class ReaderPageHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.sections = make_site(sections=("Umum", "Ekonomi"))
        cls.article = make_article(
            cls.sections["Umum"], title="Harga beras turun", reporter=make_reporter()
        )

    def assert_reader_headers(self, response):
        policy = directives(response)
        self.assertEqual(policy["script-src"], ["'self'"])
        self.assertEqual(policy["default-src"], ["'self'"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["base-uri"], ["'self'"])
        self.assertEqual(policy["frame-ancestors"], ["'none'"])
        self.assertNotIn("'unsafe-inline'", response["Content-Security-Policy"])
        self.assertNotIn("'unsafe-eval'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_every_kind_of_reader_page_sends_the_strict_policy(self):
        paths = ["/", self.sections["Ekonomi"].url, self.article.url, "/cari/?q=beras"]
        for path in paths + ["/tidak-ada-halaman-ini/"]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404 if path not in paths else 200)
                self.assert_reader_headers(response)

    def test_cached_copies_send_the_same_headers(self):
        first = self.client.get(self.article.url)
        second = self.client.get(self.article.url)
        self.assertEqual((first["X-Cache"], second["X-Cache"]), ("MISS", "HIT"))
        self.assert_reader_headers(second)
        self.assertEqual(second["Content-Security-Policy"], first["Content-Security-Policy"])
        fast = wsgi_headers(self.article.url)
        self.assertEqual((fast["status"], fast["X-Cache"]), ("200 OK", "HIT"))
        self.assertEqual(fast["Content-Security-Policy"], first["Content-Security-Policy"])
        self.assertEqual(fast["X-Content-Type-Options"], "nosniff")
        self.assertEqual(fast["Referrer-Policy"], "strict-origin-when-cross-origin")

    @override_settings(**HSTS)
    def test_https_pages_send_hsts_fresh_and_cached(self):
        expected = "max-age=31536000; includeSubDomains; preload"
        first = self.client.get(self.article.url, secure=True)
        second = self.client.get(self.article.url, secure=True)
        self.assertEqual((first["X-Cache"], second["X-Cache"]), ("MISS", "HIT"))
        self.assertEqual(first["Strict-Transport-Security"], expected)
        self.assertEqual(second["Strict-Transport-Security"], expected)
        self.assert_reader_headers(second)

    @override_settings(**HSTS)
    def test_plain_http_gets_no_hsts(self):
        self.assertNotIn("Strict-Transport-Security", self.client.get("/cari/?q=beras"))


class AdminHeaderTests(TestCase):
    def test_admin_keeps_the_inline_scripts_wagtail_needs_but_only_frames_itself(self):
        editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "x")
        client = Client()
        client.force_login(editor)
        for path in ("/admin/login/", "/admin/"):
            with self.subTest(path=path):
                response = (self.client if path == "/admin/login/" else client).get(path)
                self.assertEqual(response.status_code, 200)
                policy = directives(response)
                self.assertIn("'unsafe-inline'", policy["script-src"])
                self.assertEqual(policy["frame-ancestors"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")


# Browser: the strict policy blocks nothing the readers' page needs, and does block injection.

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def watched_page(context):
    page = context.new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


def csp_errors(page, console):
    return page.evaluate("window.__violations") + [
        text for text in console if "Content Security Policy" in text
    ]


@pytest.mark.browser
@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_pages_run_under_their_policies(chromium, live_server):
    """The article page (copy link included) and the admin's page editor, in one demo site."""
    from warta.demo.content import SEED
    from warta.demo.loader import load_demo
    from warta.news.models import ArticlePage

    load_demo(site_name="Mercinews.com")
    url = live_server.url + ArticlePage.objects.get(slug=SEED.slug).url
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page, console = watched_page(context)

    for _load in range(2):  # rendered, then (unless the view beacon purged it) cached
        response = page.goto(url)
        assert response.status == 200
        assert response.headers["x-cache"] in ("MISS", "HIT")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.locator('script[type="application/ld+json"]').count() >= 1
        page.wait_for_load_state("networkidle")  # the view beacon too
        assert csp_errors(page, console) == []

    page.get_by_role("button", name="Salin tautan").click()
    # Functions, not strings: Playwright evaluates a string predicate with eval(), which the
    # policy refuses.
    page.wait_for_function("() => document.querySelector('[data-copy-toast]').textContent")
    assert page.locator("[data-copy-toast]").inner_text() == "URL berhasil dicopy"
    assert csp_errors(page, console) == []

    # An injected inline script is refused, and the refusal is seen by this test.
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")
    context.close()

    # The admin's page editor (Draftail) loads under the admin policy.
    editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "x")
    client = Client()
    client.force_login(editor)
    context = chromium.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    # The editor's session pings (on load, every few seconds, on leaving) would reach the
    # server after the test's database is flushed: they are not this test's business.
    context.route("**/admin/editing-sessions/**", lambda route: route.abort())
    page, console = watched_page(context)
    article = ArticlePage.objects.get(slug=SEED.slug)
    response = page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    assert response.status == 200
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page.locator(".Draftail-Editor").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert csp_errors(page, console) == []
    context.close()
