"""Build the benchmark's scale data set in the database DATABASE_URL points at.

    python bench/build_data.py [--quick]

Full: 500 conditions, 5,000 trials, 50 programs, 300 people (the issue's scale).
Quick (BENCH_QUICK=1): a tenth of that, for a smoke run. Run by bench/run.py against a
throwaway database it has just migrated; never against a real site's database.
Prints one JSON line with the URLs the benchmark drives.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

FULL = {"conditions": 500, "trials": 5000, "programs": 50, "people": 300}
QUICK = {"conditions": 50, "trials": 500, "programs": 10, "people": 60}
WORDS = (
    "neuroblastoma retinoblastoma sarcoma glioma lymphoma leukemia carcinoma tumor "
    "hepatoblastoma ependymoma medulloblastoma osteosarcoma wilms germ cell "
    "histiocytosis "
    "craniopharyngioma melanoma thyroid adrenal pancreatic insulinoma gastrinoma"
).split()
DISCIPLINES = [
    "Oncologists",
    "Endocrinologists",
    "Surgeons",
    "Genetic counselors",
    "Nurse practitioners",
    "Radiation oncologists",
    "Psychologists",
    "Social workers",
]
TEAM_SIZE = 6
LINKS = 3  # programs per condition, conditions per trial, related items


def build(scale: dict[str, int]) -> dict:
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from conditions.models import (
        ConditionAlias,
        ConditionBodySite,
        ConditionIndexPage,
        ConditionPage,
        ConditionProgram,
        ConditionType,
    )
    from netsite.models import SiteSettings, StandardPage
    from programs.demo import initials_portrait
    from programs.models import (
        CollaborativeGroup,
        Discipline,
        Person,
        ProgramIndexPage,
        ProgramPage,
        ProgramTeamMember,
    )
    from trials.models import ClinicalTrialPage, Phase, TrialListingPage

    rng = random.Random(2026)  # noqa: S311 - the same data set every run
    now = timezone.now()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific

    def add(parent, page):
        page.first_published_at = page.last_published_at = now
        parent.add_child(instance=page)
        return page

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    with transaction.atomic():
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "center_name": "Bench Children's Cancer Center",
                "phone": "617-555-0100",
            },
        )
        disciplines = [
            Discipline.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
            for i, name in enumerate(DISCIPLINES)
        ]
        groups = [
            CollaborativeGroup.objects.get_or_create(
                name=f"Research Group {i}", defaults={"short_name": f"RG{i}"}
            )[0]
            for i in range(5)
        ]
        image_model = get_image_model()
        people = []
        for i in range(scale["people"]):
            name = f"Person {i:03d} {rng.choice(WORDS).title()}"
            photo = image_model.objects.create(
                title=f"{name} portrait", file=initials_portrait(name, size=240)
            )
            people.append(
                Person.objects.create(
                    name=name,
                    credentials="MD",
                    job_title="Physician",
                    photo=photo,
                    bio=f"{name} treats children with {words(3)}.",
                )
            )
        conditions_index = add(
            home,
            ConditionIndexPage(
                title="Conditions we treat", slug="conditions", show_in_menus=True
            ),
        )
        programs_index = add(
            home,
            ProgramIndexPage(
                title="Programs and centers", slug="programs", show_in_menus=True
            ),
        )
        listing = add(
            home,
            TrialListingPage(
                title="Clinical trials", slug="trials", show_in_menus=True
            ),
        )
        about = add(
            home,
            StandardPage(
                title="About us",
                slug="about",
                show_in_menus=True,
                body=json.dumps(
                    [
                        {
                            "type": "section",
                            "value": {
                                "heading": f"Section {i}",
                                "text": f"<p>{words(60)}</p>",
                            },
                        }
                        for i in range(5)
                    ]
                ),
            ),
        )

    started = time.perf_counter()
    programs = []
    with transaction.atomic():
        for i in range(scale["programs"]):
            program = ProgramPage(
                title=f"{words(2).title()} Program {i:02d}",
                slug=f"program-{i:02d}",
                summary=words(20),
                overview=f"<p>{words(80)}</p>",
                phone="617-555-0199",
            )
            program.team_members = [
                ProgramTeamMember(
                    person=people[(i * TEAM_SIZE + j) % len(people)],
                    discipline=disciplines[j % len(disciplines)],
                )
                for j in range(TEAM_SIZE)
            ]
            programs.append(add(programs_index, program))
        for i, program in enumerate(programs):
            program.related_programs = [
                programs[(i + k) % len(programs)] for k in (1, 2)
            ]
            program.save()

    conditions = []
    with transaction.atomic():
        for i in range(scale["conditions"]):
            condition = ConditionPage(
                title=f"{words(2).title()} {i:03d}",
                slug=f"condition-{i:03d}",
                summary=words(25),
                overview=f"<p>{words(120)}</p>",
                care_text=f"<p>{words(40)}</p>",
                research_text=f"<p>{words(40)}</p>",
                trials_text=f"<p>{words(30)}</p>",
            )
            condition.also_known_as = [
                ConditionAlias(name=f"{words(1).title()} alias {i}-{k}")
                for k in range(2)
            ]
            condition.body_sites = [
                ConditionBodySite(name=f"Site {k}") for k in range(LINKS)
            ]
            condition.types = [
                ConditionType(name=f"Type {k}", description=words(8))
                for k in range(LINKS)
            ]
            condition.care_programs = [
                ConditionProgram(program=programs[(i + k) % len(programs)])
                for k in range(LINKS)
            ]
            condition.collaborative_groups = [
                groups[i % len(groups)],
                groups[(i + 1) % len(groups)],
            ]
            conditions.append(add(conditions_index, condition))
        for i, condition in enumerate(conditions):
            condition.related_conditions = [
                conditions[(i + k) % len(conditions)] for k in range(1, LINKS + 1)
            ]
            condition.save()
    print(  # noqa: T201 - progress on stderr
        f"programs and conditions: {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )

    started = time.perf_counter()
    phases = list(Phase.objects.all())
    statuses = ["RECRUITING"] * 6 + [
        "ACTIVE_NOT_RECRUITING",
        "COMPLETED",
        "NOT_YET_RECRUITING",
    ]
    trials = []
    for i in range(scale["trials"]):
        trial = ClinicalTrialPage(
            title=f"A study of {words(4)} ({i:04d})",
            slug=f"nct{i + 10_000_000:08d}",
            nct_id=f"NCT{i + 10_000_000:08d}",
            summary=words(20),
            brief_summary=words(60),
            eligibility_short=words(6),
            overall_status=statuses[i % len(statuses)],
            study_type="INTERVENTIONAL",
            minimum_age=f"{i % 5} Years",
            maximum_age=f"{18 + i % 10} Years",
            collaborative_group=groups[i % len(groups)] if i % 3 else None,
        )
        # Spread over conditions; the first condition is linked to many more.
        linked = {(i * 7 + k * 13) % len(conditions) for k in range(LINKS)}
        if i % 50 == 0:
            linked.add(0)
        trials.append((trial, [conditions[n] for n in sorted(linked)], phases[i % 6]))
    bulk_add_trials(listing, trials, now)
    print(f"trials: {time.perf_counter() - started:.0f} s", file=sys.stderr)  # noqa: T201 - command-line output

    busiest = conditions[0]
    return {
        "home": "/",
        "standard": about.url,
        "condition_index": conditions_index.url,
        "condition": busiest.url,
        "program_index": programs_index.url,
        "program": programs[0].url,
        "trial_listing": listing.url,
        "trial_listing_filtered": (
            f"{listing.url}?condition={busiest.pk}&phase=PHASE2&age=5&age_unit=years"
        ),
        "trial": ClinicalTrialPage.objects.get(nct_id="NCT10000000").url,
        "search": f"/search/?q={WORDS[0]}",
        "all_conditions": [c.url for c in conditions],
        "all_trials": [
            trial.url for trial in ClinicalTrialPage.objects.order_by("pk")[:500]
        ],
    }


def bulk_add_trials(listing, trials, now) -> None:
    """Insert thousands of trial pages in a few statements instead of ~25 each.

    ``add_child`` validates, saves revisions of nothing, updates the search and reference
    indexes and the tree one page at a time (about 0.1 s a page here). For the bench the
    rows only need to be what ``add_child`` would have written: the tree path, the page
    and trial rows, the links, and the search index (added in bulk at the end).
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from netsite.page_cache import bump_generation
    from trials.models import ClinicalTrialPage

    content_type = ContentType.objects.get_for_model(ClinicalTrialPage)
    locale = Locale.get_default()
    start = listing.numchild
    child_fields = [
        f for f in ClinicalTrialPage._meta.local_concrete_fields if f.name != "page_ptr"
    ]
    table = ClinicalTrialPage._meta.db_table
    columns = ", ".join(['"page_ptr_id"'] + [f'"{f.column}"' for f in child_fields])
    placeholders = ", ".join(["%s"] * (len(child_fields) + 1))
    conditions_through = ClinicalTrialPage.conditions.through
    phases_through = ClinicalTrialPage.phases.through
    for batch_start in range(0, len(trials), 1000):
        batch = trials[batch_start : batch_start + 1000]
        with transaction.atomic():
            pages = Page.objects.bulk_create(
                [
                    Page(
                        title=trial.title,
                        draft_title=trial.title,
                        slug=trial.slug,
                        content_type=content_type,
                        path=Page._get_path(
                            listing.path, listing.depth + 1, start + batch_start + n + 1
                        ),
                        depth=listing.depth + 1,
                        numchild=0,
                        url_path=f"{listing.url_path}{trial.slug}/",
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                    for n, (trial, _, _) in enumerate(batch)
                ]
            )
            rows = []
            for page, (trial, _, _) in zip(pages, batch, strict=True):
                trial.page_ptr_id = trial.id = page.pk
                trial.minimum_age_months = trial._age_months(trial.minimum_age)
                trial.maximum_age_months = trial._age_months(trial.maximum_age)
                rows.append(
                    [page.pk]
                    + [
                        f.get_db_prep_save(f.pre_save(trial, add=True), connection)
                        for f in child_fields
                    ]
                )
            with connection.cursor() as cursor:
                cursor.executemany(
                    f'INSERT INTO "{table}" ({columns}) VALUES ({placeholders})',  # noqa: S608
                    rows,
                )
            conditions_through.objects.bulk_create(
                conditions_through(clinicaltrialpage_id=trial.pk, conditionpage_id=c.pk)
                for trial, linked, _ in batch
                for c in linked
            )
            phases_through.objects.bulk_create(
                phases_through(clinicaltrialpage_id=trial.pk, phase_id=phase.pk)
                for trial, _, phase in batch
            )
    Page.objects.filter(pk=listing.pk).update(numchild=start + len(trials))
    backend = get_search_backend()
    ids = [trial.pk for trial, _, _ in trials]
    for batch_start in range(0, len(ids), 1000):
        chunk = ids[batch_start : batch_start + 1000]
        backend.add_bulk(
            ClinicalTrialPage, list(ClinicalTrialPage.objects.filter(pk__in=chunk))
        )
    bump_generation("bench data")
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum gathers them soon after a bulk load (it is
        # off on some machines); without them every page is planned for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    quick = "--quick" in sys.argv or os.environ.get("BENCH_QUICK") == "1"
    print(json.dumps(build(QUICK if quick else FULL)))  # noqa: T201 - command-line output
