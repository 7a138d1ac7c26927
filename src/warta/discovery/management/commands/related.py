"""warta related --rebuild: recompute every published article's related list (after imports)."""

import time

from django.core.management.base import BaseCommand

from warta.discovery import related
from warta.news.models import ArticlePage


class Command(BaseCommand):
    help = (
        "Recompute related news for every published article, oldest first. Publishing keeps "
        "the lists current by itself; run this after a bulk import that bypassed publishing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Recompute every list")

    def handle(self, *args, rebuild=False, **options):
        if not rebuild:
            self.stdout.write("Nothing to do: pass --rebuild to recompute every list.")
            return
        started = time.monotonic()
        articles = ArticlePage.objects.live().order_by("first_published_at", "pk")
        count = 0
        for article in articles.iterator(chunk_size=200):
            related.refresh(article)
            count += 1
        elapsed = time.monotonic() - started
        self.stdout.write(f"Recomputed {count} related lists in {elapsed:.1f} s.")
