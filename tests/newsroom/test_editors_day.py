"""An editor's day in Chromium: people, write, preview, review, publish, schedule, correct.

The same walk as issue 22: every response stays under 500, the preview renders inside the
editor, the reporter finds the editor's comment atop the article, approving links to the live
page, a new article is scheduled at a whole minute in WIB right after autosave created it, and
a correction shows with its label on a phone. Every admin page opened on the way is checked
for the English words of `admin_text.ENGLISH`.
"""

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.utils import timezone

import pytest

from warta.news.dates import site_zone
from warta.news.models import ArticlePage, Reporter
from warta.newsroom.roles import REPORTER, section_group_name

from .admin_text import foreign_words
from .browser import sign_in
from .newsroom import make_newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTER_PASSWORD = "kata-sandi-panjang-2026"
COMMENT = "Tambahkan keterangan BPBD soal jumlah pengungsi."


def settled(query):
    """Run an ORM read, again while the in-memory test database is locked by the server."""
    for _ in range(100):
        try:
            return query()
        except OperationalError:
            time.sleep(0.1)
    return query()


class Walk:
    """One person's browser: records server errors and English met on admin pages."""

    def __init__(self, chromium, base_url, username, password="sandi-uji", **context_args):
        self.context = chromium.new_context(
            viewport={"width": 1400, "height": 1000}, **context_args
        )
        self.base_url = base_url
        self.errors, self.english = [], {}
        self.page = sign_in(self.context, base_url, username, password)
        self.page.on("response", self.record)

    def record(self, response):
        if response.status >= 500:
            self.errors.append(f"{response.status} {response.request.method} {response.url}")

    def check_language(self):
        found = foreign_words(self.page.content())
        if found:
            self.english[self.page.url] = found

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status < 400, (path, response.status)
        self.check_language()
        return self.page

    def wait_for_autosave(self, title):
        """Wait until autosave created the page with its first revision, and its request ended.

        The live server's in-memory SQLite refuses a second writer at once instead of waiting
        as the site's file database does: the walk lets one request finish before the next.
        """
        for _ in range(100):
            query = ArticlePage.objects.filter(title=title, latest_revision__isnull=False)
            if settled(query.exists):
                break
            self.page.wait_for_timeout(200)
        self.page.wait_for_timeout(1500)

    def write_body(self, text):
        page = self.page
        page.locator(
            "[data-streamfield-stream-container] button[title], .c-sf-add-button"
        ).first.click()
        page.get_by_role("option", name="Paragraf").first.click()
        editor = page.locator("[data-contentpath='body'] [contenteditable='true']").first
        editor.click()
        editor.type(text)

    def close(self):
        self.context.close()


def walk_actions(page):
    """Open the editor's footer menu of actions, once its script has started."""
    page.wait_for_load_state("load")
    toggle = page.locator("footer [data-w-dropdown-target='toggle']")
    content = page.locator("footer [data-w-dropdown-target='content']")
    for _ in range(3):
        toggle.click()
        try:
            content.wait_for(state="visible", timeout=3000)
            return
        except Exception:  # noqa: BLE001 - the menu's script was not ready: click again
            continue
    content.wait_for(state="visible")


def test_an_editors_day(chromium, live_server):
    home, umum, intl, people = make_newsroom()
    get_user_model().objects.create_superuser("pemred", "pemred@example.com", "sandi-uji")

    # Morning: the Admin creates a reporter; the byline comes with the account.
    admin = Walk(chromium, live_server.url, "pemred")
    page = admin.goto("/admin/users/new/")
    page.locator("#id_username").fill("rizki")
    page.locator("#id_email").fill("rizki@example.com")
    page.locator("#id_first_name").fill("Muhammad")
    page.locator("#id_last_name").fill("Rizki")
    page.locator("#id_password1").fill(REPORTER_PASSWORD)
    page.locator("#id_password2").fill(REPORTER_PASSWORD)
    page.locator("#tab-label-roles").click()
    page.get_by_label(REPORTER, exact=True).check()
    page.get_by_label(section_group_name(REPORTER, "Umum"), exact=True).check()
    page.locator("form button[type=submit]").last.click()
    page.get_by_text("Nama penulis “Muhammad Rizki” (mr) dibuat").wait_for()
    admin.check_language()
    byline = settled(lambda: Reporter.objects.get(user__username="rizki"))
    assert byline.slug == "muhammad-rizki"

    # The reporter writes, previews on a phone inside the editor, and submits.
    reporter = Walk(chromium, live_server.url, "rizki", REPORTER_PASSWORD)
    page = reporter.goto(f"/admin/pages/add/news/articlepage/{umum.pk}/")
    page.locator("#id_title").fill("Banjir rendam empat kecamatan di Jakarta Utara")
    reporter.write_body("Hujan deras sejak Senin malam merendam empat kecamatan.")
    reporter.wait_for_autosave("Banjir rendam empat kecamatan di Jakarta Utara")
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("h1").filter(has_text="Banjir rendam empat kecamatan").wait_for()
    walk_actions(page)
    page.get_by_role("button", name="Ajukan ke Review redaksi").click()
    page.wait_for_url("**/admin/pages/**")
    article = settled(lambda: ArticlePage.objects.get(title__startswith="Banjir rendam"))
    reporter.check_language()

    # The section's editor asks for changes with a comment.
    editor = Walk(chromium, live_server.url, "citra")
    page = editor.goto(f"/admin/pages/{article.pk}/edit/")
    walk_actions(page)
    page.get_by_role("button", name="Minta perubahan").click()
    page.locator("textarea[name=comment]").fill(COMMENT)
    page.locator(".modal button[type=submit], dialog button[type=submit]").last.click()
    page.get_by_text("Perubahan diminta untuk").wait_for()
    editor.check_language()

    # The reporter finds the comment atop the article and resubmits.
    page = reporter.goto(f"/admin/pages/{article.pk}/edit/")
    page.get_by_text(COMMENT).first.wait_for()
    page.get_by_text("Draf: perubahan diminta").first.wait_for(state="attached")
    walk_actions(page)
    assert page.get_by_role("button", name="Mulai ulang alur kerja").count() == 0
    page.get_by_role("button", name="Ajukan ulang ke Review editor rubrik").click()
    page.wait_for_url("**/admin/pages/**")

    # The editor approves and follows the link to the live article.
    page = editor.goto(f"/admin/pages/{article.pk}/edit/")
    walk_actions(page)
    page.get_by_role("button", name="Setujui").first.click()
    page.get_by_text("disetujui dan sudah tayang").wait_for()
    editor.check_language()
    page.get_by_role("link", name="Lihat yang tayang").click()
    page.locator("h1").filter(has_text="Banjir rendam empat kecamatan").wait_for()
    assert settled(lambda: ArticlePage.objects.get(pk=article.pk).live)

    # A new article, scheduled at a whole minute in WIB at once after autosave created it.
    page = editor.goto(f"/admin/pages/add/news/articlepage/{umum.pk}/")
    page.locator("#id_title").fill("Sidang kabinet membahas banjir")
    editor.write_body("Presiden memimpin sidang kabinet terbatas.")
    editor.wait_for_autosave("Sidang kabinet membahas banjir")
    go_live = (timezone.now() + timedelta(days=1)).astimezone(site_zone()).replace(minute=15)
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Atur jadwal").first.click()
    assert "(WIB)" in page.locator("label[for=id_go_live_at]").inner_text()
    page.locator("#id_go_live_at").click()
    picker_times = page.locator(".xdsoft_datetimepicker:visible .xdsoft_time")
    picker_times.first.wait_for()
    assert picker_times.filter(has_text=":05").count() > 0  # minutes, not whole hours
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    page.get_by_role("button", name="Simpan jadwal").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    editor.check_language()
    scheduled = settled(
        lambda: list(ArticlePage.objects.filter(title="Sidang kabinet membahas banjir"))
    )
    assert len(scheduled) == 1
    revision = settled(scheduled[0].get_latest_revision_as_object)
    assert revision.go_live_at.astimezone(site_zone()).strftime("%H:%M") == go_live.strftime(
        "%H:%M"
    )

    # A correction on the live article, read on a phone with its label.
    page = editor.goto(f"/admin/pages/{article.pk}/edit/")
    page.get_by_label("Suntingan ini pembaruan penting").check()
    page.locator("#id_correction_note").fill("Jumlah kecamatan empat, bukan lima.")
    walk_actions(page)
    # The edit page's own address matches "**/admin/pages/**": wait for the publish itself.
    with page.expect_navigation():
        page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_load_state("load")
    phone = chromium.new_context(viewport={"width": 360, "height": 740})
    reader = phone.new_page()
    reader.goto(live_server.url + settled(lambda: ArticlePage.objects.get(pk=article.pk).url))
    note = reader.locator(".article__correction").inner_text()
    assert " ".join(note.split()) == "Koreksi: Jumlah kecamatan empat, bukan lima."
    phone.close()

    walks = (admin, reporter, editor)
    assert [error for walk in walks for error in walk.errors] == []
    assert {url: words for walk in walks for url, words in walk.english.items()} == {}
    for walk in walks:
        walk.close()
