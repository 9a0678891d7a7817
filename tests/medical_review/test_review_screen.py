"""What a reviewer signs and sees (issue 16, items 1-3): a profile names them as
families read it, and is needed to approve; the review screen compares the submitted
version with the live page, or shows it all as new; approving is confirmed, never one
click, and ends by saying the page is live, with a link to it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState
from wagtail.test.utils.form_data import inline_formset

from accounts.roles import REVIEWERS
from medical_review.models import ReviewerProfile
from tests import factories
from tests.roles_fixtures import *  # noqa: F403 - the role fixtures
from tests.roles_fixtures import condition_form, edit_url, make_user, trial_form

from .test_medical_review import current_task_state, live_version, submit

pytestmark = pytest.mark.django_db

RITA = "Rita Reviewer, MD, Pediatric Oncology"


def action_url(page, action):
    task_state = current_task_state(page)
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )


def confirmation(client, page, action):
    """The confirmation dialog's HTML, as the admin's modal fetches it."""
    response = client.get(action_url(page, action))
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def account_form(client, **profile) -> dict:
    """The account settings form as the browser would post it, with profile fields."""
    soup = BeautifulSoup(
        client.get(reverse("wagtailadmin_account")).content, "html.parser"
    )
    form = soup.select_one("form[method=post]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        kind = field.get("type", "")
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if kind == "file":
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[field["name"]] = field.text
        else:
            data[field["name"]] = field.get("value", "")
    data.update({f"reviewer_profile-{name}": value for name, value in profile.items()})
    return data


@pytest.fixture
def rita(db):
    """A new Medical reviewer who has not filled in a profile yet."""
    return make_user("rita", REVIEWERS, first_name="Rita", last_name="Reviewer")


@pytest.fixture
def submitted(client, condition, editor):
    """The condition page, live, with an editor's change submitted for review."""
    client.force_login(editor)
    form = condition_form(
        condition,
        summary="A clearer summary for families.",
        also_known_as=inline_formset([{"name": "NB", "note": ""}]),
    )
    assert submit(client, condition, form).status_code == 302
    client.logout()
    return condition


# --- Item 1: the reviewer's profile ------------------------------------------------------


def test_a_reviewer_without_a_profile_is_told_to_add_one_and_cannot_approve(
    client, submitted, rita
):
    client.force_login(rita)
    html = confirmation(client, submitted, "approve")
    assert "Before you can approve" in html
    assert reverse("wagtailadmin_account") in html
    assert "<form" not in html  # no approve button to press

    client.post(action_url(submitted, "approve"), {"comment": ""})
    assert current_task_state(submitted).status == TaskState.STATUS_IN_PROGRESS
    assert live_version(submitted).summary != "A clearer summary for families."


def test_the_profile_filled_in_once_is_what_the_public_page_says(
    client, submitted, rita
):
    client.force_login(rita)
    response = client.post(
        reverse("wagtailadmin_account"),
        account_form(
            client,
            public_name="Rita Reviewer",
            credentials="MD",
            specialty="Pediatric Oncology",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert rita.reviewer_profile.signature == RITA

    html = confirmation(client, submitted, "approve")
    assert f"Medically reviewed by {RITA} on" in html
    client.post(action_url(submitted, "approve"), {"comment": ""})
    page = live_version(submitted)
    assert page.reviewed_by == RITA
    public = client.get(page.url).content.decode()
    assert f"Medically reviewed by {RITA} on" in public


def test_an_empty_profile_saves_nothing_and_half_a_profile_is_refused(client, rita):
    client.force_login(rita)
    response = client.post(reverse("wagtailadmin_account"), account_form(client))
    assert response.status_code == 302  # the rest of the account page still saves
    assert not ReviewerProfile.objects.filter(user=rita).exists()

    response = client.post(
        reverse("wagtailadmin_account"), account_form(client, public_name="Rita")
    )
    assert response.status_code == 200
    assert "Needed for your name on reviewed pages." in response.content.decode()
    assert not ReviewerProfile.objects.filter(user=rita).exists()


def test_editors_are_not_asked_for_a_reviewer_profile(client, editor, rita):
    client.force_login(editor)
    assert (
        "reviewer_profile-public_name"
        not in client.get(reverse("wagtailadmin_account")).content.decode()
    )
    client.force_login(rita)
    assert (
        "reviewer_profile-public_name"
        in client.get(reverse("wagtailadmin_account")).content.decode()
    )


def test_an_administrator_fills_in_a_reviewer_profile_and_it_is_logged(
    client, administrator, rita, editor
):
    client.force_login(administrator)
    add = client.get(reverse("reviewer_profiles:add")).content.decode()
    assert f'value="{rita.pk}"' in add
    assert f'value="{editor.pk}"' not in add  # only people who approve
    response = client.post(
        reverse("reviewer_profiles:add"),
        {
            "user": rita.pk,
            "public_name": "Rita Reviewer",
            "credentials": "MD",
            "specialty": "Pediatric Oncology",
        },
    )
    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(user=rita)
    assert profile.signature == RITA
    entry = ModelLogEntry.objects.get(action="wagtail.create")
    assert entry.user_id == administrator.pk and entry.object_id == str(profile.pk)


# --- Item 2: what changes -----------------------------------------------------------------


def test_the_review_screen_compares_the_submission_with_the_live_page(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    response = client.get(reverse("medical_review_changes", args=[submitted.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    fields = [
        cell.get_text(" ", strip=True).rstrip(":")
        for cell in soup.select("table.listing td.title")
    ]
    # The changed field and the inline list, nothing else: the overview was posted
    # with the same words (the editor's added markup is not a change to review).
    assert fields == ["Summary", "Also known as"]
    html = response.content.decode()
    assert "A clearer summary for families." in html and "NB" in html
    assert "Fields not listed are unchanged" in html
    # From there, the reviewer decides: both decisions open a confirmation.
    assert f'data-workflow-action-url="{action_url(submitted, "approve")}"' in html
    assert "data-launch-modal" in html


def test_a_page_never_published_is_shown_whole_and_marked_new(
    client, sections, editor, reviewer
):
    page = factories.ConditionPageFactory(
        parent=sections["conditions"], title="Retinoblastoma", live=False
    )
    client.force_login(editor)
    submit(client, page, condition_form(page))
    client.force_login(reviewer)
    html = client.get(
        reverse("medical_review_changes", args=[page.pk])
    ).content.decode()
    assert "never been published" in html
    assert "Retinoblastoma" in html  # the title, added
    assert "There are no differences" not in html
    assert "Everything goes live" in confirmation(client, page, "approve")


def test_only_people_who_may_see_the_page_see_its_changes(client, submitted):
    outsider = make_user("outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get(reverse("medical_review_changes", args=[submitted.pk]))
    assert response.status_code in (302, 403)
    assert b"A clearer summary" not in response.content


def test_the_reviewer_finds_the_review_screen_in_the_page_header_menu(
    client, submitted, reviewer, editor
):
    link = reverse("medical_review_changes", args=[submitted.pk])
    client.force_login(reviewer)
    assert link in client.get(edit_url(submitted)).content.decode()
    client.force_login(editor)  # not theirs to review
    assert link not in client.get(edit_url(submitted)).content.decode()


# --- Item 3: confirm, then say it went live -------------------------------------------------


def test_approving_is_never_one_click(submitted, reviewer):
    task = current_task_state(submitted).task.specific
    actions = task.get_actions(submitted, reviewer)
    assert {name for name, _, _ in actions} == {"approve", "reject"}
    assert all(modal for _, _, modal in actions)


def test_the_confirmation_says_what_goes_live_and_takes_a_comment(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    html = confirmation(client, submitted, "approve")
    soup = BeautifulSoup(html, "html.parser")
    changed = [
        li.get_text(strip=True) for li in soup.select(".review-changed-fields li")
    ]
    assert len(changed) == 2, changed  # the summary and the other names
    assert "Approving publishes this version at once" in html
    assert soup.select_one("textarea[name=comment]") is not None
    assert reverse("medical_review_changes", args=[submitted.pk]) in html
    assert f'href="{live_version(submitted).full_url}"' in html


def test_after_approving_the_reviewer_is_told_it_is_live_with_a_link(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    response = client.post(
        action_url(submitted, "approve"), {"comment": "Fine."}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[0][0] == reverse(
        "medical_review_approved", args=[submitted.pk]
    )
    assert "is approved and live" in html
    today = timezone.localdate()
    # In the words and date format of the public line.
    assert (
        f"Medically reviewed by Jane Doe, MD, Pediatric Oncology on "
        f"{today:%B %-d, %Y}" in html
    )
    assert f'href="{live_version(submitted).url}"' in html


def test_approving_from_the_page_editor_ends_with_the_same_message(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    form = condition_form(
        submitted,
        summary="A clearer summary for families.",
        also_known_as=inline_formset([{"name": "NB", "note": ""}]),
    )
    form.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        }
    )
    response = client.post(edit_url(submitted), form, follow=True)
    assert live_version(submitted).summary == "A clearer summary for families."
    assert "is approved and live" in response.content.decode()


def test_a_trial_review_says_its_sites_are_the_registrys(
    client, trial, editor, reviewer
):
    client.force_login(editor)
    submit(client, trial, trial_form(trial, eligibility_short="Relapsed tumor"))
    client.force_login(reviewer)
    html = client.get(
        reverse("medical_review_changes", args=[trial.pk])
    ).content.decode()
    assert "Relapsed tumor" in html
    assert "comes from ClinicalTrials.gov and is updated at every sync" in html
    assert "is updated at every sync" in confirmation(client, trial, "approve")


def test_the_confirmation_says_when_a_scheduled_change_goes_live(
    client, condition, editor, reviewer
):
    condition.save_revision().publish()
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(editor)
    form = condition_form(condition, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    assert submit(client, condition, form).status_code == 302
    client.force_login(reviewer)
    html = confirmation(client, condition, "approve")
    assert f"Approving publishes this version on {go_live:%B %-d, %Y at %H:%M}" in html
    assert "as the editor scheduled it" in html and "at once" not in html
