"""Eligibility criteria as "Who can join" / "Who cannot join" lists (issue 12), on the
shapes registry text comes in; registry text is untrusted, so nothing in it becomes
markup."""

from html.parser import HTMLParser

import pytest

from tests.ctgov_records import study
from trials.eligibility import parse_eligibility
from trials.models import ClinicalTrialPage
from trials.registry import importer

BULLETS = """Inclusion Criteria:

* Age 2 to 21 years
* Measurable disease

Exclusion Criteria:

* Prior treatment with the study agent"""

NUMBERED_NESTED = """INCLUSION CRITERIA

1. Diagnosis of neuroblastoma, either:
   * high-risk, or
   * relapsed
2. Adequate organ function

exclusion criteria:
1. Pregnancy"""

BOLD_HEADINGS = """**Key Inclusion Criteria:**
- Ages 1-18
**Key Exclusion Criteria:**
- Active infection"""


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list]]:
    """Every element in ``html``, with its attributes, as a browser would parse it."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def items(html: str) -> int:
    return html.count("<li>")


def test_bullets_under_both_headings():
    parsed = parse_eligibility(BULLETS)
    assert parsed.who_can_join or parsed.who_cannot_join
    assert items(parsed.who_can_join) == 2 and "<ul>" in parsed.who_can_join
    assert "Age 2 to 21 years" in parsed.who_can_join
    assert items(parsed.who_cannot_join) == 1
    assert parsed.other == ""


def test_numbered_and_nested_lists_with_headings_in_any_case():
    parsed = parse_eligibility(NUMBERED_NESTED)
    assert "<ol>" in parsed.who_can_join
    assert items(parsed.who_can_join) == 4  # two numbered, two nested
    assert parsed.who_can_join.count("<ul>") == 1
    assert "Pregnancy" in parsed.who_cannot_join


def test_bold_key_headings():
    parsed = parse_eligibility(BOLD_HEADINGS)
    assert "Ages 1-18" in parsed.who_can_join
    assert "Active infection" in parsed.who_cannot_join


def test_a_list_without_headings_is_one_list():
    parsed = parse_eligibility("* Any child with a NET\n* Parents agree")
    assert not (parsed.who_can_join or parsed.who_cannot_join)
    assert items(parsed.other) == 2


def test_text_without_structure_is_shown_as_it_is():
    parsed = parse_eligibility("Children under 5.\nNo prior therapy.")
    assert not (parsed.who_can_join or parsed.who_cannot_join)
    assert parsed.other == "<p>Children under 5.<br>No prior therapy.</p>"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click me](javascript:alert(1))",
        "![pixel](https://tracker.example/p.gif)",
        '<a href="https://evil.example">prize</a>',
    ],
)
def test_registry_markup_never_becomes_markup(hostile):
    for text in (hostile, f"Inclusion Criteria:\n\n* {hostile}"):
        parsed = parse_eligibility(text)
        tags = elements(parsed.who_can_join + parsed.other)
        assert {tag for tag, _ in tags} <= {"p", "ul", "li"}
        assert all(not attributes for _, attributes in tags)


@pytest.mark.django_db
def test_the_trial_page_shows_the_two_lists(client, trial_listing):
    importer.import_payload(study(eligibilityModule__eligibilityCriteria=BULLETS))
    html = client.get(ClinicalTrialPage.objects.get().url).content.decode()
    assert "<h3>Who can join (inclusion criteria)</h3>" in html
    assert "<h3>Who cannot join (exclusion criteria)</h3>" in html
    assert '<div class="eligibility__list" data-eligibility="exclusion"><ul>' in html
