"""Time the registry import: N new records, then the same N again (all unchanged).

    .venv/bin/python bench/import_bench.py [--count 1000]

Runs against a throwaway SQLite database in a temporary directory (migrated
first), never the project's own database. Records are generated from the
sample shape with distinct NCT IDs, statuses, phases, ages and conditions.
Exits non-zero if the second run is not all "unchanged" or not faster.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_DIR / "bench-results" / "import.json"

STATUSES = ["RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED", "NOT_YET_RECRUITING"]
PHASES = [["PHASE1"], ["PHASE2"], ["PHASE1", "PHASE2"], ["PHASE3"], []]
AGES = [("6 Months", "21 Years"), ("1 Year", "18 Years"), ("12 Years", ""), ("", "")]
CONDITIONS = [
    ["Neuroendocrine Tumor", "Carcinoid Tumor"],
    ["Neuroblastoma"],
    ["Pancreatic Neuroendocrine Tumor", "Insulinoma"],
    ["Wilms Tumor", "Solid Tumor, Childhood"],
]

SAMPLE = {
    "protocolSection": {
        "identificationModule": {
            "nctId": "NCT00000000",
            "organization": {"fullName": "Bench Children's Cancer Center"},
            "briefTitle": "Bench study",
            "officialTitle": "A Benchmark Study of Registry Imports",
        },
        "statusModule": {
            "overallStatus": "RECRUITING",
            "startDateStruct": {"date": "2025-03-01"},
            "lastUpdatePostDateStruct": {"date": "2026-09-14"},
        },
        "sponsorCollaboratorsModule": {
            "leadSponsor": {"name": "Children's Oncology Group", "class": "NETWORK"},
            "collaborators": [{"name": "National Cancer Institute (NCI)"}],
        },
        "descriptionModule": {
            "briefSummary": "This study is generated for a benchmark. " * 8,
        },
        "conditionsModule": {"conditions": [], "keywords": ["NET", "recurrent"]},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": []},
        "eligibilityModule": {
            "eligibilityCriteria": "Inclusion Criteria:\n\n* A tumor\n" * 5,
            "sex": "ALL",
        },
        "contactsLocationsModule": {
            "centralContacts": [
                {
                    "name": "Trial Office",
                    "phone": "617-555-0100",
                    "email": "t@example.org",
                }
            ],
            "overallOfficials": [{"name": "A. Investigator", "role": "STUDY_CHAIR"}],
        },
    }
}


def make_records(count: int) -> list[dict]:
    records = []
    for n in range(count):
        record = copy.deepcopy(SAMPLE)
        protocol = record["protocolSection"]
        protocol["identificationModule"]["nctId"] = f"NCT{90000000 + n:08d}"
        protocol["identificationModule"]["briefTitle"] = f"Bench study number {n}"
        protocol["statusModule"]["overallStatus"] = STATUSES[n % len(STATUSES)]
        protocol["designModule"]["phases"] = PHASES[n % len(PHASES)]
        protocol["conditionsModule"]["conditions"] = CONDITIONS[n % len(CONDITIONS)]
        minimum, maximum = AGES[n % len(AGES)]
        if minimum:
            protocol["eligibilityModule"]["minimumAge"] = minimum
        if maximum:
            protocol["eligibilityModule"]["maximumAge"] = maximum
        records.append(record)
    return records


def setup_django(database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsite.settings.dev")
    # Read by netsite.settings.base through dj-database-url.
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    import logging

    # Every page save logs at INFO; a thousand of them drown the table.
    logging.getLogger().setLevel(logging.WARNING)
    for name in ("django_tasks", "wagtail"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_tree():
    """Home → listing and conditions index, with the NET condition page."""
    from wagtail.models import Site

    from conditions.models import ConditionAlias, ConditionIndexPage, ConditionPage
    from netsite.models import HomePage
    from programs.models import CollaborativeGroup
    from trials.models import TrialListingPage

    home = HomePage.objects.first()
    Site.objects.filter(is_default_site=True).update(root_page=home)
    listing = TrialListingPage(title="Clinical trials", slug="trials")
    home.add_child(instance=listing)
    index = ConditionIndexPage(title="Conditions we treat", slug="conditions")
    home.add_child(instance=index)
    net = ConditionPage(
        title="Neuroendocrine tumors (NETs)", slug="nets", overview="<p>NETs.</p>"
    )
    index.add_child(instance=net)
    ConditionAlias.objects.create(page=net, name="carcinoid tumors")
    CollaborativeGroup.objects.create(
        name="Children's Oncology Group", short_name="COG"
    )
    return listing


def timed_import(records, listing):
    from trials.registry.importer import import_payload

    started = time.perf_counter()
    results = import_payload(records, listing=listing)
    return time.perf_counter() - started, results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="records to import")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="netsite-bench-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.core.management import call_command

        print(f"Migrating a throwaway database in {tmp} …")  # noqa: T201
        call_command("migrate", verbosity=0)
        listing = build_tree()
        records = make_records(args.count)

        first_time, first = timed_import(records, listing)
        second_time, second = timed_import(records, listing)

        rows = [("first run", first_time, first), ("second run", second_time, second)]
        print(f"\n{'run':<12}{'seconds':>10}{'per study':>12}  outcomes")  # noqa: T201
        for name, seconds, results in rows:
            outcomes = {}
            for result in results:
                outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
            summary = ", ".join(f"{count} {kind}" for kind, count in outcomes.items())
            per_study = f"{seconds / max(len(results), 1) * 1000:.1f} ms"
            print(f"{name:<12}{seconds:>10.2f}{per_study:>12}  {summary}")  # noqa: T201
        speedup = first_time / second_time if second_time else float("inf")
        print(f"\nsecond run is {speedup:.1f}× faster")  # noqa: T201
        # For the one table of bench/run.py (bench-results/results.md).
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(
            json.dumps(
                {
                    "count": args.count,
                    "database": "SQLite",
                    "new_seconds": first_time,
                    "new_ms_each": first_time / max(len(first), 1) * 1000,
                    "unchanged_seconds": second_time,
                    "unchanged_ms_each": second_time / max(len(second), 1) * 1000,
                }
            )
        )

        problems = []
        if any(result.outcome != "created" for result in first):
            problems.append("the first run did not create every study")
        if any(result.outcome != "unchanged" for result in second):
            problems.append("the second run was not all unchanged")
        if second_time >= first_time:
            problems.append("the second run was not faster")
        for problem in problems:
            print(f"FAIL: {problem}", file=sys.stderr)  # noqa: T201
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
