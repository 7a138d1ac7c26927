"""Synthetic Indonesian articles in bulk, for benchmarks: `warta demo --articles N`.

The articles are written with `news.bulk` and are live and readable; they have no revisions
until an editor saves one, and the search index is refreshed with `warta update_index`.
"""

import json
import random
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from warta.demo.images import demo_image
from warta.news.bulk import BATCH, insert_live_articles
from warta.news.models import ArticlePage, ArticleTag, Reporter, SectionPage
from warta.news.setup import prepare_site

PEOPLE = [
    "Presiden",
    "Wakil Presiden",
    "Menteri Keuangan",
    "Gubernur",
    "Wali Kota",
    "Bupati",
    "Kapolri",
    "Panglima TNI",
    "Ketua DPR",
    "Menteri Kesehatan",
    "Menteri Pendidikan",
    "Bank Indonesia",
    "Badan Pusat Statistik",
    "KPK",
    "BMKG",
    "Pelatih timnas",
    "Warga",
]
ACTIONS = [
    "meresmikan",
    "meninjau",
    "mengumumkan",
    "menolak",
    "mendukung",
    "mengevaluasi",
    "menyelidiki",
    "membahas",
    "menargetkan",
    "memperingatkan",
    "menaikkan",
    "menurunkan",
]
THINGS = [
    "pembangunan jalan tol",
    "harga beras",
    "banjir",
    "program makan bergizi",
    "subsidi listrik",
    "penerimaan pajak",
    "kasus korupsi",
    "jadwal liga",
    "vaksinasi",
    "inflasi",
    "ekspor nikel",
    "tarif angkutan",
    "pembangunan bendungan",
    "cuaca ekstrem",
    "kebakaran hutan",
    "aplikasi pemerintah",
    "kenaikan BBM",
    "pasar saham",
]
PLACES = [
    "Jakarta",
    "Surabaya",
    "Medan",
    "Makassar",
    "Bandung",
    "Semarang",
    "Palembang",
    "Banda Aceh",
    "Denpasar",
    "Pontianak",
    "Manado",
    "Jayapura",
    "Yogyakarta",
    "Lampung",
]
SENTENCES = [
    "{person} {action} {thing} di {place} pada {day}.",
    "Menurut {person}, {thing} menjadi perhatian utama pemerintah daerah {place}.",
    "Warga {place} berharap {thing} dapat segera diselesaikan tahun ini.",
    "Rapat koordinasi mengenai {thing} digelar di {place} dan dihadiri sejumlah pejabat.",
    "Pengamat menilai langkah {person} terkait {thing} perlu diawasi secara ketat.",
    "Data terbaru menunjukkan {thing} di {place} meningkat dibanding bulan lalu.",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


class Writer:
    """Writes plausible Indonesian news text from a seeded random generator."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311 - demo text, not secrets

    def words(self):
        return {
            "person": self.rng.choice(PEOPLE),
            "action": self.rng.choice(ACTIONS),
            "thing": self.rng.choice(THINGS),
            "place": self.rng.choice(PLACES),
            "day": self.rng.choice(DAYS),
        }

    def title(self):
        w = self.words()
        return f"{w['person']} {w['action']} {w['thing']} di {w['place']}", w

    def paragraph(self, words):
        sentences = self.rng.sample(SENTENCES, 3)
        return " ".join(s.format(**(words | {"day": self.rng.choice(DAYS)})) for s in sentences)


def _reporters(count=12):
    reporters = []
    for number in range(1, count + 1):
        reporter, _ = Reporter.objects.get_or_create(
            slug=f"reporter-sintetis-{number}",
            defaults={"full_name": f"Reporter Sintetis {number}", "initials": f"rs{number}"},
        )
        reporters.append(reporter)
    return reporters


def _images(count=8):
    return [demo_image(f"Ilustrasi sintetis {n}", f"ilustrasi-sintetis-{n}") for n in range(count)]


def _tags():
    from taggit.models import Tag

    names = sorted({*PLACES, *(t.title() for t in THINGS)})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    Tag.objects.bulk_create(
        [Tag(name=name, slug=slugify(name)) for name in names if name not in existing],
        ignore_conflicts=True,
    )
    return {tag.name: tag for tag in Tag.objects.filter(name__in=names)}


def add_synthetic_articles(count, seed=7, progress=None):
    """Add `count` live synthetic articles spread over the sections; return how many."""
    prepare_site()
    sections = list(SectionPage.objects.order_by("path"))
    writer = Writer(seed + ArticlePage.objects.count())
    reporters, images, tags = _reporters(), _images(), _tags()
    body_field = ArticlePage._meta.get_field("body")
    now = timezone.now()
    added = 0
    while added < count:
        size = min(BATCH, count - added)
        with transaction.atomic():
            for number, section in enumerate(sections):
                share = len(range(number, size, len(sections)))
                articles = [
                    _synthetic_article(writer, reporters, images, body_field, now)
                    for _ in range(share)
                ]
                pages = insert_live_articles(section, [entry for entry, _ in articles])
                ArticleTag.objects.bulk_create(
                    [
                        ArticleTag(content_object_id=page.pk, tag_id=tags[name].pk)
                        for page, (_, names) in zip(pages, articles, strict=True)
                        for name in names
                    ],
                    batch_size=BATCH,
                )
        added += size
        if progress is not None:
            progress.write(f"  {added}/{count}")
    return added


def _synthetic_article(writer, reporters, images, body_field, now):
    """Return ((title, slug, published, fields), tag names) of one synthetic article."""
    rng = writer.rng
    title, words = writer.title()
    slug = f"{slugify(title)[:200]}-{uuid.uuid4().hex[:8]}"
    published = now - timedelta(minutes=rng.randrange(1, 60 * 24 * 365 * 3))
    paragraphs = [writer.paragraph(words) for _ in range(rng.randint(4, 9))]
    body = [
        {
            "type": "paragraph",
            "value": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
            "id": str(uuid.uuid4()),
        }
    ]
    fields = {
        "lead": paragraphs[0][:300],
        "dateline": words["place"],
        "body": body_field.to_python(json.dumps(body)),
        "featured_image": rng.choice(images),
        "featured_caption": f"Ilustrasi: {title}",
        "featured_credit": "Dok. Warta (sintetis)",
        "reporter": rng.choice(reporters),
        "editor": rng.choice(reporters),
    }
    return (title, slug, published, fields), {words["place"], words["thing"].title()}
