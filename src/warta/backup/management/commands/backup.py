from django.core.management.base import BaseCommand, CommandError

from warta.backup.archive import BackupError, create_backup


class Command(BaseCommand):
    help = "Write the database and the media files to one .tar.gz archive with checksums."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. warta-2026-11-29.tar.gz")

    def handle(self, *args, path, **options):
        try:
            result = create_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {result.path}: {result.engine} database and "
            f"{result.files} media files, {result.size / 1e6:.1f} MB."
        )
