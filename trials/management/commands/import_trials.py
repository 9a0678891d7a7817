"""`import_trials NCT01234567 …` or `import_trials --file studies.json`."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from trials.registry import importer

from ._results import live_progress, report


class Command(BaseCommand):
    help = (
        "Create or update clinical trial pages from ClinicalTrials.gov: fetch studies "
        "by NCT ID from the registry API (CTGOV_API_BASE_URL), or read a JSON file "
        "holding one study, a page of the /studies endpoint or a list of studies. "
        "Prints one line per study and exits with status 1 if any was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "nct_ids", nargs="*", metavar="NCT_ID", help="NCT IDs, e.g. NCT01234567."
        )
        parser.add_argument(
            "--file",
            "-f",
            dest="file",
            help="A JSON file downloaded from the registry; “-” reads standard input.",
        )
        parser.add_argument(
            "--user",
            help="Username to record as the author of the page revisions.",
        )

    def handle(self, *args, nct_ids, file, user, verbosity, **options):
        if not nct_ids and not file:
            raise CommandError("Give one or more NCT IDs, or --file studies.json.")
        author = find_user(user)
        results = []
        progress = live_progress(self, verbosity) if nct_ids and not file else None
        if nct_ids:
            results += importer.import_nct_ids(nct_ids, user=author, progress=progress)
        if file:
            results += importer.import_payload(read_file(file), user=author)
        if not results:
            self.stdout.write("No study records found; nothing to do.")
            return
        report(self, results, verbosity, shown=progress is not None)


def read_file(name: str) -> bytes:
    """The file's bytes; the JSON is decoded (and judged) by the importer."""
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"There is no file {name}.") from None
    except OSError as error:
        raise CommandError(f"Could not read {name}: {error.strerror}.") from error


def find_user(username: str | None):
    if not username:
        return None
    user_model = get_user_model()
    try:
        return user_model.objects.get(**{user_model.USERNAME_FIELD: username})
    except user_model.DoesNotExist:
        raise CommandError(f"There is no user {username!r}.") from None
