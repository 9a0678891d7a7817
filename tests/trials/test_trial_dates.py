"""Dates on trial pages as people say them, with the exact date in <time datetime>
(issue 12)."""

import pytest
from django.utils.safestring import SafeString

from tests.ctgov_records import study
from trials.models import ClinicalTrialPage
from trials.registry import importer
from trials.templatetags.trial_tags import registry_date


@pytest.mark.parametrize(
    ("value", "html"),
    [
        ("2025-03-01", '<time datetime="2025-03-01">March 1, 2025</time>'),
        ("2025-03", '<time datetime="2025-03">March 2025</time>'),
        ("2025", '<time datetime="2025">2025</time>'),
        ("", ""),
        ("2025-13", "2025-13"),  # not a date: as it is
    ],
)
def test_registry_dates_in_words(value, html):
    assert str(registry_date(value)) == html


def test_text_that_is_not_a_date_is_left_for_the_template_to_escape():
    result = registry_date("<b>soon</b>")
    assert result == "<b>soon</b>"
    assert not isinstance(result, SafeString)


@pytest.mark.django_db
def test_the_trial_page_says_when_it_started_and_was_updated(client, trial_listing):
    importer.import_payload(
        study(
            statusModule__startDateStruct__date="2025-03",
            statusModule__lastUpdatePostDateStruct__date="2026-09-14",
        )
    )
    html = client.get(ClinicalTrialPage.objects.get().url).content.decode()
    assert '<dt>Started</dt><dd><time datetime="2025-03">March 2025</time></dd>' in html
    assert (
        "<dt>Registry record last updated by the study team</dt>"
        '<dd><time datetime="2026-09-14">September 14, 2026</time></dd>'
    ) in html
    assert "2025-03<" not in html.replace('datetime="2025-03"', "")
