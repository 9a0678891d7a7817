"""Fixtures for page feedback: a condition, a program and a trial page, and a clock
the tests move on instead of sleeping through the “too fast” check."""

import re

import pytest

from feedback import tokens
from tests import factories


class Clock:
    def __init__(self, start: float):
        self.at = start

    def __call__(self) -> float:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(1_800_000_000.0)
    monkeypatch.setattr(tokens, "now", clock)
    return clock


@pytest.fixture
def condition(condition_index):
    return factories.ConditionPageFactory(parent=condition_index)


@pytest.fixture
def program(program_index):
    return factories.ProgramPageFactory(parent=program_index)


@pytest.fixture
def trial(trial_listing):
    return factories.ClinicalTrialPageFactory(parent=trial_listing)


def vote_form(html: str) -> dict:
    """The hidden fields of the page's “Was this page helpful?” form."""
    form = html.split("data-page-feedback", 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def vote(client, clock, page, helpful="yes", wait=5, data=None, **meta):
    """Read the page as a visitor, wait ``wait`` seconds, press yes or no (``data``
    overrides form fields, ``meta`` sets request headers such as REMOTE_ADDR)."""
    fields = vote_form(client.get(page.url, **meta).content.decode())
    clock.advance(wait)
    return client.post(
        "/feedback/vote/",
        {**fields, "helpful": helpful, "website": "", **(data or {})},
        **meta,
    )


def comment_token(location: str) -> str:
    """The vote token in a thank-you page's address."""
    from urllib.parse import parse_qs, urlsplit  # noqa: PLC0415

    return parse_qs(urlsplit(location).query)["vote"][0]
