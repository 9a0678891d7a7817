"""The Medical review workflow end to end, through the real admin views: an editor
submits, cannot publish, a reviewer approves (or requests changes), and the public page
shows who reviewed it and when. Then the report, the dashboard panel and reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from conditions.models import ConditionPage
from medical_review.reviews import add_months, due_for_review, reminders
from netsite.models import SiteSettings
from tests import factories
from tests.roles_fixtures import *  # noqa: F403
from tests.roles_fixtures import condition_form, edit_url, make_user, trial_form

pytestmark = pytest.mark.django_db

# The reviewer fixture's profile, as approval writes it on the page.
JANE = "Jane Doe, MD, Pediatric Oncology"


def submit(client, page, form, action="action-submit"):
    """POST the edit form as the signed-in user with the given action button."""
    return client.post(edit_url(page), {**form, action: action})


def current_task_state(page) -> TaskState:
    state = WorkflowState.objects.for_instance(Page.objects.get(pk=page.pk)).get(
        status__in=[
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ]
    )
    return state.current_task_state


def workflow_action(client, page, action, comment=""):
    task_state = current_task_state(page)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )
    return client.post(url, {"comment": comment})


def live_version(page):
    """The page as the public sees it (the database row, not the latest draft)."""
    return type(page).objects.get(pk=page.pk)


# --- add_months -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 3, 15), 12, datetime.date(2027, 3, 15)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 12, 31), 2, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 5, 1), 0, datetime.date(2026, 5, 1)),
    ],
)
def test_add_months_clamps_to_the_end_of_shorter_months(day, months, expected):
    assert add_months(day, months) == expected


# --- The workflow ---------------------------------------------------------------------


def test_the_workflow_is_on_the_clinical_sections_and_nowhere_else(sections, condition):
    assert condition.get_workflow().name == "Medical review"
    assert sections["trials"].get_workflow().name == "Medical review"
    assert sections["programs"].get_workflow() is None
    assert sections["conditions"].get_parent().get_workflow() is None


def test_editor_submits_cannot_publish_and_reviewer_approval_goes_live(
    client, condition, editor, reviewer
):
    client.force_login(editor)

    # “Publish” from an editor is not honoured: the change is kept as a draft only.
    response = submit(
        client,
        condition,
        condition_form(condition, title="Draft title"),
        action="action-publish",
    )
    assert response.status_code == 302
    assert live_version(condition).title == "Neuroblastoma"
    assert not PageLogEntry.objects.filter(
        page=condition, action="wagtail.publish"
    ).exists()

    # Submitting starts Medical review and still publishes nothing.
    response = submit(
        client, condition, condition_form(condition, title="Neuroblastoma (updated)")
    )
    assert response.status_code == 302
    task_state = current_task_state(condition)
    assert task_state.task.name == "Medical review"
    assert live_version(condition).title == "Neuroblastoma"

    # The editor cannot approve their own submission.
    response = workflow_action(client, condition, "approve")
    assert (
        TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    )
    assert live_version(condition).title == "Neuroblastoma"

    # The reviewer approves: the page goes live with the review recorded.
    client.force_login(reviewer)
    response = workflow_action(
        client, condition, "approve", comment="Checked the staging."
    )
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == reviewer
    assert task_state.comment == "Checked the staging."

    today = timezone.localdate()
    page = live_version(condition)
    assert page.title == "Neuroblastoma (updated)"
    assert page.last_reviewed == today
    assert page.reviewed_by == JANE
    assert page.next_review_due == add_months(today, 12)
    assert not page.has_unpublished_changes
    # The published revision is the one carrying the review, written by the reviewer.
    assert page.live_revision.user == reviewer
    assert page.live_revision.as_object().reviewed_by == JANE

    client.logout()
    public = client.get(page.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Neuroblastoma (updated)" in html
    assert f"Medically reviewed by {JANE} on" in html
    assert f'<time datetime="{today:%Y-%m-%d}">' in html
    due = add_months(today, 12)
    assert f'Next review due <time datetime="{due:%Y-%m-%d}">' in html


def test_rejection_sends_the_page_back_and_resubmission_restarts_review(
    client, condition, editor, reviewer
):
    client.force_login(editor)
    submit(client, condition, condition_form(condition, title="Too bold a claim"))

    client.force_login(reviewer)
    response = workflow_action(
        client, condition, "reject", comment="Soften the cure rate."
    )
    assert response.status_code == 302

    state = WorkflowState.objects.for_instance(Page.objects.get(pk=condition.pk)).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.status == TaskState.STATUS_REJECTED
    assert state.current_task_state.comment == "Soften the cure rate."
    page = live_version(condition)
    assert page.title == "Neuroblastoma"
    assert page.last_reviewed is None

    # The editor sees the request in the editor, fixes it and submits again.
    client.force_login(editor)
    edit = client.get(edit_url(condition))
    assert edit.status_code == 200
    assert "Soften the cure rate." in edit.content.decode()
    submit(client, condition, condition_form(condition, title="A careful claim"))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    workflow_action(client, condition, "approve")
    page = live_version(condition)
    assert page.title == "A careful claim"
    assert page.reviewed_by == JANE


def test_a_trial_page_goes_through_the_same_review(
    client, trial, editor, reviewer, site
):
    SiteSettings.objects.filter(site=site).update(review_interval_months=6)
    client.force_login(editor)
    response = submit(
        client, trial, trial_form(trial, eligibility_short="Relapsed tumor")
    )
    assert response.status_code == 302
    assert live_version(trial).eligibility_short == ""

    client.force_login(reviewer)
    workflow_action(client, trial, "approve")
    page = live_version(trial)
    today = timezone.localdate()
    assert page.eligibility_short == "Relapsed tumor"
    assert page.next_review_due == add_months(today, 6)

    public = client.get(page.url).content.decode()
    assert f"Medically reviewed by {JANE} on" in public


def test_an_overdue_page_claims_no_next_review_date(client, condition):
    condition.last_reviewed = datetime.date(2020, 1, 10)
    condition.reviewed_by = "Sam Lee, MD"
    condition.next_review_due = datetime.date(2021, 1, 10)
    condition.save_revision().publish()

    html = client.get(condition.url).content.decode()
    assert "Medically reviewed by Sam Lee, MD on" in html
    assert "January 10, 2020" in html
    assert "Next review due" not in html
    assert "being reviewed" not in html


# --- Report, dashboard panel and reminders --------------------------------------------


@pytest.fixture
def review_dates(sections):
    """Condition and trial pages at each point of the review cycle."""
    today = timezone.localdate()

    def page(factory, parent, title, due, reviewed_by="Dr Old"):
        fields = {"title": title, "next_review_due": due}
        if due is not None:
            fields.update(
                last_reviewed=due - datetime.timedelta(days=365),
                reviewed_by=reviewed_by,
            )
        return factory(parent=parent, **fields)

    return {
        "overdue": page(
            factories.ConditionPageFactory,
            sections["conditions"],
            "Overdue condition",
            today - datetime.timedelta(days=3),
        ),
        "soon": page(
            factories.ClinicalTrialPageFactory,
            sections["trials"],
            "Trial due soon",
            today + datetime.timedelta(days=20),
        ),
        "never": page(
            factories.ConditionPageFactory,
            sections["conditions"],
            "Never reviewed",
            None,
        ),
        "later": page(
            factories.ConditionPageFactory,
            sections["conditions"],
            "Reviewed recently",
            today + datetime.timedelta(days=200),
        ),
    }


def test_due_for_review_lists_overdue_soon_and_never_reviewed_pages(review_dates):
    entries = due_for_review()
    assert [(e.title, e.status) for e in entries] == [
        ("Never reviewed", "never reviewed"),
        ("Overdue condition", "overdue"),
        ("Trial due soon", "due soon"),
    ]
    draft = review_dates["overdue"]
    draft.unpublish()
    assert "Overdue condition" not in [e.title for e in due_for_review()]


def test_the_report_lists_due_pages_with_reviewer_and_edit_link(
    client, review_dates, reviewer
):
    client.force_login(reviewer)
    response = client.get(reverse("medical_review_due"))
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Overdue condition", "Trial due soon", "Never reviewed"):
        assert title in html
    assert "Reviewed recently" not in html
    assert "Dr Old" in html
    assert edit_url(review_dates["overdue"]) in html

    export = client.get(reverse("medical_review_due"), {"export": "csv"})
    assert export.status_code == 200
    csv = b"".join(export.streaming_content).decode()
    assert csv.splitlines()[0].startswith("Title,Type,Review status")
    assert "Overdue condition" in csv


def test_the_dashboard_panel_shows_due_pages(client, review_dates, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Due for medical review" in html
    assert "Overdue condition" in html
    assert reverse("medical_review_due") in html


def test_reminders_go_to_the_last_reviewer_or_to_every_reviewer(
    client, review_dates, reviewer, editor
):
    make_user("reviewer2", "Medical reviewers", first_name="Raj", last_name="Patel")
    make_user("gone", "Medical reviewers", is_active=False)

    # Jane Doe approves the overdue page, so it is hers; the rest go to both reviewers.
    overdue = review_dates["overdue"]
    client.force_login(editor)
    submit(client, overdue, condition_form(overdue))
    client.force_login(reviewer)
    workflow_action(client, overdue, "approve")
    ConditionPage.objects.filter(pk=overdue.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=1)
    )

    plan = {
        user.username: sorted(e.title for e in entries)
        for user, entries in reminders().items()
    }
    assert plan == {
        "reviewer": ["Never reviewed", "Overdue condition", "Trial due soon"],
        "reviewer2": ["Never reviewed", "Trial due soon"],
    }

    mail.outbox.clear()
    call_command("send_review_reminders", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reviewer2@example.org",
        "reviewer@example.org",
    ]
    jane = next(m for m in mail.outbox if m.to == ["reviewer@example.org"])
    assert jane.subject == "3 pages due for medical review"
    assert "Overdue condition" in jane.body
    assert f"http://testserver{edit_url(overdue)}" in jane.body


def test_no_reminders_when_nothing_is_due(sections, reviewer):
    factories.ConditionPageFactory(
        parent=sections["conditions"],
        next_review_due=timezone.localdate() + datetime.timedelta(days=90),
    )
    mail.outbox.clear()
    call_command("send_review_reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_a_scheduled_change_goes_live_after_approval_at_its_time(
    client, condition, editor, reviewer
):
    condition.save_revision().publish()  # live with a revision, as on a real site
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(editor)
    form = condition_form(
        condition,
        title="Neuroblastoma (from Monday)",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    assert submit(client, condition, form).status_code == 302

    client.force_login(reviewer)
    workflow_action(client, condition, "approve")
    page = live_version(condition)
    assert page.title == "Neuroblastoma"  # approved, but not yet due
    scheduled = page.revisions.exclude(approved_go_live_at=None).get()
    assert scheduled.as_object().reviewed_by == JANE

    # Two days later (moved back rather than waited for), the cron job publishes it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=io.StringIO())
    page = live_version(condition)
    assert page.title == "Neuroblastoma (from Monday)"
    assert page.reviewed_by == JANE
    assert page.last_reviewed == timezone.localdate()
