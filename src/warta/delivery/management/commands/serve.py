import os

from django.conf import settings
from django.core.management import call_command
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
        self.collect_static_if_missing()
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

    def collect_static_if_missing(self):
        """Collect static files with hashed names before production serves without a manifest."""
        if not settings.PRODUCTION:
            return  # development serves static files from the apps through WhiteNoise's finders
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if manifest.exists():
            return
        self.stdout.write(f"Collecting static files into {settings.STATIC_ROOT} (first start)")
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        except OSError as error:
            raise CommandError(
                f"Could not write static files to {settings.STATIC_ROOT}: {error}. "
                "Set WARTA_STATIC_ROOT to a writable directory, or run "
                "`warta collectstatic --noinput` as the owner of that directory."
            ) from error
