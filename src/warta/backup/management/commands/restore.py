from django.core.management.base import BaseCommand, CommandError

from warta.backup.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and the media files from an archive of `warta backup`, after "
        "checking every checksum. Refuses a database that already has tables unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `warta backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in a database that is not empty",
        )

    def handle(self, *args, path, force, **options):
        try:
            result = restore_backup(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {result.engine} database and {result.files} media files from {result.path}."
        )
