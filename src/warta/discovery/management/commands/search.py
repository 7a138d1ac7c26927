"""warta search "...": search the published articles as a reader would, from the shell."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from warta.discovery.search import search
from warta.news.models import SectionPage


class Command(BaseCommand):
    help = "Search the published articles with Warta's Indonesian analysis."

    def add_arguments(self, parser):
        parser.add_argument("query", help="What a reader would type")
        parser.add_argument("--kategori", help="Only this section (its slug)")
        parser.add_argument("--limit", type=int, default=10, help="How many results to show")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON")

    def handle(self, *args, query, kategori=None, limit=10, json=False, **options):
        section = None
        if kategori:
            section = SectionPage.objects.live().filter(slug=kategori).first()
            if section is None:
                names = ", ".join(SectionPage.objects.live().values_list("slug", flat=True))
                raise CommandError(f"No section '{kategori}'. Use one of: {names}.")
        with translation.override(settings.LANGUAGE_CODE):
            results = search(query, section=section)
            hits = results.hits(results.ids[: max(limit, 0)])
            rows = [
                {
                    "title": hit.article.title,
                    "url": hit.article.full_url or hit.article.url_path,
                    "published": hit.article.first_published_at.isoformat()
                    if hit.article.first_published_at
                    else None,
                    "score": hit.score,
                    "snippet": str(hit.snippet),
                }
                for hit in hits
            ]
            if json:
                self.stdout.write(dump(rows))
                return
            if not rows:
                self.stdout.write(
                    _("No news found for “%(query)s”.") % {"query": results.query or query[:80]}
                )
                return
            for number, row in enumerate(rows, start=1):
                self.stdout.write(f"{number}. {row['title']}  [{row['score']}]")
                self.stdout.write(f"   {row['url']}  {row['published'] or ''}")
                self.stdout.write(f"   {strip_tags(row['snippet'])}")


def dump(rows):
    return json.dumps(rows, ensure_ascii=False, indent=2)
