"""404 and 500 pages: in Indonesian, in the site's design; 500 without the database."""

from django.db import connection
from django.test import RequestFactory, override_settings
from django.views.defaults import server_error

import pytest

from tests.news.factories import make_site
from tests.news.pagetext import parse, visible_text

pytestmark = pytest.mark.django_db


def test_404_is_indonesian_with_the_sites_header_and_sections(client):
    make_site(sections=("Umum", "Ekonomi"))
    response = client.get("/tidak-ada/sama-sekali/")
    assert response.status_code == 404
    page = parse(response)
    assert visible_text(page.xpath("//h1")[0]) == "Halaman tidak ditemukan"
    assert page.xpath("//header[@class='site-header']")
    assert page.xpath("//link[@rel='stylesheet']")
    assert "Ekonomi" in visible_text(page.xpath("//ul[@class='error-page__sections']")[0])
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]


def refuse_queries(*args, **kwargs):
    raise AssertionError("the 500 page must not touch the database")


def test_500_renders_without_the_database():
    request = RequestFactory().get("/")
    with connection.execute_wrapper(refuse_queries):
        response = server_error(request)
    assert response.status_code == 500
    page = parse(response)
    assert visible_text(page.xpath("//h1")[0]) == "Terjadi kesalahan"
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["/static/warta/css/site.css"]
    assert page.xpath("//html/@lang") == ["id"]


@override_settings(DEBUG=False)
def test_an_error_in_a_page_answers_the_500_page(client, monkeypatch):
    make_site()

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr("warta.news.listings.home_context", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
