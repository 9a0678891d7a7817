"""Registry text is untrusted (issue 11, Low): strict NCT IDs and dates, a size limit on
every field and record, no control or bidi-override characters, and a file that lists
one trial twice is reported rather than applied twice. Every rejection names its field."""

import logging

import pytest

from tests.ctgov_records import study
from trials.models import ClinicalTrialPage
from trials.registry import importer
from trials.registry.records import parse_study
from trials.registry.values import RecordError, validate_nct_id


@pytest.mark.parametrize(
    "nct_id",
    [
        "NCT٠١٢٣٤٥٦٧",  # Arabic-Indic digits
        "NCT０１２３４５６７",  # fullwidth digits
        "NCT0123456७",  # one Devanagari digit
    ],
)
def test_only_ascii_digits_make_an_nct_id(nct_id):
    with pytest.raises(RecordError, match="must be 'NCT' followed by 8 digits"):
        validate_nct_id(nct_id)


@pytest.mark.parametrize(
    "date", ["2025-13", "9999-99-99", "2025-02-30", "0000", "1066"]
)
def test_impossible_dates_are_rejected_with_the_field_named(date):
    record = study(statusModule__startDateStruct__date=date)
    with pytest.raises(RecordError) as caught:
        parse_study(record)
    assert caught.value.field == "protocolSection.statusModule.startDateStruct.date"
    assert "must be a real date" in str(caught.value)


@pytest.mark.parametrize("date", ["2025", "2025-03", "2024-02-29", "2031-12-31"])
def test_real_dates_are_kept(date):
    assert parse_study(study(statusModule__startDateStruct__date=date)).start_date == (
        date
    )


@pytest.mark.parametrize(
    ("path", "length", "field"),
    [
        ("descriptionModule__briefSummary", 20_001, "descriptionModule.briefSummary"),
        (
            "eligibilityModule__eligibilityCriteria",
            10_500_000,
            "eligibilityModule.eligibilityCriteria",
        ),
        ("identificationModule__briefTitle", 1_001, "identificationModule.briefTitle"),
        ("identificationModule__acronym", 61, "identificationModule.acronym"),
        (
            "sponsorCollaboratorsModule__leadSponsor__name",
            256,
            "sponsorCollaboratorsModule.leadSponsor.name",
        ),
    ],
)
def test_each_field_has_a_size_limit(path, length, field):
    with pytest.raises(RecordError) as caught:
        parse_study(study(**{path: "x" * length}))
    assert caught.value.field == f"protocolSection.{field}"
    assert "characters long; at most" in str(caught.value)


def test_a_list_item_over_the_limit_names_its_index():
    with pytest.raises(RecordError) as caught:
        parse_study(study(conditionsModule__conditions=["Neuroblastoma", "y" * 300]))
    assert caught.value.field == "protocolSection.conditionsModule.conditions[1]"


def test_a_whole_record_has_a_size_limit():
    # Outside the fields we read: the cap on the record still holds.
    record = study()
    record["derivedSection"] = {"padding": ["z" * 1024] * 5000}
    with pytest.raises(RecordError, match="the record is 4.9 MB; at most 4 MB"):
        parse_study(record)


def test_control_and_bidi_override_characters_are_removed():
    parsed = parse_study(
        study(
            identificationModule__briefTitle="Safe\u202e)gnirts desrever(\u202c title\x07\n\tfor kids",
            descriptionModule__briefSummary="Line one\nLine two\x1b[31m\u2066isolated\u2069",
        )
    )
    assert parsed.brief_title == "Safe)gnirts desrever( title for kids"
    # Long text keeps its line breaks; only the unsafe characters go.
    assert parsed.brief_summary == "Line one\nLine two[31misolated"


@pytest.mark.django_db
def test_a_file_that_lists_a_trial_twice_reports_the_second(trial_listing, caplog):
    caplog.set_level(logging.INFO)
    results = importer.import_payload(
        [
            study("NCT05550001"),
            study("NCT05550002"),
            study("NCT05550001", statusModule__overallStatus="TERMINATED"),
        ]
    )
    assert [result.outcome for result in results] == ["created", "created", "rejected"]
    assert "NCT05550001" in results[2].message
    assert "in the file more than once: study record 1 was imported" in (
        results[2].message
    )
    page = ClinicalTrialPage.objects.get(nct_id="NCT05550001")
    assert page.overall_status == "RECRUITING"
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_an_oversized_field_is_rejected_naming_it_without_a_traceback(
    trial_listing, caplog
):
    caplog.set_level(logging.INFO)
    (result,) = importer.import_payload(
        study("NCT05550001", eligibilityModule__eligibilityCriteria="e" * 10_500_000)
    )
    assert result.outcome == "rejected"
    assert "protocolSection.eligibilityModule.eligibilityCriteria" in result.message
    assert not ClinicalTrialPage.objects.exists()
    assert "Traceback" not in caplog.text
    assert not any(record.exc_info for record in caplog.records)
