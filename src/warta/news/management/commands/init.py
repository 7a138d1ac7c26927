import os

from django.conf import settings
from django.core.management.base import BaseCommand

from warta.news.setup import prepare_site, set_site_address


class Command(BaseCommand):
    help = (
        "Prepare an empty site for a newsroom: home page, default sections, site name, and its "
        "address from WARTA_BASE_URL."
    )

    def handle(self, *args, **options):
        site, created_sections = prepare_site(site_name=os.environ.get("WARTA_SITE_NAME"))
        set_site_address(site)
        self.stdout.write(
            f"Site '{site.site_name}' ready at {site.hostname}:{site.port} "
            f"(time zone {settings.TIME_ZONE}); "
            f"{len(created_sections)} new section(s)"
            + (f": {', '.join(created_sections)}." if created_sections else ".")
        )
