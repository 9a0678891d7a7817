"""Time site search over 500 conditions (with aliases) and 5,000 trials.

    .venv/bin/python bench/search_bench.py [--conditions 500] [--trials 5000] \\
        [--repeat 25]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netsite_bench \\
        .venv/bin/python bench/search_bench.py

Uses Django's test-database machinery, so it always works on a throwaway database: with
no DATABASE_URL, an SQLite file in a temporary directory; with a PostgreSQL URL, a new
``test_<name>`` database that is dropped at the end (the named database is not touched).
Pages are generated in bulk (tree paths computed, rows inserted directly), then indexed
with Wagtail's ``update_index``. Each query goes through the real view with the test
client; the script prints the median and 95th-percentile time and the number of SQL
queries per request, and exits non-zero if any query's count varies between runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_DIR / "bench-results" / "search.md"

QUERIES = [
    "carcinoid",
    "islet cell",
    "NETs",
    "nueroendocrine",
    "VIPoma",
    "osteosarcoma",
    "sarcoma of the kidney",
    "hepatoblastma",
    "leukemia trial",
    "NCT05000123",
    "xqzzyvmplk",
]
PREFIXES = [
    "Neuro", "Osteo", "Rhabdo", "Hepato", "Nephro", "Retino", "Medullo", "Chondro",
    "Angio", "Lipo", "Fibro", "Myo", "Glio", "Ependymo", "Pineo", "Germino", "Thymo",
    "Pleuro", "Esthesio", "Hemangio",
]  # fmt: skip
SUFFIXES = ["blastoma", "sarcoma", "carcinoma", "cytoma", "ma"]
PLACES = ["", " of the kidney", " of the liver", " of the bone", " of the brain"]
DRUGS = ["larotrectinib", "everolimus", "dinutuximab", "selumetinib", "cabozantinib"]


def setup_django():
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="netsite-search-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsite.settings.dev")
    sys.path.insert(0, str(PROJECT_DIR))
    import django
    from django.conf import settings

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # no per-query logging overhead in the timings
    import logging

    logging.getLogger("netsite.request").setLevel(logging.WARNING)  # one line a request


def condition_names(count):
    names = []
    for place in PLACES:
        for suffix in SUFFIXES:
            for prefix in PREFIXES:
                names.append(f"{prefix}{suffix}{place}")
    extra = 0
    while len(names) < count:
        names.append(f"Rare tumor type {extra}")
        extra += 1
    return names[:count]


def bulk_pages(parent, model, rows):
    """Insert child pages of `parent` in bulk: Page rows, then the model's own rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    start = parent.numchild
    pages = []
    for offset, fields in enumerate(rows, 1):
        slug = fields.pop("slug")
        title = fields.pop("title")
        pages.append(
            model(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, start + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locale,
                translation_key=uuid.uuid4(),
                **fields,
            )
        )
    base = Page.objects.bulk_create(pages, batch_size=500)
    for page, saved in zip(pages, base, strict=True):
        page.page_ptr_id = page.id = saved.id
    # Django cannot bulk_create multi-table models; insert the child table rows
    # directly.
    model._base_manager._insert(
        pages, fields=model._meta.local_concrete_fields, using="default"
    )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
    parent.numchild = start + len(rows)
    return pages


def generate(conditions, trials):
    from django.core.management import call_command
    from django.db import connection

    from conditions.models import (
        ConditionAlias,
        ConditionIndexPage,
        ConditionPage,
        ConditionType,
    )
    from netsite.models import HomePage
    from trials.models import ClinicalTrialPage, TrialListingPage

    home = HomePage.objects.get()
    from wagtail.models import Site

    Site.objects.update(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    # A real site has its settings row; without it the first request creates it, which
    # empties the page cache and makes that one request's query count differ.
    from netsite.models import SiteSettings

    SiteSettings.for_site(Site.objects.get())
    index = home.add_child(
        instance=ConditionIndexPage(title="Conditions", slug="conditions")
    )
    listing = home.add_child(
        instance=TrialListingPage(title="Clinical trials", slug="trials")
    )

    names = ["Neuroendocrine tumors", *condition_names(conditions - 1)]
    rows = [
        {
            "title": name,
            "slug": f"condition-{n}",
            "summary": f"{name}: a plain-language summary for families.",
            "overview": f"<p>{name} is a rare condition in children.</p>",
        }
        for n, name in enumerate(names)
    ]
    pages = bulk_pages(index, ConditionPage, rows)
    aliases = [
        ConditionAlias(page_id=pages[0].pk, name=name, sort_order=n)
        for n, name in enumerate(["NETs", "Carcinoid tumors", "Islet cell tumors"])
    ]
    for n, page in enumerate(pages[1:], 1):
        aliases.append(
            ConditionAlias(page_id=page.pk, name=f"{page.title} (older name {n})")
        )
        aliases.append(
            ConditionAlias(page_id=page.pk, name=f"Childhood {page.title.lower()}")
        )
    ConditionAlias.objects.bulk_create(aliases, batch_size=1000)
    ConditionType.objects.bulk_create(
        ConditionType(
            page_id=pages[0].pk, name=name, description="A type.", sort_order=n
        )
        for n, name in enumerate(["Insulinoma", "Glucagonoma", "Gastrinoma", "VIPoma"])
    )

    statuses = [
        "RECRUITING",
        "COMPLETED",
        "ACTIVE_NOT_RECRUITING",
        "NOT_YET_RECRUITING",
    ]
    trial_rows = []
    for n in range(trials):
        condition = pages[n % len(pages)]
        drug = DRUGS[n % len(DRUGS)]
        trial_rows.append(
            {
                "title": f"A study of {drug} for children with "
                f"{condition.title.lower()} {n}",
                "slug": f"nct{5000000 + n:08d}",
                "nct_id": f"NCT{5000000 + n:08d}",
                "summary": f"Testing {drug} in {condition.title.lower()}.",
                "brief_summary": f"This trial studies {drug}. " * 5,
                "overall_status": statuses[n % len(statuses)],
                "registry_conditions": [condition.title],
                "registry_keywords": [drug],
            }
        )
    trial_pages = bulk_pages(listing, ClinicalTrialPage, trial_rows)
    through = ClinicalTrialPage.conditions.through
    through.objects.bulk_create(
        (
            through(
                clinicaltrialpage_id=trial.pk, conditionpage_id=pages[n % len(pages)].pk
            )
            for n, trial in enumerate(trial_pages)
        ),
        batch_size=1000,
    )
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum gathers them soon after any bulk load;
        # without them PostgreSQL plans every search for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def measure(client, query, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/search/", {"q": query})  # warm: records the term, fills caches
    times, counts, total = [], set(), 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{query!r} answered {response.status_code}")
        counts.add(len(queries))
        total = response.context["search"].total
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, counts, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conditions", type=int, default=500)
    parser.add_argument("--trials", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the client capture response.context
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        index_seconds = generate(args.conditions, args.trials)
        print(  # noqa: T201
            f"{connection.vendor}: {args.conditions} conditions, {args.trials} trials "
            f"generated in {time.perf_counter() - started:.1f}s "
            f"(indexing {index_seconds:.1f}s)\n"
        )  # noqa: T201
        client = Client(HTTP_HOST="localhost")
        lines = [
            f"Site search on {connection.vendor}: {args.conditions} conditions, "
            f"{args.trials} trials, {args.repeat} timed requests per query "
            "(bench/search_bench.py)",
            "",
            "| query | results | median ms | p95 ms | queries |",
            "| --- | --- | --- | --- | --- |",
        ]
        print(  # noqa: T201
            f"{'query':<24}{'results':>8}{'median ms':>11}{'p95 ms':>9}{'queries':>9}"
        )
        varying = []
        for query in QUERIES:
            median, p95, counts, total = measure(client, query, args.repeat)
            shown = "/".join(str(count) for count in sorted(counts))
            print(f"{query:<24}{total:>8}{median:>11.1f}{p95:>9.1f}{shown:>9}")  # noqa: T201
            lines.append(f"| {query} | {total} | {median:.1f} | {p95:.1f} | {shown} |")
            if len(counts) > 1:
                varying.append(query)
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n")
        print(f"\nwritten to {RESULTS.relative_to(PROJECT_DIR)}")  # noqa: T201
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if varying:
        print(f"\nQuery counts varied between runs for: {', '.join(varying)}")  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
