"""`manage.py backup_site`: the database and the media in one dated folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from netsite import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump for PostgreSQL, SQLite's online backup API) "
        "and MEDIA_ROOT into a new dated folder. See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(settings.BASE_DIR / "backups"),
            help="Folder in which the dated backup folder is created "
            "(default: backups/).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave MEDIA_ROOT out (for example when media live in S3).",
        )

    def handle(self, *args, **options):
        media_root = None if options["no_media"] else Path(settings.MEDIA_ROOT)
        try:
            folder = backup.backup(Path(options["output_dir"]), media_root)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.read_manifest(folder)
        counts = ", ".join(f"{n} {label}" for label, n in manifest["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder} ({counts})."))
        if not manifest["media_archive"]:
            self.stdout.write("No media were included.")
