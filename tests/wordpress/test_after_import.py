"""What publishing sets off is done once the import ends: related lists, cache purge."""

import pytest

from tests.wordpress.builder import Export, Post
from warta.delivery import pagecache
from warta.discovery.models import RelatedArticle
from warta.news.models import ArticlePage
from warta.wordpress import importer

pytestmark = pytest.mark.django_db

STORIES = [
    ("Banjir rendam ribuan rumah di Jakarta Timur", "Banjir setinggi satu meter merendam rumah."),
    ("Warga Jakarta Timur mengungsi karena banjir", "Pengungsi banjir tinggal di masjid."),
    ("Banjir Jakarta surut, warga membersihkan rumah", "Lumpur banjir menutup jalan di Jakarta."),
    ("Pemprov Jakarta siapkan pompa untuk banjir", "Pompa air disiagakan menghadapi banjir."),
    ("Timnas menang tipis atas Vietnam", "Gol tunggal timnas lahir di menit akhir laga."),
]


def export(tmp_path, status="publish"):
    posts = [
        Post(
            number,
            title,
            f"berita-{number}",
            content=f"<p>{text}</p>",
            status=status,
            categories=[("berita-kota", "Berita Kota")],
        )
        for number, (title, text) in enumerate(STORIES, start=1)
    ]
    return Export(categories=[("berita-kota", "Berita Kota", "")], items=posts).write(
        tmp_path / "export.xml"
    )


@pytest.mark.parametrize("bulk_above", [100, 2], ids=["one-by-one", "bulk"])
def test_published_articles_get_related_lists(tmp_path, monkeypatch, bulk_above):
    monkeypatch.setattr(importer, "BULK_RELATED", bulk_above)
    importer.import_wordpress(export(tmp_path))
    flood = ArticlePage.objects.get(title=STORIES[0][0])
    related = set(
        RelatedArticle.objects.filter(article=flood).values_list("related__title", flat=True)
    )
    assert {title for title, _ in STORIES[1:4]} <= related


def test_cached_pages_turn_stale_after_the_last_article_is_live(tmp_path, monkeypatch):
    live_when_touched = []
    real_touch = pagecache.touch_all

    def touch_all():
        live_when_touched.append(ArticlePage.objects.live().count())
        real_touch()

    monkeypatch.setattr(pagecache, "touch_all", touch_all)
    importer.import_wordpress(export(tmp_path))
    assert live_when_touched[-1] == len(STORIES)
