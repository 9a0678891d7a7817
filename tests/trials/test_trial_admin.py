"""Admin: the "Import from ClinicalTrials.gov" view, "Trials no longer open" report."""

import datetime
import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from accounts.roles import ADMINISTRATORS, EDITORS
from netsite.models import StandardPage
from tests import factories
from tests.ctgov_records import FakeRegistry, load_sample, studies_page, study
from tests.roles_fixtures import make_user
from trials.models import ClinicalTrialPage
from trials.registry import importer
from trials.views import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/trials/import/"
REPORT_URL = "/admin/reports/trials-no-longer-open/"


def permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin", "admin@example.org", "correct horse battery"
    )


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def staff_without_permission(client, django_user_model):
    """Can use the admin, but may neither import trials nor work on pages."""
    user = django_user_model.objects.create_user("reader", password="x" * 12)
    user.user_permissions.add(permission("access_admin"))
    client.force_login(user)
    return client


@pytest.fixture
def importer_user(client, django_user_model):
    """Not a superuser: may use the admin and import trials, nothing else."""
    user = django_user_model.objects.create_user("importer", password="x" * 12)
    user.user_permissions.add(permission("access_admin"), permission("import_trials"))
    client.force_login(user)
    return client


@pytest.fixture
def registry(monkeypatch):
    fake = FakeRegistry()
    monkeypatch.setattr(importer, "default_fetch", fake)
    return fake


def upload(content, name="studies.json") -> SimpleUploadedFile:
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


@contextmanager
def freeze_day(day: datetime.date):
    """Registry imports stamp last_synced_at with this day (noon, local time)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    with mock.patch("trials.registry.writer.timezone.now", return_value=moment):
        yield


def rows(response) -> list[str]:
    """The outcome of each row of the results table, in order."""
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('data-outcome="')[1:]]


# ---------------------------------------------------------------------------
# The import view
# ---------------------------------------------------------------------------


def test_the_import_form_is_a_native_admin_page(admin, trial_listing):
    response = admin.get(IMPORT_URL)

    assert response.status_code == 200
    assert reverse("trials_import") == IMPORT_URL
    html = response.content.decode()
    assert "Import from ClinicalTrials.gov" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="nct_ids"' in html and 'name="file"' in html
    assert "wagtailadmin/generic/form.html" in [t.name for t in response.templates]


def test_the_menu_offers_import_and_the_report(admin, trial_listing):
    html = admin.get("/admin/").content.decode()

    assert "Import from ClinicalTrials.gov" in html
    assert IMPORT_URL in html
    assert "Trials no longer open" in html and REPORT_URL in html


def test_uploading_a_studies_page_shows_each_result(admin, trial_listing):
    payload = studies_page(
        load_sample("NCT09990001"),
        study("NCT05550002", statusModule__overallStatus="Open"),
        load_sample("NCT09990002"),
    )

    response = admin.post(IMPORT_URL, {"file": upload(payload)})

    assert response.status_code == 200
    assert rows(response) == ["created", "rejected", "created"]
    page = ClinicalTrialPage.objects.get(nct_id="NCT09990001")
    html = response.content.decode()
    assert f'href="/admin/pages/{page.pk}/edit/"' in html
    assert "protocolSection.statusModule.overallStatus" in html
    assert "3 studies: 2 created, 1 rejected." in html
    assert ClinicalTrialPage.objects.count() == 2
    assert page.latest_revision.user.username == "admin"


def test_importing_again_shows_unchanged_and_updated(admin, trial_listing):
    admin.post(
        IMPORT_URL, {"file": upload([study("NCT05550001"), study("NCT05550002")])}
    )
    changed = study("NCT05550002", statusModule__overallStatus="COMPLETED")

    response = admin.post(IMPORT_URL, {"file": upload([study("NCT05550001"), changed])})

    assert rows(response) == ["unchanged", "updated"]
    assert "no longer open" in response.content.decode()


def test_importing_by_nct_id_fetches_from_the_registry(admin, trial_listing, registry):
    registry.add(study("NCT05550001"))
    registry.add(study("NCT05550002"))

    response = admin.post(
        IMPORT_URL, {"nct_ids": "NCT05550001, nct05550002\nNCT05550003"}
    )

    assert response.status_code == 200
    assert registry.calls == ["NCT05550001", "NCT05550002", "NCT05550003"]
    assert rows(response) == ["created", "created", "rejected"]
    assert "HTTP 404" in response.content.decode()


def test_ids_and_a_file_together(admin, trial_listing, registry):
    registry.add(study("NCT05550001"))

    response = admin.post(
        IMPORT_URL, {"nct_ids": "NCT05550001", "file": upload(study("NCT05550002"))}
    )

    assert rows(response) == ["created", "created"]


def test_a_user_with_only_the_import_permission_can_import(
    importer_user, trial_listing
):
    response = importer_user.post(IMPORT_URL, {"file": upload(study())})

    assert rows(response) == ["created"]
    # A file is not the registry: their upload waits for Medical review.
    page = ClinicalTrialPage.objects.get()
    assert not page.live
    assert page.workflow_in_progress
    assert "sent to Medical review" in response.content.decode()


# --- Who may publish an uploaded file (issue 11: a file is not the registry) -----------


@pytest.fixture
def reviewed_trial(admin, trial_listing):
    """A live trial, imported by a superuser and then medically reviewed."""
    admin.post(IMPORT_URL, {"file": upload(study())})
    page = ClinicalTrialPage.objects.get()
    page.last_reviewed = page.last_synced_at.date()
    page.reviewed_by = "Rita Reviewer, MD"
    page.save_revision().publish()
    return ClinicalTrialPage.objects.get()


def as_user(role):
    client = Client()
    client.force_login(make_user(role.split()[0].lower(), role))
    return client


def test_an_editors_upload_never_changes_a_live_reviewed_trial(reviewed_trial):
    editor = as_user(EDITORS)
    forged = study(
        identificationModule__briefTitle="A miracle cure, guaranteed",
        eligibilityModule__eligibilityCriteria="Anyone at all",
    )

    response = editor.post(IMPORT_URL, {"file": upload(forged)})

    assert rows(response) == ["updated"]
    live = ClinicalTrialPage.objects.get()
    assert live.title == reviewed_trial.title  # what families see is unchanged
    assert live.eligibility_criteria == "Inclusion Criteria:\n\n* A solid tumor"
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "A miracle cure, guaranteed"
    assert live.workflow_in_progress
    assert live.current_workflow_state.workflow.name == "Medical review"
    html = editor.get(live.url).content.decode()
    assert "miracle" not in html
    assert "Medically reviewed by Rita Reviewer, MD" in html


def test_a_site_administrators_upload_is_published_at_once(reviewed_trial):
    administrator = as_user(ADMINISTRATORS)
    changed = study(identificationModule__briefTitle="A new title for the study")

    response = administrator.post(IMPORT_URL, {"file": upload(changed)})

    assert rows(response) == ["updated"]
    assert ClinicalTrialPage.objects.get().title == "A new title for the study"


def test_a_registry_import_publishes_and_says_what_was_not_reviewed(
    reviewed_trial, registry, client
):
    registry.add(study(statusModule__overallStatus="COMPLETED"))
    with freeze_day(reviewed_trial.last_reviewed + datetime.timedelta(days=3)):
        response = as_user(EDITORS).post(IMPORT_URL, {"nct_ids": "NCT05550001"})

    assert rows(response) == ["updated"]
    page = ClinicalTrialPage.objects.get()
    assert not page.is_open  # a closure reaches families at once
    html = client.get(page.url).content.decode()
    assert "Our summary was medically reviewed by Rita Reviewer, MD on" in html
    assert "the registry details from ClinicalTrials.gov were last updated on" in html
    assert "Medically reviewed by" not in html  # no claim that covers the new text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"nct_ids": "NCT123, NCT05550001"}, "These are not NCT IDs"),
        ({"nct_ids": "  ,, \n "}, "Enter at least one NCT ID or choose a JSON file."),
        ({}, "Enter at least one NCT ID or choose a JSON file."),
        ({"nct_ids": " ".join(f"NCT{n:08d}" for n in range(51))}, "at most 50"),
        ({"file": b"this is not json"}, "not registry data we can read"),
        ({"file": b'{"studies": [{"protocolSection":'}, "not valid JSON"),
        ({"file": b'{"hello": "world"}'}, "neither a study record nor a page"),
        ({"file": b'{"studies": {"a": 1}}'}, "studies must be a list"),
        ({"file": b'{"studies": []}'}, "The file contains no studies."),
        ({"file": b"\x00\x01\x02\xff"}, "not registry data we can read"),
    ],
)
def test_bad_input_is_a_form_error_not_a_500(
    admin, trial_listing, registry, data, error
):
    if "file" in data:
        data = {"file": upload(data["file"])}

    response = admin.post(IMPORT_URL, data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert rows(response) == []
    assert registry.calls == []
    assert not ClinicalTrialPage.objects.exists()


def test_a_file_over_the_size_limit_is_refused_unread(admin, trial_listing):
    too_big = b" " * (MAX_UPLOAD_BYTES + 1)

    response = admin.post(IMPORT_URL, {"file": upload(too_big)})

    assert response.status_code == 200
    # One byte over: the sizes are shown precisely enough to differ.
    assert (
        "The file is 5,242,881 bytes; the limit is 5,242,880 bytes"
        in response.content.decode()
    )
    assert not ClinicalTrialPage.objects.exists()


def test_a_file_well_over_the_limit_is_described_in_megabytes(admin, trial_listing):
    response = admin.post(IMPORT_URL, {"file": upload(b" " * (7 * 1024 * 1024))})
    assert "The file is 7.0\xa0MB; the limit is 5.0\xa0MB" in response.content.decode()


def test_registry_text_in_results_is_escaped(admin, trial_listing):
    created = study(identificationModule__briefTitle="<script>alert(1)</script>")
    rejected = study("NCT05550002", statusModule__overallStatus="<b>OPEN</b>")

    response = admin.post(IMPORT_URL, {"file": upload([created, rejected])})

    assert rows(response) == ["created", "rejected"]
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>OPEN</b>" not in html and "&lt;b&gt;OPEN&lt;/b&gt;" in html


def test_without_the_permission_the_view_is_refused(
    staff_without_permission, trial_listing
):
    response = staff_without_permission.get(IMPORT_URL)
    assert response.status_code == 302 and response.url == "/admin/"

    response = staff_without_permission.post(IMPORT_URL, {"file": upload(study())})
    assert response.status_code == 302
    assert not ClinicalTrialPage.objects.exists()

    menu = staff_without_permission.get("/admin/").content.decode()
    assert "Import from ClinicalTrials.gov" not in menu


def test_anonymous_visitors_are_sent_to_log_in(client, trial_listing):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_post_without_the_csrf_token_is_refused(superuser, trial_listing):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)

    response = client.post(IMPORT_URL, {"file": upload(study())})

    assert response.status_code == 403
    assert not ClinicalTrialPage.objects.exists()


# ---------------------------------------------------------------------------
# The "Trials no longer open" report
# ---------------------------------------------------------------------------


def link_to(page) -> list:
    return [
        (
            "text",
            RichText(f'<p>See <a linktype="page" id="{page.pk}">the trial</a>.</p>'),
        )
    ]


@pytest.fixture
def closed_trial(trial_listing, home):
    """A trial that sync found closed, and a page that still links to it."""
    importer.import_record(study("NCT05550001"))
    importer.import_record(
        study("NCT05550001", statusModule__overallStatus="COMPLETED")
    )
    trial = ClinicalTrialPage.objects.get(nct_id="NCT05550001")
    home.add_child(
        instance=StandardPage(title="Research at the center", body=link_to(trial))
    )
    return trial


def test_the_report_lists_closed_trials_and_the_pages_linking_to_them(
    admin, closed_trial, trial_listing, home
):
    open_trial = importer.import_record(study("NCT05550002")).page
    home.add_child(
        instance=StandardPage(title="Open trial news", body=link_to(open_trial))
    )
    draft_closed = factories.ClinicalTrialPageFactory(
        parent=trial_listing, overall_status="WITHDRAWN", live=False
    )

    response = admin.get(REPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Trials no longer open" in html
    assert 'data-trial="NCT05550001"' in html
    assert "Completed" in html
    linking = StandardPage.objects.get(title="Research at the center")
    assert f'href="/admin/pages/{linking.pk}/edit/"' in html
    assert "Research at the center" in html
    assert 'data-trial="NCT05550002"' not in html  # open
    assert "Open trial news" not in html
    assert f'data-trial="{draft_closed.nct_id}"' not in html  # not live


def test_the_report_says_when_no_page_links_to_a_closed_trial(admin, trial_listing):
    importer.import_record(
        study("NCT05550003", statusModule__overallStatus="SUSPENDED")
    )

    html = admin.get(REPORT_URL).content.decode()

    assert 'data-trial="NCT05550003"' in html
    assert "No pages link to it." in html


def test_the_report_is_empty_when_every_trial_is_open(admin, trial_listing):
    importer.import_record(study())

    html = admin.get(REPORT_URL).content.decode()

    assert "Every live trial is open to new patients." in html


def test_the_report_query_count_does_not_grow_with_trials(
    admin, closed_trial, home, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        admin.get(REPORT_URL)
    queries_for_one = len(one.captured_queries)  # before the log rolls over
    for n in range(2, 7):
        trial = importer.import_record(
            study(f"NCT0555001{n}", statusModule__overallStatus="TERMINATED")
        ).page
        home.add_child(instance=StandardPage(title=f"Linking {n}", body=link_to(trial)))

    with django_assert_max_num_queries(queries_for_one):
        html = admin.get(REPORT_URL).content.decode()
    assert html.count("data-trial=") == 6


def test_the_report_can_be_downloaded(admin, closed_trial):
    response = admin.get(REPORT_URL + "?export=csv")

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "NCT05550001" in content and "Research at the center" in content


def test_the_report_needs_page_permissions(staff_without_permission, closed_trial):
    response = staff_without_permission.get(REPORT_URL)

    assert response.status_code == 302 and response.url == "/admin/"
    assert Page.objects.filter(title="Research at the center").exists()
