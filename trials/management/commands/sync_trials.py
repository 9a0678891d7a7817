"""``manage.py sync_trials``: re-import every trial that came from the registry."""

from django.core.management.base import BaseCommand

from trials.registry import importer

from ._results import live_progress, report
from .import_trials import find_user


class Command(BaseCommand):
    help = (
        "Re-import every clinical trial page that came from ClinicalTrials.gov (for a "
        "nightly cron). Registry fields are updated; what staff wrote is kept. "
        "Stops fetching after CTGOV_SYNC_TIME_LIMIT seconds (the rest are skipped "
        "until the next run). Exits with status 1 if any study was rejected or skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--user",
            help="Username to record as the author of the page revisions.",
        )

    def handle(self, *args, user, verbosity, **options):
        progress = live_progress(self, verbosity)
        results = importer.sync_all(user=find_user(user), progress=progress)
        if not results:
            self.stdout.write("No trial pages came from the registry; nothing to sync.")
            return
        report(self, results, verbosity, shown=progress is not None)
