"""A WordPress post with a password stays private: same password, and the report says so."""

from io import StringIO

from django.core.management import call_command
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from tests.news.factories import make_site
from tests.wordpress.builder import Export, Post
from warta.news.models import ArticlePage

pytestmark = pytest.mark.django_db

SECRET = "Isi laporan untuk donatur saja."


def export(tmp_path, password="sandi-wp", status="publish"):
    posts = [
        Post(1, "Laporan khusus donatur", "laporan-donatur", f"<p>{SECRET}</p>", status=status),
        Post(2, "Berita untuk semua", "berita-semua", "<p>Isi terbuka.</p>"),
    ]
    posts[0].password = password
    return Export(items=posts).write(tmp_path / "export.xml")


def run_import(path):
    out = StringIO()
    with translation.override("id"):
        call_command("import_wordpress", str(path), stdout=out, verbosity=2)
    return out.getvalue()


@pytest.mark.parametrize("status", ["publish", "future"])
def test_a_password_protected_post_is_imported_private_with_its_password(
    tmp_path, client, status
):
    make_site()
    output = run_import(export(tmp_path, status=status))
    article = ArticlePage.objects.get(title="Laporan khusus donatur")
    restriction = PageViewRestriction.objects.get(page=article)
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password == "sandi-wp"

    assert "privat dengan sandi WordPress-nya" in output
    assert "imported private, with the same password" not in output  # said in Indonesian
    assert "diimpor privat, dengan sandi yang sama" in output

    if article.live:
        page = client.get(article.url).content.decode()
        assert SECRET not in page and 'name="password"' in page
    assert "Laporan khusus donatur" not in client.get("/").content.decode()
    assert "Berita untuk semua" in client.get("/").content.decode()


def test_a_changed_password_follows_on_a_second_import(tmp_path):
    make_site()
    run_import(export(tmp_path))
    run_import(export(tmp_path, password="sandi-baru"))
    article = ArticlePage.objects.get(title="Laporan khusus donatur")
    assert PageViewRestriction.objects.get(page=article).password == "sandi-baru"
