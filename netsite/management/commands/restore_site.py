"""`manage.py restore_site BACKUP_DIR`: put a backup back, replacing what is there."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from netsite import backup
from netsite.backup_checks import check_backup
from netsite.page_cache import clear_site_cache


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the database (DATABASE_URL, or "
        "--database-url) and MEDIA_ROOT, replacing their contents, then check that "
        "every "
        "page, revision, image, document and user is back. See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="The backup folder (netsite-backup-…).")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of the site's own "
            "(e.g. postgres://user@host/netsite_copy or sqlite:////tmp/copy.sqlite3).",
        )
        parser.add_argument(
            "--media-root",
            help="Restore the media here instead of MEDIA_ROOT.",
        )
        parser.add_argument(
            "--no-media", action="store_true", help="Restore the database only."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, **options):
        if options["database_url"]:
            database = backup.Database.from_url(options["database_url"])
        else:
            database = backup.Database.from_settings(
                connections["default"].settings_dict
            )
        media_root = None
        if not options["no_media"]:
            media_root = Path(options["media_root"] or settings.MEDIA_ROOT)
        try:
            # Everything is checked before anything is asked or changed.
            manifest = check_backup(Path(options["backup_dir"]), database.engine)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Checked the backup of {manifest['created_at']}: every file is whole."
        )
        if options["interactive"]:
            media_note = f" and in {media_root}" if media_root else ""
            answer = input(
                f"This replaces everything in the {database.engine} database "
                f"“{database.name}”{media_note} "
                f"with the backup of {manifest['created_at']}. Type “yes” to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        own_database = not options["database_url"]
        if own_database:
            # Nothing of Django's may hold the database open while it is replaced.
            connections.close_all()
        try:
            counts = backup.restore(Path(options["backup_dir"]), database, media_root)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        finally:
            if own_database:
                connections.close_all()
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored and checked: {summary}."))
        if own_database:
            # Cached pages and Wagtail's own cache entries describe the old data.
            if clear_site_cache():
                self.stdout.write("Cleared the site's cache: visitors see the restore.")
            else:
                self.stderr.write(
                    "Could not reach the cache to clear it: restart the app and "
                    "empty Redis, or cached pages of the old site are served for up "
                    f"to {settings.PAGE_CACHE_TIMEOUT} seconds."
                )
