"""Hostile addresses, parameters and headers on public URLs get a correct 4xx, never a 500."""

from urllib.parse import urlencode, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from tests.news.factories import make_article, make_reporter, make_site

pytestmark = pytest.mark.django_db

LISTS = [
    "/",
    "/umum/",
    "/tag/banjir/",
    "/penulis/muhammad-rizki/",
    "/cari/?q=banjir",
    "/feed/",
    "/feed/atom/",
    "/umum/feed/",
    "/tag/banjir/feed/",
    "/penulis/muhammad-rizki/feed/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-articles-1.xml",
    "/sitemap-news.xml",
    "/api/v1/articles",
    "/api/v1/sections",
    "/api/v1/tags",
    "/api/v1/reporters",
    "/api/v1/sources",
    "/api/v1/search?q=banjir",
]
# Archives that page with ?page=: a page that does not exist is a 404.
ARCHIVES = ["/umum/", "/tag/banjir/", "/penulis/muhammad-rizki/"]
BAD_PAGES = ["-1", "0", "abc", str(10**9), "9" * 40, "1.5", "1e3", "", " ", "%00", "\x00", "١"]
TRAVERSALS = [
    "/umum/../../etc/passwd",
    "/umum/%2e%2e/%2e%2e/etc/passwd",
    "/umum/..%2f..%2fetc%2fpasswd/",
    "/umum/%252e%252e/",
    "/umum/artikel%00.html/",
    "/tag/..%2f..%2f/",
    "/tag/%2e%2e/",
    "/tag/%00/",
    "/penulis/..%5c..%5cwindows/",
    "/penulis/%c0%ae%c0%ae/",
    "/media/../../etc/passwd",
    "/media/%2e%2e/%2e%2e/etc/passwd",
    "/media/..%2f..%2fetc%2fpasswd",
    "/media/%00",
    "/static/../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/dokumen/..%2f..%2f/",
    "/api/v1/articles/..%2f..%2f",
    "/api/v1/articles/%00",
    "/api/v1/articles/-1",
    "/api/v1/articles/99999999999999999999999",
    "/-/dibaca/99999999999999999999999/",
    "/sitemap-articles-99999999999999999999999.xml",
    "/sitemap-articles-0.xml",
]


@pytest.fixture
def site(settings):
    settings.WARTA_PAGE_CACHE = False
    settings.WARTA_API_RATE_LIMIT = "off"
    home, sections = make_site(sections=("Umum",))
    reporter = make_reporter("Muhammad Rizki", "m")
    for number in range(3):
        make_article(sections["Umum"], title=f"Banjir {number}", tags=["banjir"], reporter=reporter)
    return home


@pytest.fixture
def client():
    """A client that answers 500 as a browser sees it instead of raising the error."""
    return Client(raise_request_exception=False)


def test_every_list_answers_normally(site, client):
    for url in LISTS:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("page", BAD_PAGES)
def test_bad_page_numbers_get_a_4xx_never_a_500(site, client, page):
    for url in LISTS:
        separator = "&" if "?" in url else "?"
        query = urlsplit(url).query + "&" + urlencode({"page": page})
        response = client.get(url, QUERY_STRING=query)
        assert response.status_code < 500, (url, page, response.status_code)
        sized = f"{url}{separator}{urlencode({'page_size': page})}"
        assert client.get(sized).status_code < 500, (url, page)
    for url in ARCHIVES:
        response = client.get(url, {"page": page})
        assert response.status_code in (200, 404), (url, page)
        if page not in ("", " ", "١"):  # an empty page means the first one
            assert response.status_code == 404, (url, page)


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_gets_a_4xx_and_no_file(site, client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"root:" not in body
    assert b"SECRET_KEY" not in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example"])
def test_a_foreign_host_is_refused_even_when_the_page_is_cached(site, client, settings, host):
    settings.WARTA_PAGE_CACHE = True
    for url in ("/", "/umum/", "/feed/", "/sitemap.xml", "/api/v1/articles", "/cari/?q=a"):
        assert client.get(url).status_code == 200, url  # now in the page cache
        assert client.get(url, HTTP_HOST=host).status_code == 400, (url, host)


def test_a_forwarded_host_does_not_reach_the_links(site, client):
    response = client.get("/", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 200
    assert b"evil.example" not in response.content
    feed = client.get("/feed/", HTTP_X_FORWARDED_HOST="evil.example")
    assert b"evil.example" not in feed.content


NEXTS = [
    "//evil.example",
    "//evil.example/admin/",
    "https://evil.example/",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2F%2Fevil.example",
    "javascript:alert(1)",
    " //evil.example",
]


@pytest.mark.parametrize("next_url", NEXTS)
def test_admin_login_never_redirects_off_site(site, client, next_url):
    get_user_model().objects.create_superuser("redaktur", "r@example.com", "sandi-uji-panjang")
    response = client.post(
        "/admin/login/",
        {"username": "redaktur", "password": "sandi-uji-panjang", "next": next_url},
        QUERY_STRING=f"next={next_url}",
    )
    assert response.status_code == 302
    location = response["Location"]
    parts = urlsplit(location.replace("\\", "/"))
    assert parts.netloc in ("", "testserver"), location
    assert parts.scheme in ("", "http", "https"), location
    assert not location.replace("\\", "/").startswith("//"), location


@pytest.mark.parametrize("path", ["//evil.example", "//evil.example/umum", "/\\evil.example"])
def test_slash_appending_never_redirects_off_site(site, client, path):
    response = client.get(path)
    assert response.status_code < 500
    if response.status_code in (301, 302):
        location = response["Location"]
        assert not location.replace("\\", "/").startswith("//"), location
        assert urlsplit(location).netloc in ("", "testserver"), location


def test_huge_headers_and_addresses_get_an_answer_not_a_500(site, client):
    """The front server bounds headers (nginx: 8 KB lines); behind it the app still copes."""
    big = "a" * 64 * 1024
    assert client.get("/", HTTP_X_LONG=big).status_code == 200
    assert client.get("/", HTTP_COOKIE=f"sessionid={big}; csrftoken={big}").status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=big).status_code == 200
    assert client.get("/", HTTP_IF_NONE_MATCH=big).status_code == 200
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=big).status_code == 200
    assert client.get("/umum/" + "a" * 10_000 + "/").status_code == 404
    assert client.get("/tag/" + "a" * 10_000 + "/").status_code == 404
    assert client.get("/cari/", {"q": big}).status_code == 200
    assert client.get("/api/v1/search", {"q": big}).status_code < 500
    assert client.get("/api/v1/articles", {"tag": big}).status_code < 500
    assert client.get("/", {f"k{n}": "v" for n in range(2000)}).status_code < 500
