"""Freshness of a trial listing (issue 12): when we synced it, when the registry
record was updated, when our team confirmed it; a plain warning on open trials that
may be out of date; a one-click confirmation in the admin, recorded with who and
when; and the staff report of trials to confirm, the longest unconfirmed first."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from tests import factories
from tests.roles_fixtures import *  # noqa: F403 - the role fixtures
from tests.roles_fixtures import make_user
from trials.freshness import TrialConfirmation
from trials.models import ClinicalTrialPage

pytestmark = pytest.mark.django_db

WARNING = "This listing may be out of date; call to check."
REPORT_URL = "/admin/reports/trials-to-confirm/"
TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def make(listing, title, *, confirmed_days_ago=None, record_days_ago=30, **fields):
    trial = factories.ClinicalTrialPageFactory(
        parent=listing,
        title=title,
        registry_last_updated=(
            TODAY - datetime.timedelta(days=record_days_ago)
        ).isoformat()
        if record_days_ago is not None
        else "",
        **fields,
    )
    if confirmed_days_ago is not None:
        TrialConfirmation.objects.create(
            trial=trial, confirmed_at=days_ago(confirmed_days_ago)
        )
    return trial


@pytest.fixture
def trials(trial_listing):
    return {
        "fresh": make(trial_listing, "Fresh study", confirmed_days_ago=10),
        "never": make(trial_listing, "Never confirmed study"),
        "lapsed": make(trial_listing, "Lapsed study", confirmed_days_ago=91),
        "old record": make(
            trial_listing, "Old record study", confirmed_days_ago=1, record_days_ago=400
        ),
        "month only": make(
            trial_listing,
            "Month-only study",
            confirmed_days_ago=1,
            record_days_ago=None,
        ),
        "closed": make(trial_listing, "Closed study", overall_status="COMPLETED"),
    }


def page_html(client, trial) -> str:
    response = client.get(trial.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        ("fresh", False),
        ("never", True),
        ("lapsed", True),
        ("old record", True),
        ("month only", False),
        ("closed", False),  # a closed trial says it is closed instead
    ],
)
def test_open_trials_that_may_be_out_of_date_say_so(client, trials, name, warned):
    html = page_html(client, trials[name])
    assert (WARNING in html) is warned
    assert "How current this listing is" in html


def test_a_registry_month_counts_from_its_first_day(client, trial_listing):
    a_year_ago = TODAY - datetime.timedelta(days=365)
    old = make(trial_listing, "Old month", confirmed_days_ago=1, record_days_ago=None)
    old.registry_last_updated = f"{a_year_ago.year - 1}-{a_year_ago.month:02d}"
    old.save_revision().publish()
    assert WARNING in page_html(client, old)


def test_the_listing_cards_carry_the_same_warning(client, trials):
    html = client.get(trials["fresh"].get_parent().url).content.decode()
    cards = html.split('<article class="card trial-card"')[1:]
    warned = {
        trial.title
        for card in cards
        for trial in trials.values()
        if f">{trial.title}<" in card and WARNING in card
    }
    assert warned == {"Never confirmed study", "Lapsed study", "Old record study"}


def test_the_page_says_when_our_team_confirmed_it(client, trials):
    html = page_html(client, trials["fresh"])
    day = timezone.localtime(days_ago(10)).date()
    assert (
        f'<dt>Confirmed by our study team</dt><dd><time datetime="{day.isoformat()}">'
        in html
    )
    assert "<dt>Confirmed by our study team</dt><dd>Not yet</dd>" in page_html(
        client, trials["never"]
    )


# ---------------------------------------------------------------------------
# Confirming, in the admin
# ---------------------------------------------------------------------------


def confirm_url(trial) -> str:
    return reverse("trials_confirm", args=[trial.pk])


def test_an_editor_confirms_in_one_click_from_the_report(client, trials, editor):
    client.force_login(editor)
    trial = trials["never"]
    revisions = trial.revisions.count()
    response = client.post(confirm_url(trial), {"next": REPORT_URL})
    assert response.status_code == 302
    assert response["Location"] == REPORT_URL

    confirmation = TrialConfirmation.objects.get(trial=trial)
    assert confirmation.confirmed_by == editor
    assert abs(confirmation.confirmed_at - timezone.now()) < datetime.timedelta(
        minutes=1
    )
    entry = PageLogEntry.objects.get(page=trial, action="trials.confirm_listing")
    assert entry.user == editor
    # Not an edit: no draft, no revision, nothing to review.
    trial.refresh_from_db()
    assert trial.revisions.count() == revisions
    assert not trial.has_unpublished_changes

    Client().get("/")  # the cache was emptied: families see it now
    assert WARNING not in page_html(Client(), trial)
    messages = client.get(REPORT_URL).content.decode()
    assert "Confirmed “Never confirmed study”" in messages


def test_the_confirm_screen_explains_what_it_vouches_for(client, trials, editor):
    client.force_login(editor)
    html = client.get(confirm_url(trials["lapsed"])).content.decode()
    assert "Confirm only after checking with the study team" in html
    assert "Last confirmed" in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_confirming_never_redirects_off_site(client, trials, editor, next_url):
    client.force_login(editor)
    trial = trials["never"]
    response = client.post(confirm_url(trial), {"next": next_url})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[trial.pk])


def test_only_people_who_may_edit_the_trial_can_confirm_it(client, trials):
    reader = make_user("reader")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    response = client.post(confirm_url(trials["never"]))
    assert response.status_code in (302, 403)
    assert not TrialConfirmation.objects.filter(trial=trials["never"]).exists()


def test_confirming_needs_a_csrf_token(trials, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(confirm_url(trials["never"]))
    assert response.status_code == 403
    assert not TrialConfirmation.objects.filter(trial=trials["never"]).exists()


def test_a_page_that_is_not_a_trial_cannot_be_confirmed(client, trials, editor, home):
    client.force_login(editor)
    assert client.post(reverse("trials_confirm", args=[home.pk])).status_code == 404


def test_the_trial_menu_offers_confirming(client, trials, editor):
    client.force_login(editor)
    trial = trials["never"]
    html = client.get(reverse("wagtailadmin_pages:edit", args=[trial.pk])).content
    assert confirm_url(trial).encode() in html
    assert b"Confirm listing is current" in html


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


def test_the_report_lists_stale_trials_the_longest_unconfirmed_first(
    client, trials, editor
):
    client.force_login(editor)
    html = client.get(REPORT_URL).content.decode()
    listed = [
        name
        for name in ClinicalTrialPage.objects.values_list("title", flat=True)
        if f">{name}</a>" in html
    ]
    assert set(listed) == {"Never confirmed study", "Lapsed study", "Old record study"}
    positions = [
        html.index(f">{name}</a>")
        for name in ("Never confirmed study", "Lapsed study", "Old record study")
    ]
    assert positions == sorted(positions)
    assert "Never confirmed by our team" in html
    assert "Registry record over a year old" in html
    assert html.count('action="/admin/trials/') == 3  # a Confirm button on each row


def test_the_report_names_who_confirmed_last_and_exports(client, trials, editor):
    TrialConfirmation.objects.create(
        trial=trials["never"], confirmed_by=editor, confirmed_at=days_ago(95)
    )
    client.force_login(editor)
    assert "by Eddie Editor" in client.get(REPORT_URL).content.decode()
    response = client.get(REPORT_URL + "?export=csv")
    csv = b"".join(response.streaming_content).decode()
    assert csv.splitlines()[0].startswith("NCT ID,Trial,Status,Why")
    assert "Never confirmed study,Open to new patients,not confirmed for 90 days" in csv


def test_the_report_costs_the_same_queries_for_many_trials(
    client, trial_listing, editor, django_assert_num_queries
):
    client.force_login(editor)
    one = make(trial_listing, "One", confirmed_days_ago=100)
    # (Whoever confirmed last is loaded in one query, none when nobody is named.)
    one.confirmations.update(confirmed_by=editor)
    client.get(REPORT_URL)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(REPORT_URL).status_code == 200
    queries_for_one = len(captured)  # now: the connection keeps the last 9,000 only
    assert queries_for_one > 0
    for number in range(20):
        trial = make(trial_listing, f"Many {number}", confirmed_days_ago=100 + number)
        TrialConfirmation.objects.create(
            trial=trial, confirmed_by=make_user(f"u{number}"), confirmed_at=days_ago(99)
        )
    client.get(REPORT_URL)
    with django_assert_num_queries(queries_for_one):
        client.get(REPORT_URL)
