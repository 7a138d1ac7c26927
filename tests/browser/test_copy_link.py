"""The share bar's copy button, in real headless Chromium."""

import pytest

from warta.demo.content import SEED
from warta.demo.loader import load_demo
from warta.news.models import ArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_copy_button_puts_the_url_on_the_clipboard_and_says_so(chromium, live_server):
    load_demo(site_name="Mercinews.com")
    url = live_server.url + ArticlePage.objects.get(slug=SEED.slug).url
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: r.url.startswith(live_server.url) or foreign.append(r.url))
    response = page.goto(url)
    assert response.status == 200, page.content()[:2000]

    toast = page.locator("[data-copy-toast]")
    assert not toast.is_visible() or toast.inner_text() == ""
    page.get_by_role("button", name="Salin tautan").click()
    # Functions, not strings: Playwright runs a string predicate through eval(), which the
    # page's Content-Security-Policy refuses.
    page.wait_for_function("() => document.querySelector('[data-copy-toast]').textContent")

    assert toast.inner_text() == "URL berhasil dicopy"
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('[data-copy-toast]')).opacity === '1'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert foreign == []
    context.close()
