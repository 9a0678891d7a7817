"""``manage.py sync_trials``: re-import every trial that came from the registry."""

from django.core.management.base import BaseCommand

from trials.registry import importer

from ._results import report
from .import_trials import find_user


class Command(BaseCommand):
    help = (
        "Re-import every clinical trial page that came from ClinicalTrials.gov (for a "
        "nightly cron). Registry fields are updated; what staff wrote is kept. "
        "Exits with status 1 if any study was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--user",
            help="Username to record as the author of the page revisions.",
        )

    def handle(self, *args, user, verbosity, **options):
        results = importer.sync_all(user=find_user(user))
        if not results:
            self.stdout.write("No trial pages came from the registry; nothing to sync.")
            return
        report(self, results, verbosity)
