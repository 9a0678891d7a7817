"""Only the Medical review workflow writes a page's review record (issue 16, item 4):
editors and reviewers see it read-only, a posted value is ignored; a Site administrator
can correct it, and the correction is in the audit log. The reviewer's dashboard shows
"Awaiting your review" first (item 7)."""

import datetime
import re

import pytest
from wagtail.models import PageLogEntry

from tests.roles_fixtures import *  # noqa: F403 - the role fixtures
from tests.roles_fixtures import condition_form, edit_url

from .test_medical_review import live_version, submit

pytestmark = pytest.mark.django_db

REVIEWED = datetime.date(2026, 5, 4)
DUE = datetime.date(2027, 5, 4)


@pytest.fixture
def reviewed(condition):
    condition.last_reviewed = REVIEWED
    condition.reviewed_by = "Jane Doe, MD"
    condition.next_review_due = DUE
    condition.save_revision().publish()
    return condition


def moved(page):
    return condition_form(
        page,
        last_reviewed="2026-11-30",
        reviewed_by="Someone Else",
        next_review_due="2030-01-01",
    )


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_cannot_write_the_review_record(
    client, reviewed, role, request
):
    client.force_login(request.getfixturevalue(role))
    html = client.get(edit_url(reviewed)).content.decode()
    for name in ("last_reviewed", "reviewed_by", "next_review_due"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*disabled', html), name
    response = submit(client, reviewed, moved(reviewed), action="action-submit")
    assert response.status_code == 302
    draft = reviewed.get_latest_revision_as_object()
    assert (draft.last_reviewed, draft.reviewed_by, draft.next_review_due) == (
        REVIEWED,
        "Jane Doe, MD",
        DUE,
    )
    assert not PageLogEntry.objects.filter(
        page=reviewed, action="medical_review.correct_review"
    ).exists()


def test_a_site_administrator_corrects_it_and_the_log_says_so(
    client, reviewed, administrator
):
    client.force_login(administrator)
    form = condition_form(
        reviewed,
        last_reviewed=REVIEWED.isoformat(),
        reviewed_by="Jane Doe, MD, Pediatric Oncology",
        next_review_due="2027-06-01",
    )
    response = submit(client, reviewed, form, action="action-submit")
    assert response.status_code == 302
    # On the live page at once: the page itself goes live only through review.
    page = live_version(reviewed)
    assert page.reviewed_by == "Jane Doe, MD, Pediatric Oncology"
    assert page.next_review_due == datetime.date(2027, 6, 1)
    entry = PageLogEntry.objects.get(
        page=reviewed, action="medical_review.correct_review"
    )
    assert entry.user == administrator
    assert entry.data == {
        "reviewed_by": ["Jane Doe, MD", "Jane Doe, MD, Pediatric Oncology"],
        "next_review_due": ["2027-05-04", "2027-06-01"],
    }
    history = client.get(f"/admin/pages/{reviewed.pk}/history/").content.decode()
    assert "Review record corrected" in history


def test_a_new_page_has_no_review_record_to_write(client, sections, administrator):
    from conditions.models import ConditionPage  # noqa: PLC0415

    client.force_login(administrator)
    html = client.get(
        f"/admin/pages/add/conditions/conditionpage/{sections['conditions'].pk}/"
    ).content.decode()
    assert re.search(r'<input[^>]*name="reviewed_by"[^>]*disabled', html)
    assert ConditionPage.objects.count() == 0


def test_the_reviewers_dashboard_puts_awaiting_review_first(
    client, condition, editor, reviewer
):
    client.force_login(editor)
    submit(client, condition, condition_form(condition, title="To review"))
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    # (The sidebar's menu, drawn first, also names the report: compare the panels.)
    assert html.index("Awaiting your review") < html.index(
        'id="due-for-medical-review-section"'
    )
