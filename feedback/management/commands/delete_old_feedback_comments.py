"""Blank the “What was missing?” comments older than the retention period.

Visitors are asked not to type personal details, but some will; so comments are kept
only as long as they are useful to editors (``FEEDBACK_COMMENT_RETENTION_DAYS``, a
year by default). The yes/no answers carry nothing personal and are kept, so the
counts per month stay true. Run daily by the cron service (docker/cron.sh).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.models import PageVote


class Command(BaseCommand):
    help = "Blank page feedback comments older than FEEDBACK_COMMENT_RETENTION_DAYS."

    def handle(self, *args, **options):
        days = settings.FEEDBACK_COMMENT_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        count = (
            PageVote.objects.filter(created_at__lt=cutoff)
            .filter(comment__isnull=False)
            .update(comment=None)
        )
        # The number only: the comments themselves never reach a log.
        self.stdout.write(
            f"Deleted {count} feedback comment(s) older than {days} days."
        )
