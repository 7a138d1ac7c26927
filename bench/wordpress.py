"""Benchmark the WordPress import: posts per second for a generated export.

    python bench/wordpress.py [--posts 10000] [--images 200]

On a throwaway SQLite database (or DATABASE_URL if set to a scratch PostgreSQL database):
writes a WXR 1.2 export of --posts published posts over 12 categories, 40 authors and 300
tags (classic and block content, captions, galleries, unknown shortcodes), with --images
attachments in a generated uploads folder; imports it with --media-dir; then imports it again
(nothing changed: the idempotent path) and checks the old URLs of a sample of posts.
Prints posts/s for both runs, the peak Python memory of the reader on its own, and counts.
"""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

WORDS = [
    "banjir",
    "warga",
    "jakarta",
    "pemerintah",
    "presiden",
    "menteri",
    "ekonomi",
    "harga",
    "beras",
    "pasar",
    "rupiah",
    "sekolah",
    "guru",
    "murid",
    "rumah",
    "sakit",
    "dokter",
    "pasien",
    "jalan",
    "tol",
    "macet",
    "kereta",
    "bandara",
    "pesawat",
    "gempa",
    "bumi",
    "gunung",
    "hujan",
    "deras",
    "sungai",
    "desa",
    "kota",
    "pulau",
    "laut",
    "nelayan",
    "petani",
    "panen",
    "timnas",
    "sepak",
    "bola",
    "pelatih",
    "gol",
    "pemain",
    "liga",
    "juara",
    "turnamen",
    "olahraga",
    "stadion",
    "penonton",
]
ATTACHMENT_IDS = 10_000_000  # WordPress numbers attachments like posts; keep them apart


def setup(var_dir):
    os.environ["WARTA_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.MEDIA_ROOT = Path(var_dir) / "media"
    call_command("migrate", verbosity=0)


def sentence(rng, low=8, high=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def content(rng, number, images):
    """Alternate classic and block content, with the shortcodes newsrooms use."""
    paragraphs = [" ".join(sentence(rng) for _ in range(3)) for _ in range(rng.randint(3, 8))]
    image = rng.randint(1, images) if images else 0
    aid = ATTACHMENT_IDS + image
    if number % 2:
        extra = (
            f'[caption id="attachment_{aid}" width="300"]<img class="wp-image-{aid}" '
            f'src="https://lama.example/wp-content/uploads/2024/07/foto-{image}-300x200.jpg">'
            f" {sentence(rng, 4, 8)}[/caption]"
            if image
            else ""
        )
        return "\n\n".join([*paragraphs[:2], extra, "[iklan posisi=tengah]", *paragraphs[2:]])
    blocks = [f"<!-- wp:paragraph --><p>{p}</p><!-- /wp:paragraph -->" for p in paragraphs]
    if image:
        blocks.insert(
            1,
            f'<!-- wp:image {{"id":{aid}}} --><figure class="wp-block-image"><img '
            f'src="https://lama.example/wp-content/uploads/2024/07/foto-{image}.jpg" '
            f'class="wp-image-{aid}"/><figcaption>{sentence(rng, 4, 8)}</figcaption></figure>'
            "<!-- /wp:image -->",
        )
    return "\n\n".join(blocks)


def write_export(path, uploads, posts, images, seed=20240704):
    from tests.wordpress.builder import Export, Post, attachment, write_image

    rng = random.Random(seed)  # noqa: S311 - benchmark text
    categories = [(f"kategori-{n}", f"Kategori {n}", "") for n in range(12)]
    authors = [(f"penulis{n}", f"Penulis Nomor {n}", f"p{n}@lama.example") for n in range(40)]
    tags = [(f"tag-{n}", f"Tag {n}") for n in range(300)]
    export = Export(authors=authors, categories=categories, tags=tags)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(export.header())
        for number in range(1, images + 1):
            relative = f"2024/07/foto-{number}.jpg"
            write_image(uploads, relative, colour=(number % 256, 80, 160))
            handle.write(attachment(ATTACHMENT_IDS + number, relative, caption="Foto").xml())
        for number in range(1, posts + 1):
            day = 1 + number % 28
            post = Post(
                number,
                sentence(rng, 5, 10)[:-1],
                f"berita-{number}",
                content=content(rng, number, images),
                excerpt=sentence(rng),
                creator=rng.choice(authors)[0],
                date_gmt=f"2024-07-{day:02d} 03:00:00",
                date=f"2024-07-{day:02d} 10:00:00",
                categories=[rng.choice(categories)[:2]],
                tags=rng.sample(tags, 3),
                meta={"sumber": rng.choice(["Antara", "https://www.interfax.ru/x"])},
            )
            handle.write(post.xml())
        handle.write("</channel>\n</rss>\n")
    return path


def reader_memory(path):
    """Peak Python memory while reading every item, with nothing else going on."""
    from warta.wordpress.wxr import WXRReader

    tracemalloc.start()
    with path.open("rb") as handle:
        count = sum(1 for _ in WXRReader(handle))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


class Tenths:
    """Print the elapsed time at each tenth of the export read (the posts are evenly spread)."""

    def __init__(self, started):
        self.started = started
        self.printed = 0

    def __call__(self, done, total):
        tenth = done * 10 // max(total, 1)
        if tenth > self.printed:
            self.printed = tenth
            print(f"  {tenth * 10}% of the export at {time.perf_counter() - self.started:.0f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--images", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="warta-bench-wordpress-") as var_dir:
        setup(var_dir)
        from django.test import Client

        from warta.news.models import ArticlePage
        from warta.wordpress.importer import import_wordpress

        folder = Path(var_dir)
        started = time.perf_counter()
        path = write_export(folder / "export.xml", folder / "uploads", args.posts, args.images)
        size_mb = path.stat().st_size / 1e6
        print(
            f"export: {args.posts} posts, {size_mb:.1f} MB, written in "
            f"{time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        items, peak = reader_memory(path)
        elapsed = time.perf_counter() - started
        print(
            f"reader alone: {items} items in {elapsed:.1f} s ({items / elapsed:.0f} items/s), "
            f"peak Python memory {peak / 1e6:.1f} MB for a {size_mb:.1f} MB file"
        )

        started, cpu = time.perf_counter(), time.process_time()
        first = import_wordpress(path, media_dir=folder / "uploads", progress=Tenths(started))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"first import: {elapsed:.1f} s, {args.posts / elapsed:.1f} posts/s "
            f"(CPU {cpu:.1f} s: {args.posts / cpu:.1f} posts per CPU-second)"
        )
        print("  " + ", ".join(f"{k}: {v}" for k, v in sorted(first.counts.items())))

        started, cpu = time.perf_counter(), time.process_time()
        second = import_wordpress(path, media_dir=folder / "uploads")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"second import (unchanged): {elapsed:.1f} s, {args.posts / elapsed:.1f} posts/s "
            f"(CPU {cpu:.1f} s)"
        )
        print("  " + ", ".join(f"{k}: {v}" for k, v in sorted(second.counts.items())))

        client = Client()
        sample = random.Random(1).sample(range(1, args.posts + 1), min(50, args.posts))  # noqa: S311
        ok = sum(client.get(f"/?p={n}").status_code == 301 for n in sample)
        print(
            f"old URLs: {ok}/{len(sample)} sampled /?p=ID answer 301; "
            f"{ArticlePage.objects.count()} articles in the database"
        )


if __name__ == "__main__":
    main()
