"""On a 360x740 phone the search form leaves room for the first result on the first screen."""

import pytest

from tests.news.factories import make_article, make_site, paragraphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_first_result_shows_on_the_first_screen(chromium, live_server):
    home, sections = make_site(sections=("Umum",))
    make_article(sections["Umum"], title="Banjir rendam Jakarta", body=[paragraphs("Banjir.")])
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    response = page.goto(f"{live_server.url}/cari/?q=banjir")
    assert response.status == 200
    first = page.locator(".search-result").first.bounding_box()
    assert first["y"] + first["height"] <= 740, first
    page.get_by_text("Saring menurut rubrik dan tanggal").click()
    assert page.locator("#search-section").is_visible()
    context.close()
