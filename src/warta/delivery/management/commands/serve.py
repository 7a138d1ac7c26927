import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def default_workers():
    return max(1, os.cpu_count() or 1)


class Command(BaseCommand):
    help = "Serve the site and the admin with granian, a production-grade server."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("WARTA_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("WARTA_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WARTA_WORKERS", "0")) or default_workers(),
            help="Worker processes (default: one per CPU core)",
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("WARTA_THREADS", "4"))
        )

    def handle(self, *args, host, port, workers, threads, **options):
        try:
            from granian.constants import Interfaces
            from granian.server import Server
        except ImportError as error:  # pragma: no cover - granian is a dependency
            raise CommandError("Install granian: pip install granian") from error

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
        self.stdout.write(
            f"Warta ({settings.WARTA_ENV}) on http://{host}:{port}/ with {workers} worker(s); "
            f"admin on http://{host}:{port}/admin/"
        )
        Server(
            "warta.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=threads,
            log_access=False,
        ).serve()
