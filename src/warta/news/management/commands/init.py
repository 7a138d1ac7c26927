from django.core.management.base import BaseCommand

from warta.news.setup import prepare_site


class Command(BaseCommand):
    help = "Prepare an empty site for a newsroom: home page, default sections, site name and zone."

    def handle(self, *args, **options):
        site, created_sections = prepare_site()
        self.stdout.write(
            f"Site '{site.site_name}' ready at {site.root_page.url_path}; "
            f"{len(created_sections)} new section(s)."
        )
