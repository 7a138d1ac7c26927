"""warta related --rebuild: recompute every published article's related list (after imports)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from warta.discovery import related
from warta.discovery.models import ArticleTerm
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
        ArticleTerm.objects.all().delete()
        with transaction.atomic():
            count = related.rebuild_vectors(ArticlePage.objects.live())
        self.stdout.write(
            f"Term vectors of {count} articles in {time.monotonic() - started:.1f} s."
        )
        ids = ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True)
        for number, article_id in enumerate(ids.iterator(chunk_size=1000), start=1):
            related.relist(article_id)
            if number % 1000 == 0:
                self.stdout.write(f"  {number}/{count} lists")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Recomputed {count} related lists in {elapsed:.1f} s.")
