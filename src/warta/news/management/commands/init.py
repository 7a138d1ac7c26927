import os

from django.conf import settings
from django.core.management.base import BaseCommand

from warta.news.setup import prepare_site


class Command(BaseCommand):
    help = "Prepare an empty site for a newsroom: home page, default sections, site name and zone."

    def handle(self, *args, **options):
        site, created_sections = prepare_site(site_name=os.environ.get("WARTA_SITE_NAME"))
        self.stdout.write(
            f"Site '{site.site_name}' ready (time zone {settings.TIME_ZONE}); "
            f"{len(created_sections)} new section(s)"
            + (f": {', '.join(created_sections)}." if created_sections else ".")
        )
