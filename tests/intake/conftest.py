"""Pages that offer request forms, the teams that answer them, and a way to send one."""

import time

import pytest
from django.test import TestCase

from netsite.spam import started_token
from tests import factories


@pytest.fixture
def program(program_index):
    return factories.ProgramPageFactory(
        parent=program_index, title="Endocrine-Oncology Program", slug="endocrine"
    )


@pytest.fixture
def condition(condition_index, program):
    condition = factories.ConditionPageFactory(
        parent=condition_index, title="Neuroendocrine tumors", slug="nets"
    )
    factories.ConditionProgramFactory(page=condition, program=program)
    return condition


@pytest.fixture
def trial(trial_listing):
    return factories.ClinicalTrialPageFactory(
        parent=trial_listing, title="A NET study", nct_id="NCT09990001"
    )


@pytest.fixture
def closed_trial(trial_listing):
    return factories.ClinicalTrialPageFactory(
        parent=trial_listing, nct_id="NCT09990003", overall_status="COMPLETED"
    )


@pytest.fixture
def default_team(db):
    return factories.IntakeTeamFactory(
        name="Family contact team",
        inbox_email="contact-team@example.org",
        callback_promise="We call back within 2 working days.",
        urgent_phone="617-555-0111",
        is_default=True,
    )


@pytest.fixture
def program_team(program):
    team = factories.IntakeTeamFactory(
        name="Endocrine intake team",
        inbox_email="endocrine@example.org",
        callback_promise="A nurse calls you back by the next working day.",
    )
    factories.TeamPageFactory(team=team, page=program)
    return team


@pytest.fixture
def study_team(trial_listing):
    team = factories.IntakeTeamFactory(
        name="Study team", inbox_email="studies@example.org"
    )
    factories.TeamPageFactory(team=team, page=trial_listing)
    return team


#: What a family might type: none of it may reach an e-mail, a log or the database
#: in plain text.
SECRETS = {
    "requester_name": "Marisol Quintero-Hale",
    "email": "marisol.family@example.net",
    "phone": "617-555-0199",
    "best_time": "after 6pm on weekdays",
    "child_age": "7 years",
    "diagnosis": "pancreatic insulinoma found in March",
    "treated_where": "Riverside General Hospital",
    "question": "Could my daughter Zoe join even after surgery?",
}


def form_data(**overrides) -> dict:
    """A complete, valid answer, as a person who took 10 seconds would send it."""
    return {
        **SECRETS,
        "relationship": "parent",
        "consent": "on",
        "website": "",
        "started": started_token(time.time() - 10),
        **overrides,
    }


def send(client, path, data=None, **kwargs):
    """POST as a browser would, running what waits for the transaction to commit (the
    e-mails), as production does; the test's own transaction never commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, data if data is not None else form_data(), **kwargs)
