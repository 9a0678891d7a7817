"""Every public page type renders in a fixed number of SQL queries.

Each test renders a page with one related object, adds 49 more, and renders it again:
the count must not change (no N+1), and it must stay under the page's ceiling. Each
page is rendered once before counting, so one-off work (image renditions, the site
root paths cache) is not counted; the page cache is off in tests (settings/test.py).
"""

import itertools

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from conditions.models import ConditionBodySite, ConditionType
from trials.models import Phase

from . import factories

pytestmark = pytest.mark.django_db

MANY = 50


def capture_queries(client, url: str) -> list[str]:
    """Render ``url`` twice and return the SQL of the second (warm) render."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def assert_fixed(client, url, grow, ceiling, django_assert_max_num_queries):
    """Same query count for 1 and for MANY related objects, and at most ``ceiling``."""
    few = capture_queries(client, url)
    grow(MANY - 1)
    many = capture_queries(client, url)
    listing = "\n".join(sql[:300] for sql in many)
    assert len(few) == len(many), (
        f"{url}: {len(few)} queries with 1 related object, {len(many)} with {MANY}:\n"
        f"{listing}"
    )
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200


def test_home_page(client, home, site, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            factories.StandardPageFactory(parent=home, show_in_menus=True)

    grow(1)
    assert_fixed(client, "/", grow, 12, django_assert_max_num_queries)


def test_standard_page_with_images(client, home, site, django_assert_max_num_queries):
    page = factories.StandardPageFactory(parent=home)

    def grow(n):
        images = [wagtail_factories.ImageFactory() for _ in range(n)]
        body = list(page.body.raw_data) + [
            {"type": "image", "value": {"image": image.pk, "alt_text": "A photo"}}
            for image in images
        ]
        page.body = body
        page.save()

    grow(1)
    assert_fixed(client, page.url, grow, 12, django_assert_max_num_queries)


def test_condition_index(client, condition_index, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            condition = factories.ConditionPageFactory(parent=condition_index)
            factories.ConditionAliasFactory(page=condition)

    grow(1)
    assert_fixed(client, condition_index.url, grow, 12, django_assert_max_num_queries)


def test_condition_page(
    client, condition_index, program_index, trial_listing, django_assert_max_num_queries
):
    """Programs, open trials, groups, related conditions, names, sites and types."""
    condition = factories.ConditionPageFactory(parent=condition_index)
    phase = Phase.objects.first()

    def grow(n):
        for i in range(n):
            program = factories.ProgramPageFactory(parent=program_index)
            factories.ConditionProgramFactory(page=condition, program=program)
            group = factories.CollaborativeGroupFactory()
            trial = factories.ClinicalTrialPageFactory(
                parent=trial_listing, collaborative_group=group
            )
            trial.conditions.add(condition)
            trial.phases.add(phase)
            trial.save()
            condition.collaborative_groups.add(group)
            condition.related_conditions.add(
                factories.ConditionPageFactory(parent=condition_index)
            )
            factories.ConditionAliasFactory(page=condition)
            ConditionBodySite.objects.create(page=condition, name=f"Site {i}")
            ConditionType.objects.create(
                page=condition, name=f"Type {i}", description="x"
            )
        condition.save()

    grow(1)
    # The budget: an uncached condition page within 15 queries.
    assert_fixed(client, condition.url, grow, 15, django_assert_max_num_queries)


def test_program_index(client, program_index, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            factories.ProgramPageFactory(parent=program_index)

    grow(1)
    assert_fixed(client, program_index.url, grow, 12, django_assert_max_num_queries)


def test_program_page(
    client, program_index, condition_index, django_assert_max_num_queries
):
    """Team members with photos, conditions treated and related programs."""
    program = factories.ProgramPageFactory(parent=program_index)

    def grow(n):
        for _ in range(n):
            person = factories.PersonFactory(photo=wagtail_factories.ImageFactory())
            factories.ProgramTeamMemberFactory(
                page=program, person=person, discipline=factories.DisciplineFactory()
            )
            condition = factories.ConditionPageFactory(parent=condition_index)
            factories.ConditionProgramFactory(page=condition, program=program)
            program.related_programs.add(
                factories.ProgramPageFactory(parent=program_index)
            )
        program.save()

    grow(1)
    assert_fixed(client, program.url, grow, 15, django_assert_max_num_queries)


@pytest.mark.parametrize("filtered", [False, True], ids=["all", "filtered"])
def test_trial_listing(
    client, trial_listing, condition_index, filtered, django_assert_max_num_queries
):
    trial_listing.per_page = MANY  # every trial on one page: the worst case
    trial_listing.save()
    condition = factories.ConditionPageFactory(parent=condition_index)
    phase = Phase.objects.get(code="PHASE2")
    group = factories.CollaborativeGroupFactory()

    def grow(n):
        for _ in range(n):
            trial = factories.ClinicalTrialPageFactory(
                parent=trial_listing, collaborative_group=group
            )
            trial.conditions.add(condition)
            trial.phases.add(phase)
            trial.save()

    grow(1)
    # 16: Wagtail's i18n routing reads the active locale (one query per page), and
    # the language link reads each language's home page once per content change.
    url, ceiling = trial_listing.url, 16
    if filtered:
        url += f"?condition={condition.pk}&phase=PHASE2&age=5&group={group.pk}&q=study"
        ceiling += 3  # checking each chosen condition, phase and group is a query
    assert_fixed(client, url, grow, ceiling, django_assert_max_num_queries)


def test_trial_page(
    client, trial_listing, condition_index, django_assert_max_num_queries
):
    trial = factories.ClinicalTrialPageFactory(parent=trial_listing)
    trial.phases.set(Phase.objects.all()[:2])
    trial.save()

    def grow(n):
        for _ in range(n):
            trial.conditions.add(factories.ConditionPageFactory(parent=condition_index))
        trial.save()

    grow(1)
    assert_fixed(client, trial.url, grow, 12, django_assert_max_num_queries)


def test_search_page(
    client, condition_index, trial_listing, django_assert_max_num_queries
):
    """A condition found by its name, then more and more trials from the search backend.

    The result page keeps the same shape (the condition first, trials after it), so
    only the number of results changes, and that must not add queries.
    """
    try:
        url = reverse("search") + "?q=neuroblastoma"
    except NoReverseMatch:
        pytest.skip("the site search (/search/) is not there yet")
    factories.ConditionPageFactory(parent=condition_index, title="Neuroblastoma")

    arms = itertools.count(1)

    def grow(n):
        for _ in range(n):
            factories.ClinicalTrialPageFactory(
                parent=trial_listing,
                title=f"A study of a new neuroblastoma treatment, arm {next(arms)}",
            )

    grow(1)
    assert_fixed(client, url, grow, 20, django_assert_max_num_queries)
