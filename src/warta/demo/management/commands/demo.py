import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from warta.demo.accounts import demo_admin
from warta.demo.loader import load_demo
from warta.demo.reads import record_demo_reads


class Command(BaseCommand):
    help = "Migrate, load the demo newsroom (idempotent), create an admin account and serve."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Only load, do not serve")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            help="Also add this many synthetic articles (for benchmarks)",
        )

    def handle(self, *args, no_serve, port, articles, **options):
        call_command("migrate", interactive=False, verbosity=0)
        created = load_demo(site_name=os.environ.get("WARTA_SITE_NAME", "Mercinews.com"))
        self.stdout.write(f"Demo content: {created} new article(s).")
        self.stdout.write(f"Demo readers: {record_demo_reads()} view(s) counted.")
        if articles:
            from warta.demo.synthetic import add_synthetic_articles

            added = add_synthetic_articles(articles, progress=self.stdout)
            self.stdout.write(f"Synthetic articles: {added} added.")
        username, password = demo_admin()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:{port}/admin/  login: {username}  password: {password}"
            )
        )
        if not no_serve:
            call_command("serve", port=port)
