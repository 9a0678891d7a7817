"""Delete families' requests past their retention period (run nightly from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from intake.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete families' requests received more than REQUESTS_RETENTION_DAYS ago, or "
        "marked handled more than REQUESTS_HANDLED_RETENTION_DAYS ago."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(
            f"Deleted {deleted} request{'s' if deleted != 1 else ''} past the retention "
            f"period ({settings.INTAKE_RETENTION_DAYS} days after arrival, "
            f"{settings.INTAKE_HANDLED_RETENTION_DAYS} after being handled)."
        )
