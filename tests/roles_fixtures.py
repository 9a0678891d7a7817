"""Users in each staff role, the sections they work in, and admin form data helpers.

Import the fixtures into a test module with ``from .roles_fixtures import *``.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from accounts import roles
from medical_review.models import ReviewerProfile

from . import factories

__all__ = [
    "administrator",
    "condition",
    "editor",
    "make_user",
    "program",
    "reviewer",
    "sections",
    "standard_page",
    "trial",
]


def make_user(username: str, role: str | None = None, **fields):
    """An active user with an e-mail address, in the given role's group (if any)."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="a-long-test-password-1",  # noqa: S106
        **fields,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def sections(condition_index, program_index, trial_listing):
    """The three sections under the home page, created the way the demo loader does."""
    return {
        "conditions": condition_index,
        "programs": program_index,
        "trials": trial_listing,
    }


@pytest.fixture
def editor(db):
    return make_user("editor", roles.EDITORS, first_name="Eddie", last_name="Editor")


@pytest.fixture
def reviewer(db):
    """A Medical reviewer with the profile approval needs."""
    user = make_user("reviewer", roles.REVIEWERS, first_name="Jane", last_name="Doe")
    ReviewerProfile.objects.create(
        user=user,
        public_name="Jane Doe",
        credentials="MD",
        specialty="Pediatric Oncology",
    )
    return user


@pytest.fixture
def administrator(db):
    return make_user(
        "siteadmin", roles.ADMINISTRATORS, first_name="Ada", last_name="Admin"
    )


@pytest.fixture
def condition(sections):
    return factories.ConditionPageFactory(
        parent=sections["conditions"], title="Neuroblastoma"
    )


@pytest.fixture
def trial(sections):
    return factories.ClinicalTrialPageFactory(
        parent=sections["trials"], title="A NET study"
    )


@pytest.fixture
def program(sections):
    return factories.ProgramPageFactory(
        parent=sections["programs"], title="Solid Tumor Center"
    )


@pytest.fixture
def standard_page(home, site):
    return factories.StandardPageFactory(parent=home, title="About us", slug="about")


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def condition_form(page, **changes) -> dict:
    """POST data for a condition page's edit form (no inline children)."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "short_name": "",
            "summary": page.summary,
            "overview_heading": "",
            "overview": rich_text("What this condition is, in plain words."),
            "where_it_forms_intro": "",
            "functioning_text": rich_text(""),
            "body": streamfield([]),
            "care_text": rich_text(""),
            "research_text": rich_text(""),
            "trials_text": rich_text(""),
            "also_known_as": inline_formset([]),
            "body_sites": inline_formset([]),
            "types": inline_formset([]),
            "care_programs": inline_formset([]),
            **changes,
        }
    )


def trial_form(page, **changes) -> dict:
    """POST data for a clinical trial page's edit form."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "nct_id": page.nct_id,
            "summary": page.summary,
            "family_summary": rich_text("What this study is about."),
            "eligibility_short": "",
            "body": streamfield([]),
            "official_title": "",
            "acronym": "",
            "brief_summary": "",
            "overall_status": page.overall_status,
            "study_type": page.study_type,
            "minimum_age": page.minimum_age,
            "maximum_age": page.maximum_age,
            "sex": "ALL",
            "eligibility_criteria": "",
            "lead_sponsor": "",
            "principal_investigator": "",
            "contact_name": "",
            "contact_phone": "",
            "contact_email": "",
            "start_date": "",
            "registry_last_updated": "",
            **changes,
        }
    )


def program_form(page, **changes) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "overview": rich_text("What the program does."),
            "body": streamfield([]),
            "phone": page.phone,
            "team_members": inline_formset([]),
            **changes,
        }
    )


def standard_form(page, **changes) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "",
            "body": streamfield(
                [("section", {"heading": "Who we are", "text": rich_text("We care.")})]
            ),
            **changes,
        }
    )
