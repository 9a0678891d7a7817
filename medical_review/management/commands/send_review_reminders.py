"""E-mail each medical reviewer the condition and trial pages due for their review.

Meant for a daily cron job (see docs/operations.md). In development the console e-mail
backend prints the messages instead of sending them.
"""

from django.core.management.base import BaseCommand

from medical_review.reviews import DUE_SOON_DAYS, reminders, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each Medical reviewer the live condition and trial pages whose "
        f"review is overdue, due within {DUE_SOON_DAYS} days (or --days), or was "
        "never done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help=f"Include pages due within this many days (default {DUE_SOON_DAYS}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be e-mailed about which pages, and send nothing.",
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            days = 0
        if dry_run:
            for reviewer, entries in reminders(within_days=days).items():
                self.stdout.write(f"{reviewer.email}: {len(entries)} page(s)")
                for entry in entries:
                    self.stdout.write(f"  - {entry.title} ({entry.status})")
        sent = send_reminders(within_days=days, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {sent} review reminder e-mail{'s' if sent != 1 else ''}."
            )
        )
