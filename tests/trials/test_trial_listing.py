"""The trial listing's filters, the trial page, and a condition page's trials."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.ctgov_records import load_sample, study
from trials.models import ClinicalTrialPage, Phase
from trials.registry import importer

pytestmark = pytest.mark.django_db


def make_trial(listing, *, phases=(), conditions=(), **fields) -> ClinicalTrialPage:
    trial = factories.ClinicalTrialPageFactory(parent=listing, **fields)
    if phases or conditions:
        trial.phases = list(Phase.objects.filter(code__in=phases))
        trial.conditions = list(conditions)
        trial.save()
    return trial


def shown(response) -> list[str]:
    """NCT IDs of the trial cards on a listing page, in order."""
    return re.findall(r"<span>(NCT\d{8})</span>", response.content.decode())


@pytest.fixture
def trials(trial_listing, condition_index):
    """A small, varied set of trials; returns them by a short name."""
    net = factories.ConditionPageFactory(parent=condition_index, title="NETs")
    group = factories.CollaborativeGroupFactory(name="Children's Oncology Group")
    return {
        "net": make_trial(
            trial_listing,
            title="Alpha study of NETs",
            nct_id="NCT00000001",
            phases=["PHASE2"],
            conditions=[net],
            collaborative_group=group,
            minimum_age="6 Months",
            maximum_age="29 Years",
        ),
        "older": make_trial(
            trial_listing,
            title="Beta study for teenagers",
            nct_id="NCT00000002",
            phases=["PHASE1"],
            registry_conditions=["Carcinoid Tumor"],
            minimum_age="12 Years",
            maximum_age="",
        ),
        "closed": make_trial(
            trial_listing,
            title="Gamma study, completed",
            nct_id="NCT00000003",
            overall_status="COMPLETED",
            conditions=[net],
        ),
        "condition": net,
        "group": group,
    }


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


def test_open_trials_are_shown_by_default_and_closed_on_request(client, trials):
    response = client.get("/trials/")
    assert response.status_code == 200
    assert shown(response) == ["NCT00000001", "NCT00000002"]
    assert "2 trials found (open to new patients)." in response.content.decode()

    response = client.get("/trials/?status=all")
    assert shown(response) == ["NCT00000001", "NCT00000002", "NCT00000003"]
    assert "3 trials found." in response.content.decode()


def test_the_condition_page_links_to_the_listing_filtered_to_it(client, trials):
    condition = trials["condition"]
    html = client.get(condition.url).content.decode()
    link = re.search(r'href="(/trials/\?condition=\d+)"', html).group(1)
    assert link == f"/trials/?condition={condition.pk}"

    response = client.get(link)

    assert shown(response) == ["NCT00000001"]  # the closed one is not open
    assert shown(client.get(link + "&status=all")) == ["NCT00000001", "NCT00000003"]
    selected = f'<option value="{condition.pk}" selected>'
    assert selected in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("age=9&age_unit=months", ["NCT00000001"]),  # a 9-month-old
        ("age=5&age_unit=months", []),  # younger than 6 months
        ("age=9", ["NCT00000001"]),  # 9 years: too young for the teen study
        ("age=15&age_unit=years", ["NCT00000001", "NCT00000002"]),
        ("age=40", ["NCT00000002"]),  # no upper limit
        ("phase=PHASE1", ["NCT00000002"]),
        ("q=teenagers", ["NCT00000002"]),
        ("q=nct00000001", ["NCT00000001"]),
        ("q=carcinoid", ["NCT00000002"]),  # the registry's condition names
    ],
)
def test_each_filter_narrows_the_list(client, trials, query, expected):
    assert shown(client.get(f"/trials/?{query}")) == expected


def test_the_group_filter(client, trials):
    response = client.get(f"/trials/?group={trials['group'].pk}")

    assert shown(response) == ["NCT00000001"]


@pytest.mark.parametrize(
    "query",
    [
        "age=-3",
        "age=ten",
        "age=5&age_unit=decades",  # the age is dropped too: 5 what?
        "condition=999999",
        "condition=abc",
        "phase=PHASE9",
        "group=abc%00",
        "status=closed",
        "page=abc",
        "page=99999",
        "q=" + "x" * 500,
    ],
)
def test_invalid_parameters_are_ignored_with_a_note(client, trials, query):
    response = client.get(f"/trials/?{query}")

    assert response.status_code == 200
    assert shown(response) == ["NCT00000001", "NCT00000002"]
    if not query.startswith("page="):
        assert "because the value was not valid" in response.content.decode()


def test_an_empty_result_explains_itself_and_offers_to_clear_filters(client, trials):
    response = client.get("/trials/?q=nothing-matches-this")

    html = response.content.decode()
    assert shown(response) == []
    assert "No trials match these filters." in html
    assert 'href="/trials/">clear all filters</a>' in html
    assert 'href="?q=nothing-matches-this&amp;status=all">include closed trials' in html


def test_pagination_keeps_the_filters_in_the_url(client, trial_listing):
    trial_listing.per_page = 5
    trial_listing.save_revision().publish()
    for n in range(12):
        make_trial(trial_listing, title=f"Study {n:02d}", phases=["PHASE2"])

    response = client.get("/trials/?phase=PHASE2&page=2")

    html = response.content.decode()
    assert len(shown(response)) == 5
    assert "12 trials found (open to new patients). Showing 6–10." in html
    assert 'href="?phase=PHASE2&amp;page=3" rel="next"' in html
    assert 'href="?phase=PHASE2&amp;page=1" rel="prev"' in html


@pytest.mark.parametrize("filtered", [False, True], ids=["all", "filtered"])
def test_the_listing_renders_in_a_fixed_number_of_queries(
    client,
    trial_listing,
    condition_index,
    django_assert_num_queries,
    filtered,
    settings,
):
    settings.PAGE_CACHE_TIMEOUT = 0  # measure the render, not a whole-page cache hit
    trial_listing.per_page = 100
    trial_listing.save_revision().publish()
    group = factories.CollaborativeGroupFactory()
    condition = factories.ConditionPageFactory(parent=condition_index)
    url = "/trials/?status=all"
    if filtered:
        url += f"&condition={condition.pk}&phase=PHASE2&group={group.pk}&age=5&q=study"

    def add(count):
        for _ in range(count):
            make_trial(
                trial_listing,
                phases=["PHASE1", "PHASE2"],
                conditions=[condition],
                collaborative_group=group,
            )

    def warm():
        # Publishing empties the site-wide fragment caches (menus); fill them again so
        # both counts are of the same, warm, state.
        client.get(url)

    add(5)
    warm()
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(shown(response)) == 5
    # Counted now: the connection keeps only the last 9,000 queries, and adding 55
    # trials runs more than that.
    queries_for_five = len(five.captured_queries)
    assert 0 < queries_for_five <= 20

    add(55)
    warm()
    with django_assert_num_queries(queries_for_five):
        response = client.get(url)
    assert len(shown(response)) == 60
    assert response.content.decode().count("Phase 1/2") == 60


# ---------------------------------------------------------------------------
# The trial page
# ---------------------------------------------------------------------------


def test_the_trial_page_reads_in_the_order_families_need(client, trial_listing):
    group = factories.CollaborativeGroupFactory(name="Children's Oncology Group")
    page = importer.import_record(load_sample("NCT09990001")).page
    page.family_summary = "<p>A medicine by mouth for NETs that came back.</p>"
    page.eligibility_short = "Progressive or recurrent tumor"
    page.collaborative_group = group
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    order = [
        "A medicine by mouth for NETs that came back.",
        "Who can join",
        "2 years to 21 years",
        "Progressive or recurrent tumor",
        "Status and phase",
        "Open to new patients",
        "Phase 2",
        "What the study involves",
        "Interventional (tests a treatment)",
        "Children&#x27;s Oncology Group",
        "Lead sponsor",
        "Ask about this trial",
        "617-555-0100",
        "<details",
        "Show the full criteria from the registry",
        "How current this listing is",
        "Checked against ClinicalTrials.gov",
        "Confirmed by our study team",
        "See NCT09990001 on ClinicalTrials.gov",
    ]
    # Each text must come after the one before it (the header is skipped: the
    # status badge and title come first on every page).
    position = html.index("About this study")
    for text in order:
        found = html.find(text, position)
        assert found != -1, f"{text!r} missing or out of order"
        position = found
    assert "This trial is not taking new patients" not in html


def test_a_trial_that_closes_says_so_and_withdraws_its_contact(client, trial_listing):
    importer.import_record(study())
    importer.import_record(study(statusModule__overallStatus="ACTIVE_NOT_RECRUITING"))
    page = ClinicalTrialPage.objects.get()

    html = client.get(page.url).content.decode()

    assert "This trial is not taking new patients" in html
    assert "Active, not taking new patients" in html
    assert "Ask about this trial" not in html
    assert "data-trial-contact" not in html
    assert "617-555-0111" not in html  # the study's phone
    assert 'href="/trials/">see open trials</a>' in html


def test_registry_text_is_escaped_on_every_page(client, trial_listing, condition_index):
    attack = "<script>alert('x')</script>"
    record = study(
        identificationModule__briefTitle=f"Study {attack}",
        identificationModule__acronym="<b>X</b>",
        descriptionModule__briefSummary=f"Summary {attack}",
        eligibilityModule__eligibilityCriteria=f"Criteria {attack}",
        sponsorCollaboratorsModule__leadSponsor={"name": f"Sponsor {attack}"},
        conditionsModule__conditions=[f"Condition {attack}"],
    )
    page = importer.import_record(record).page
    condition = factories.ConditionPageFactory(parent=condition_index)
    page.conditions = [condition]
    page.save_revision().publish()

    for url in (page.url, "/trials/", condition.url):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html, url
    assert "<b>X</b>" not in client.get(page.url).content.decode()


def test_a_trial_without_its_own_contact_falls_back_to_the_center(
    client, trial_listing
):
    record = study()
    del record["protocolSection"]["contactsLocationsModule"]
    page = importer.import_record(record).page

    html = client.get(page.url).content.decode()

    assert "Ask about this trial" in html
    assert "617-555-0100" in html  # the center's number from site settings


# ---------------------------------------------------------------------------
# A condition page's trials
# ---------------------------------------------------------------------------


def test_a_condition_page_lists_its_open_trials_newest_first(
    client, trial_listing, condition_index
):
    condition = factories.ConditionPageFactory(parent=condition_index, title="NETs")
    now = timezone.now()
    older = make_trial(trial_listing, title="Older study", conditions=[condition])
    newer = make_trial(trial_listing, title="Newer study", conditions=[condition])
    closed = make_trial(
        trial_listing,
        title="Closed study",
        conditions=[condition],
        overall_status="TERMINATED",
    )
    make_trial(trial_listing, title="Unrelated study")
    ClinicalTrialPage.objects.filter(pk=older.pk).update(
        first_published_at=now - timedelta(days=30)
    )
    ClinicalTrialPage.objects.filter(pk=newer.pk).update(first_published_at=now)

    html = client.get(condition.url).content.decode()

    assert html.find("Newer study") < html.find("Older study")
    assert "Older study" in html
    assert closed.title not in html and "Unrelated study" not in html


def test_a_condition_page_shows_the_newest_ten_open_trials_and_links_to_the_rest(
    client, trial_listing, condition_index
):
    condition = factories.ConditionPageFactory(parent=condition_index, title="NETs")
    limit = condition.TRIALS_SHOWN
    for n in range(limit + 2):
        make_trial(trial_listing, title=f"Study number {n:02d}", conditions=[condition])

    response = client.get(condition.url)
    html = response.content.decode()

    assert len(shown(response)) == limit
    assert "Study number 11" in html and "Study number 01" not in html
    assert f"These are the {limit} newest." in html
    link = f'href="{trial_listing.url}?condition={condition.pk}"'
    assert f"{link}>See every open" in html
    assert html.count(link) == 1  # not twice in a row


def test_a_condition_page_with_few_trials_does_not_say_there_are_more(
    client, trial_listing, condition_index
):
    condition = factories.ConditionPageFactory(parent=condition_index, title="NETs")
    make_trial(trial_listing, title="The only study", conditions=[condition])

    html = client.get(condition.url).content.decode()

    assert "The only study" in html
    assert "newest." not in html


def test_a_registry_summary_nobody_reviewed_says_so(client, trial_listing):
    """Issue 16, item 5: what the import screen and the guide say, the page says."""
    (result,) = importer.import_payload(study("NCT04440001"), publish=True)
    trial = ClinicalTrialPage.objects.get(pk=result.page.pk)
    assert trial.live and not trial.family_summary and not trial.last_reviewed
    note = "Summary from the registry; not yet reviewed by our team."
    assert note in client.get(trial.url).content.decode()

    trial.last_reviewed = timezone.localdate()
    trial.save_revision().publish()
    html = client.get(trial.url).content.decode()
    assert "<strong>Summary from the registry.</strong>" in html
    assert note not in html

    trial.family_summary = "<p>What this study is about, for families.</p>"
    trial.save_revision().publish()
    assert "Summary from the registry" not in client.get(trial.url).content.decode()
