"""The pages families rate worst are in “Due for medical review”, whenever their
review is due, so reviewers see them; the reminder e-mails stay about due dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import ratings
from medical_review.reviews import due_for_review, reminders
from tests import factories
from tests.roles_fixtures import editor, reviewer, sections

from .test_admin import answers

pytestmark = pytest.mark.django_db

__all__ = ["editor", "reviewer", "sections"]  # fixtures used by name


@pytest.fixture
def pages(sections):
    later = timezone.localdate() + datetime.timedelta(days=200)

    def condition(title, **fields):
        return factories.ConditionPageFactory(
            parent=sections["conditions"],
            title=title,
            next_review_due=later,
            last_reviewed=later - datetime.timedelta(days=365),
            reviewed_by="Dr Old",
            **fields,
        )

    return {
        "bad": condition("Confusing page"),
        "worse": factories.ClinicalTrialPageFactory(
            parent=sections["trials"],
            title="Very confusing trial",
            next_review_due=later,
        ),
        "good": condition("Clear page"),
        "few": condition("Barely rated"),
        "old": condition("Complained about long ago"),
        "program": factories.ProgramPageFactory(
            parent=sections["programs"], title="Unloved program"
        ),
    }


def test_the_worst_rated_review_pages_are_listed_worst_first(pages):
    answers(pages["bad"], 2, 6)  # 25 % helpful
    answers(pages["worse"], 1, 9)  # 10 %
    answers(pages["good"], 9, 1)
    answers(pages["few"], 0, ratings.MIN_ANSWERS - 1)  # too few to judge
    answers(
        pages["old"],
        0,
        10,
        when=timezone.now() - datetime.timedelta(days=ratings.WINDOW_DAYS + 1),
    )
    answers(pages["program"], 0, 10)  # not medical content: not in this report

    entries = due_for_review(include_poorly_rated=True)
    assert [(e.title, e.status, e.feedback) for e in entries] == [
        ("Very confusing trial", "rated unhelpful", "1 of 10 found it helpful"),
        ("Confusing page", "rated unhelpful", "2 of 8 found it helpful"),
    ]
    # Without asking (the reminder e-mails), only due dates count.
    assert due_for_review() == []
    assert reminders() == {}


def test_a_due_page_that_is_also_rated_unhelpful_says_so(pages):
    page = pages["bad"]
    type(page).objects.filter(pk=page.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    answers(page, 1, 5)
    [entry] = due_for_review(include_poorly_rated=True)
    assert (entry.status, entry.feedback) == ("overdue", "1 of 6 found it helpful")


def test_the_report_and_dashboard_show_them_to_reviewers(client, pages, reviewer):
    answers(pages["worse"], 1, 9)
    client.force_login(reviewer)
    html = client.get(reverse("medical_review_due")).content.decode()
    assert "Very confusing trial" in html
    assert "Rated unhelpful: 1 of 10 found it helpful" in html
    assert reverse("feedback_page", args=[pages["worse"].pk]) in html
    assert "Clear page" not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Rated unhelpful (1 of 10 found it helpful)" in dashboard


def test_editors_see_only_pages_they_may_edit(client, pages, editor):
    answers(pages["worse"], 1, 9)
    client.force_login(editor)  # editors may edit everything under the home page
    html = client.get(reverse("medical_review_due")).content.decode()
    assert "Very confusing trial" in html
