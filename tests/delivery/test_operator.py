"""The operator's wiring: the site's address, purges nginx can match, a health URL, the proxy count.

The whole documented deployment (nginx, two app servers, the scheduler) is checked end to end by
`make deploy-check` (scripts/deploy_check.py).
"""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

from django.core.management import call_command
from django.test import Client, TestCase, override_settings

from wagtail.models import Site

import pytest

from tests.news.factories import make_site
from tests.security.editors import PASSWORD, make_superuser
from tests.security.test_deploy_check import deploy_check
from tests.security.test_login import sign_in
from warta.delivery.deploychecks import check_clients_seen, check_site_address
from warta.delivery.frontcache import NginxPurgeBackend


class SiteAddressTests(TestCase):
    @override_settings(WARTA_BASE_URL="https://berita.example")
    def test_init_gives_the_site_the_base_urls_host_and_port(self):
        make_site()
        errors = check_site_address()
        self.assertEqual([error.id for error in errors], ["warta.E101"])
        self.assertIn("localhost:80", errors[0].msg)

        call_command("init", stdout=StringIO())

        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("berita.example", 443))
        self.assertEqual(site.root_url, "https://berita.example")
        self.assertEqual(check_site_address(), [])

    @override_settings(WARTA_BASE_URL="https://127.0.0.1:18443")
    def test_a_port_in_the_base_url_is_the_sites_port(self):
        call_command("init", stdout=StringIO())
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("127.0.0.1", 18443))


@override_settings(WARTA_BASE_URL="https://berita.example")
class ClientsSeenTests(TestCase):
    """Behind nginx without WARTA_PROXY_COUNT, every sign-in seems to come from 127.0.0.1."""

    @classmethod
    def setUpTestData(cls):
        make_superuser("sari")

    def sign_in_behind_nginx(self):
        response = sign_in(Client(), "sari", PASSWORD, "127.0.0.1", forwarded="203.0.113.5")
        self.assertEqual(response.status_code, 302)

    @override_settings(WARTA_PROXY_COUNT=0)
    def test_the_check_warns_when_the_app_sees_only_the_proxy(self):
        self.assertEqual(check_clients_seen(), [])  # nothing seen yet
        self.sign_in_behind_nginx()
        self.assertEqual([warning.id for warning in check_clients_seen()], ["warta.W104"])

    @override_settings(WARTA_PROXY_COUNT=1)
    def test_with_the_proxy_counted_the_readers_addresses_are_seen(self):
        self.sign_in_behind_nginx()
        self.assertEqual(check_clients_seen(), [])


PRODUCTION_LIKE = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "ALLOWED_HOSTS": ["berita.example"],
}


@override_settings(**PRODUCTION_LIKE)
class HealthTests(TestCase):
    def test_a_probe_on_loopback_gets_200_without_host_or_scheme_headers(self):
        client = Client()
        self.assertEqual(client.get("/", HTTP_HOST="127.0.0.1:8001").status_code, 400)
        response = client.get("/healthz/", HTTP_HOST="127.0.0.1:8001")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok\n")
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertEqual(client.head("/healthz/", HTTP_HOST="127.0.0.1:8001").status_code, 200)


class FakeFrontCache(BaseHTTPRequestHandler):
    """Answers PURGE like nginx's cache-purge module: 200 for a cached page, else 404."""

    cached = {"/berita/dicache/"}
    seen = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.seen.append((self.headers["Host"], self.path))
        status = 200 if self.path in self.cached else 404
        if self.path == "/rusak/":
            status = 500
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeFrontCache)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeFrontCache.seen.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_purges_of_pages_nginx_has_not_cached_are_not_errors(front_cache, caplog):
    backend = NginxPurgeBackend({"LOCATION": front_cache})
    with caplog.at_level(logging.INFO):
        backend.purge("https://berita.example/berita/dicache/")
        backend.purge("https://berita.example/tag/tidak-dicache/")
    assert FakeFrontCache.seen == [
        ("berita.example", "/berita/dicache/"),
        ("berita.example", "/tag/tidak-dicache/"),
    ]
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_purge_the_cache_refuses_or_misses_is_logged_with_the_fix(front_cache, caplog):
    NginxPurgeBackend({"LOCATION": front_cache}).purge("https://berita.example/rusak/")
    NginxPurgeBackend({"LOCATION": "http://127.0.0.1:9"}).purge("https://berita.example/")
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 2
    assert "answered 500" in errors[0]
    assert "does not answer" in errors[1] and "WARTA_PURGE_URL" in errors[1]


def test_production_without_a_proxy_count_warns(tmp_path):
    result = deploy_check(tmp_path, WARTA_PROXY_COUNT=None)
    assert result.returncode != 0
    assert "warta.W103" in result.stdout + result.stderr
    behind_nginx = deploy_check(
        tmp_path, WARTA_PROXY_COUNT="0", WARTA_PURGE_URL="http://127.0.0.1:9"
    )
    assert "warta.W103" in behind_nginx.stdout + behind_nginx.stderr
