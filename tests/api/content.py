"""A small newsroom for the API tests: published, draft and private articles side by side."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from tests.news.factories import (
    make_article,
    make_image,
    make_reporter,
    make_site,
    make_source,
    paragraphs,
)
from warta.discovery.models import RelatedArticle, RelatedChoice
from warta.news.models import ArticlePage

WIB = ZoneInfo("Asia/Jakarta")


def build_newsroom():
    """Create a site whose drafts and private pages sit right beside what readers may see."""
    home, sections = make_site(sections=("Umum", "Internasional", "Ekonomi"))
    reporter = make_reporter("Muhammad Rizki", "m")
    editor = make_reporter("Citra Indah", "ci")
    source = make_source("interfax.ru")
    photo = make_image("Foto utama", 640, 360)
    inline = make_image("Foto tubuh", 400, 300)

    draft = make_article(
        sections["Internasional"],
        title="Draf rahasia banjir Astana",
        lead="Belum terbit.",
        tags=["banjir", "rahasia"],
        live=False,
    )
    older = make_article(
        sections["Internasional"],
        title="Banjir melanda Kazakhstan utara",
        lead="Sungai meluap di Petropavl.",
        body=[paragraphs("Air naik sejak pagi.")],
        published=datetime(2024, 7, 1, 9, 0, tzinfo=WIB),
        tags=["banjir", "kazakhstan"],
        reporter=reporter,
    )
    seed = make_article(
        sections["Internasional"],
        title="Putin tiba di Astana untuk KTT SCO",
        lead="Presiden Rusia menghadiri pertemuan puncak.",
        dateline="Astana",
        published=datetime(2024, 7, 4, 21, 53, tzinfo=WIB),
        body=[
            paragraphs("Presiden Rusia tiba di Astana.", "Ia disambut di bandara."),
            ("image", {"image": inline, "caption": "Bandara Astana", "credit": "Reuters"}),
            ("baca_juga", older),
            ("baca_juga", draft),
            ("quote", {"text": "Kami siap bekerja sama.", "attribution": "Putin"}),
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            paragraphs("Warga kebanjiran di pinggir kota."),
        ],
        tags=["kazakhstan", "rusia"],
        reporter=reporter,
        editor=editor,
        source=source,
        original_url="https://www.interfax.ru/world/123",
        featured_image=photo,
        featured_caption="Putin di Astana",
        featured_credit="Kremlin",
    )
    economy = make_article(
        sections["Ekonomi"],
        title="Harga minyak naik lagi",
        lead="Kenaikan harga minyak dunia.",
        published=datetime(2024, 7, 3, 8, 0, tzinfo=WIB),
        tags=["minyak"],
        reporter=editor,
    )
    private = make_article(
        sections["Umum"],
        title="Banjir khusus pelanggan",
        lead="Hanya untuk pelanggan.",
        published=datetime(2024, 7, 5, 8, 0, tzinfo=WIB),
        tags=["banjir", "rahasia"],
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    # A published article whose editor is working on a new, unpublished version.
    edited = make_article(
        sections["Umum"],
        title="Judul yang sudah terbit",
        lead="Banjir di Jakarta.",
        published=datetime(2024, 7, 2, 8, 0, tzinfo=WIB),
        tags=["banjir"],
    )
    edited.title = "Judul draf yang belum terbit"
    edited.lead = "Teks draf banjir rahasia."
    edited.save_revision()
    edited = ArticlePage.objects.get(pk=edited.pk)  # what is live: the published version

    # Stored related lists and editors' pins that point at what readers may not see.
    RelatedArticle.objects.filter(article=seed).delete()
    for rank, other in enumerate([draft, private, older, economy]):
        RelatedArticle.objects.create(article=seed, related=other, score=1 - rank / 10, rank=rank)
    RelatedChoice.objects.create(article=seed, related=private, kind=RelatedChoice.PIN)
    RelatedChoice.objects.create(article=seed, related=draft, kind=RelatedChoice.PIN)
    return SimpleNamespace(
        home=home,
        sections=sections,
        reporter=reporter,
        editor=editor,
        source=source,
        photo=photo,
        seed=seed,
        older=older,
        economy=economy,
        draft=draft,
        private=private,
        edited=edited,
        hidden_titles=[
            draft.title,
            private.title,
            "Judul draf yang belum terbit",
            "Teks draf banjir rahasia.",
        ],
    )


def add_paragraph_text(article, text):
    """Return a body with one more paragraph, for tests that republish an article."""
    return list(article.body.raw_data) + [{"type": "paragraph", "value": RichText(text).source}]
