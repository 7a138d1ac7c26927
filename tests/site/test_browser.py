"""The readers' site on a 360x740 phone in headless Chromium: menu, pages, dark, banner."""

from django.utils import timezone

import pytest

from tests.news.factories import make_article, make_site
from warta.news.models import SectionPage
from warta.readership.backends import get_backend

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SECTIONS = ("Umum", "Peristiwa", "Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi")
READER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A146P) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture
def site():
    home, sections = make_site(sections=SECTIONS)
    now = timezone.now()
    articles = [
        make_article(
            sections["Olahraga"], title=f"Laga {n}", published=now - timezone.timedelta(hours=n)
        )
        for n in range(7)
    ]
    return home, sections, articles


def no_sideways_scroll(page):
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_menu_opens_every_section_and_navigates(phone, live_server, site):
    page = phone()
    page.goto(live_server.url + "/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    teknologi = page.get_by_role("link", name="Teknologi", exact=True)
    box = teknologi.bounding_box()
    assert box["x"] + box["width"] > 360  # off the strip's visible part before opening

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    for title in SECTIONS:
        box = page.get_by_role("link", name=title, exact=True).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, title
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"

    menu.click()
    teknologi.click()
    page.wait_for_url(live_server.url + "/teknologi/")
    assert page.locator("h1").inner_text() == "Teknologi"
    assert teknologi.get_attribute("aria-current") == "page"
    assert no_sideways_scroll(page)
    assert all(url.startswith(live_server.url) for url in page.requests)


def test_pagination_by_page_number(phone, live_server, site, monkeypatch):
    monkeypatch.setattr(SectionPage, "per_page", 3)
    page = phone()
    page.goto(live_server.url + "/olahraga/")
    cards = page.locator(".archive__items h3")
    assert cards.all_inner_texts() == ["Laga 0", "Laga 1", "Laga 2"]
    page.get_by_role("link", name="Halaman 3").click()
    page.wait_for_url("**/olahraga/?page=3")
    assert cards.all_inner_texts() == ["Laga 6"]
    assert page.locator("[aria-current='page']", has_text="3").is_visible()
    page.get_by_role("link", name="Lebih baru").click()
    page.wait_for_url("**/olahraga/?page=2")
    assert cards.all_inner_texts() == ["Laga 3", "Laga 4", "Laga 5"]
    assert no_sideways_scroll(page)
    response = page.goto(live_server.url + "/olahraga/?page=4")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"


@pytest.mark.parametrize(
    "scheme, background, text",
    [
        ("light", "rgb(255, 255, 255)", "rgb(26, 26, 26)"),
        ("dark", "rgb(18, 18, 18)", "rgb(236, 236, 236)"),
    ],
)
def test_light_and_dark_follow_the_readers_setting(
    phone, live_server, site, scheme, background, text
):
    page = phone(color_scheme=scheme)
    page.goto(live_server.url + "/")
    colours = page.evaluate(
        "(() => { const s = getComputedStyle(document.body);"
        " return [s.backgroundColor, s.color]; })()"
    )
    assert colours == [background, text]


def test_focus_is_visible_and_the_skip_link_comes_first(phone, live_server, site):
    page = phone()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.getAttribute('href'), s.outlineStyle,"
        " e.getBoundingClientRect().left >= 0]; })()"
    )
    assert focused == ["#isi", "solid", True]


def test_breaking_banner_leads_the_front_page(phone, live_server, site):
    home, _sections, articles = site
    home.breaking_active = True
    home.breaking_text = "Gempa M6,2 guncang Aceh, warga diminta menjauhi pantai"
    home.breaking_page = articles[4]
    home.save_revision().publish()  # publishing purges the cached front page
    page = phone()
    page.goto(live_server.url + "/")
    banner = page.locator("[data-breaking]")
    assert banner.is_visible()
    banner_box = banner.bounding_box()
    headline_box = page.locator(".lead-story").bounding_box()
    assert banner_box["y"] + banner_box["height"] <= headline_box["y"]
    assert banner_box["x"] >= 0 and banner_box["x"] + banner_box["width"] <= 360
    assert banner_box["y"] < 740  # seen without scrolling
    assert no_sideways_scroll(page)
    banner.get_by_role("link").click()
    page.wait_for_url(live_server.url + articles[4].url)

    home.breaking_active = False
    home.save_revision().publish()
    page = phone()  # a reader who has not got the page in the browser's cache yet
    page.goto(live_server.url + "/")
    assert page.locator("[data-breaking]").count() == 0


def test_reading_an_article_counts_one_view(phone, live_server, site):
    _home, _sections, articles = site
    page = phone(user_agent=READER)
    with page.expect_request(lambda request: "/-/dibaca/" in request.url) as beacon:
        page.goto(live_server.url + articles[2].url)
    assert beacon.value.method == "POST"
    page.wait_for_load_state("networkidle")
    get_backend().flush()
    assert get_backend().top(24, 5) == [(articles[2].pk, 1)]
