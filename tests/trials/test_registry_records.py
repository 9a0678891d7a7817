"""Tests for trials.registry (values, records, client): parsing ClinicalTrials.gov v2 study records.

Pure Python: no Django, no database, no network. Sample records live in
trials/demo/ (the demo site's trials).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import urllib.error
from decimal import Decimal
from pathlib import Path

import pytest

from conditions.names import fold_name as normalise_name
from trials.registry import client
from trials.registry.client import fetch_study
from trials.registry.records import (
    Contact,
    Location,
    iter_studies,
    load_json,
    parse_study,
)
from trials.registry.values import (
    OPEN_STATUSES,
    OVERALL_STATUS_LABELS,
    Age,
    RecordError,
    describe_age_range,
    parse_age,
    validate_nct_id,
)

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "trials" / "demo"
SAMPLE_IDS = ("NCT09990001", "NCT09990002", "NCT09990003")
BASE_URL = "https://clinicaltrials.gov/api/v2"
DELETE = object()


def load_sample(nct_id: str) -> dict:
    path = SAMPLES_DIR / f"{nct_id}.json"
    if not path.is_file():
        pytest.skip(f"sample record {path} is missing (trials/demo not present)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def study() -> dict:
    """A fresh copy of the fullest sample, safe to edit."""
    return copy.deepcopy(load_sample("NCT09990001"))


def edit(record: dict, path: str, value: object) -> dict:
    """Set (or with DELETE, remove) the value at a dotted path; digits index lists."""
    *parents, last = path.split(".")
    node: object = record
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    key = int(last) if last.isdigit() else last
    if value is DELETE:
        del node[key]
    else:
        node[key] = value
    return record


# ---------------------------------------------------------------------------
# The sample records
# ---------------------------------------------------------------------------


def test_sample_1_interventional_recruiting():
    record = parse_study(load_sample("NCT09990001"))

    assert record.nct_id == "NCT09990001"
    assert record.brief_title.startswith("Sample study: a targeted medicine")
    assert record.acronym == "SAMPLE-NET"
    assert record.organization == "Children's Oncology Group"
    assert record.overall_status == "RECRUITING"
    assert record.is_open is True
    assert record.status_label == "Open to new patients"
    assert record.phases == ("PHASE2",)
    assert record.phase_label == "Phase 2"
    assert record.study_type == "INTERVENTIONAL"
    assert record.conditions == (
        "Neuroendocrine Tumor",
        "Pancreatic Neuroendocrine Tumor",
        "Carcinoid Tumor",
    )
    assert record.keywords == ("NET", "islet cell tumor", "recurrent")
    assert record.lead_sponsor == "Children's Oncology Group"
    assert record.lead_sponsor_class == "NETWORK"
    assert record.collaborators == ("National Cancer Institute (NCI)",)
    assert record.eligibility_criteria.startswith("Inclusion Criteria:")
    assert record.sex == "ALL"
    assert record.healthy_volunteers is False
    assert record.minimum_age == Age(2, "year")
    assert record.maximum_age == Age(21, "year")
    assert record.age_range_label == "2 years to 21 years"
    assert record.principal_investigator == "A. Investigator, MD"
    assert record.principal_investigator_affiliation == "Children's Oncology Group"
    assert record.central_contact == Contact(
        name="Study Information Line", phone="617-555-0100", email="trials@example.org"
    )
    assert record.locations == (
        Location(
            facility="Sample Children's Cancer Center",
            city="Boston",
            state="Massachusetts",
            country="United States",
            status="RECRUITING",
            zip_code="02215",
            latitude=42.35843,
            longitude=-71.05977,
        ),
    )
    assert record.start_date == "2025-03-01"
    assert record.last_update_posted == "2026-09-14"
    assert record.registry_url == "https://clinicaltrials.gov/study/NCT09990001"


def test_sample_2_observational_with_months():
    record = parse_study(load_sample("NCT09990002"))

    assert record.nct_id == "NCT09990002"
    assert record.study_type == "OBSERVATIONAL"
    assert record.phases == ()
    assert record.phase_label == ""
    assert str(record.minimum_age) == "6 months"
    assert record.minimum_age.months == Decimal("6.000")
    assert str(record.maximum_age) == "29 years"
    assert record.age_range_label == "6 months to 29 years"
    assert record.is_open is True
    assert record.acronym == ""
    assert record.keywords == ()
    assert record.collaborators == ()
    assert record.locations == ()
    assert record.principal_investigator == ""
    assert record.central_contact == Contact(
        name="Registry Coordinator", phone="617-555-0101", email=""
    )
    assert record.last_update_posted == ""


def test_sample_3_completed_phase_1_2_without_contacts():
    record = parse_study(load_sample("NCT09990003"))

    assert record.overall_status == "COMPLETED"
    assert record.is_open is False
    assert record.status_label == "Completed"
    assert record.phases == ("PHASE1", "PHASE2")
    assert record.phase_label == "Phase 1/2"
    assert record.minimum_age == Age(1, "year")
    assert record.age_range_label == "1 year to 18 years"
    assert record.start_date == "2019-05"
    assert record.eligibility_criteria == ""
    assert record.healthy_volunteers is None
    assert record.central_contact is None
    assert record.locations == ()
    assert record.collaborators == ("Sample Imaging Company",)


@pytest.mark.parametrize("nct_id", SAMPLE_IDS)
def test_samples_load_through_load_json_and_iter_studies(nct_id):
    raw = json.dumps(load_sample(nct_id)).encode()

    (study,) = iter_studies(load_json(raw))

    assert parse_study(study).nct_id == nct_id


def test_record_is_immutable(study):
    record = parse_study(study)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.brief_title = "changed"


# ---------------------------------------------------------------------------
# Cleaning and optional data
# ---------------------------------------------------------------------------


def test_text_is_stripped_and_lists_deduplicated(study):
    edit(study, "protocolSection.identificationModule.briefTitle", "  A title \n")
    edit(
        study,
        "protocolSection.conditionsModule.conditions",
        [" Carcinoid Tumor ", "", "carcinoid tumor", "   ", "Insulinoma"],
    )
    edit(study, "protocolSection.conditionsModule.keywords", ["NET", "NET", " x "])

    record = parse_study(study)

    assert record.brief_title == "A title"
    assert record.conditions == ("Carcinoid Tumor", "Insulinoma")
    assert record.keywords == ("NET", "x")


def test_html_is_kept_as_plain_text_and_nul_removed(study):
    edit(study, "protocolSection.descriptionModule.briefSummary", "<b>Hi</b>\x00 there")

    assert parse_study(study).brief_summary == "<b>Hi</b> there"


def test_unknown_fields_are_ignored(study):
    study["protocolSection"]["someFutureModule"] = {"anything": [1, 2, 3]}
    edit(study, "protocolSection.statusModule.newField", 42)

    assert parse_study(study).nct_id == "NCT09990001"


def test_minimal_record_has_empty_defaults():
    record = parse_study(
        {
            "protocolSection": {
                "identificationModule": {"nctId": "NCT00000001", "briefTitle": "T"},
                "statusModule": {"overallStatus": "UNKNOWN"},
            }
        }
    )

    assert record.status_label == "Status unknown"
    assert record.phases == ()
    assert record.study_type == ""
    assert record.official_title == record.organization == record.brief_summary == ""
    assert record.minimum_age is None
    assert record.maximum_age is None
    assert record.age_range_label == "All ages"
    assert record.sex == ""
    assert record.healthy_volunteers is None
    assert record.central_contact is None


def test_null_counts_as_absent(study):
    edit(study, "protocolSection.identificationModule.acronym", None)
    edit(study, "protocolSection.eligibilityModule.maximumAge", None)

    record = parse_study(study)

    assert record.acronym == ""
    assert record.maximum_age is None
    assert record.age_range_label == "2 years and older"


def test_nct_id_is_normalised(study):
    edit(study, "protocolSection.identificationModule.nctId", " nct09990001 ")

    assert parse_study(study).nct_id == "NCT09990001"


def test_principal_investigator_role_is_preferred(study):
    edit(
        study,
        "protocolSection.contactsLocationsModule.overallOfficials",
        [
            {"name": "Chair Person", "affiliation": "A", "role": "STUDY_CHAIR"},
            {"name": "Pat PI", "affiliation": "B", "role": "PRINCIPAL_INVESTIGATOR"},
        ],
    )

    record = parse_study(study)

    assert record.principal_investigator == "Pat PI"
    assert record.principal_investigator_affiliation == "B"


def test_contact_phone_extension(study):
    edit(
        study,
        "protocolSection.contactsLocationsModule.centralContacts.0.phoneExt",
        "12",
    )

    assert parse_study(study).central_contact.phone == "617-555-0100 ext. 12"


@pytest.mark.parametrize(
    ("phases", "label"),
    [
        ([], ""),
        (["NA"], "Not applicable"),
        (["EARLY_PHASE1"], "Early phase 1"),
        (["PHASE1"], "Phase 1"),
        (["PHASE1", "PHASE2"], "Phase 1/2"),
        (["PHASE2", "PHASE3"], "Phase 2/3"),
    ],
)
def test_phase_label(study, phases, label):
    edit(study, "protocolSection.designModule.phases", phases)

    assert parse_study(study).phase_label == label


def test_status_vocabulary():
    assert len(OVERALL_STATUS_LABELS) == 14
    assert sorted(OPEN_STATUSES) == [
        "AVAILABLE",
        "ENROLLING_BY_INVITATION",
        "RECRUITING",
    ]
    assert OPEN_STATUSES.issubset(OVERALL_STATUS_LABELS)
    assert "NOT_YET_RECRUITING" not in OPEN_STATUSES


@pytest.mark.parametrize("status", sorted(OVERALL_STATUS_LABELS))
def test_every_status_parses(study, status):
    edit(study, "protocolSection.statusModule.overallStatus", status)

    record = parse_study(study)

    assert record.status_label == OVERALL_STATUS_LABELS[status]
    assert record.is_open is (status in OPEN_STATUSES)


# ---------------------------------------------------------------------------
# Rejections
# ---------------------------------------------------------------------------

IDENT = "protocolSection.identificationModule"
STATUS = "protocolSection.statusModule"
DESIGN = "protocolSection.designModule"
ELIGIBILITY = "protocolSection.eligibilityModule"
CONDITIONS = "protocolSection.conditionsModule"
SPONSORS = "protocolSection.sponsorCollaboratorsModule"
CONTACTS = "protocolSection.contactsLocationsModule"

# (edits to the valid sample, expected field path, how the study is named)
REJECTIONS = [
    pytest.param(
        {"protocolSection": DELETE}, "protocolSection", None, id="no-protocol"
    ),
    pytest.param({"protocolSection": []}, "protocolSection", None, id="protocol-list"),
    pytest.param({IDENT: "x"}, IDENT, None, id="ident-module-string"),
    pytest.param({f"{IDENT}.nctId": DELETE}, f"{IDENT}.nctId", None, id="nct-missing"),
    pytest.param({f"{IDENT}.nctId": ""}, f"{IDENT}.nctId", None, id="nct-empty"),
    pytest.param({f"{IDENT}.nctId": 9990001}, f"{IDENT}.nctId", None, id="nct-number"),
    pytest.param({f"{IDENT}.nctId": "NCT123"}, f"{IDENT}.nctId", None, id="nct-short"),
    pytest.param(
        {f"{IDENT}.nctId": "NCT099900011"}, f"{IDENT}.nctId", None, id="nct-long"
    ),
    pytest.param(
        {f"{IDENT}.nctId": "ISRCTN1234567"}, f"{IDENT}.nctId", None, id="nct-other"
    ),
    pytest.param(
        {f"{IDENT}.briefTitle": DELETE}, f"{IDENT}.briefTitle", 1, id="title-gone"
    ),
    pytest.param(
        {f"{IDENT}.briefTitle": "  "}, f"{IDENT}.briefTitle", 1, id="title-blank"
    ),
    pytest.param(
        {f"{IDENT}.briefTitle": 42}, f"{IDENT}.briefTitle", 1, id="title-number"
    ),
    pytest.param(
        {f"{IDENT}.organization": "COG"}, f"{IDENT}.organization", 1, id="org-string"
    ),
    pytest.param({STATUS: []}, STATUS, 1, id="status-module-list"),
    pytest.param(
        {f"{STATUS}.overallStatus": DELETE},
        f"{STATUS}.overallStatus",
        1,
        id="status-missing",
    ),
    pytest.param(
        {f"{STATUS}.overallStatus": "OPEN"},
        f"{STATUS}.overallStatus",
        1,
        id="status-bad",
    ),
    pytest.param(
        {f"{STATUS}.overallStatus": "recruiting"},
        f"{STATUS}.overallStatus",
        1,
        id="status-lowercase",
    ),
    pytest.param(
        {f"{STATUS}.startDateStruct.date": "March 2025"},
        f"{STATUS}.startDateStruct.date",
        1,
        id="start-date-format",
    ),
    pytest.param(
        {f"{DESIGN}.phases": "PHASE2"}, f"{DESIGN}.phases", 1, id="phases-str"
    ),
    pytest.param(
        {f"{DESIGN}.phases": ["PHASE1", "PHASE1", "PHASE5"]},
        f"{DESIGN}.phases[2]",
        1,
        id="phase-bad",
    ),
    pytest.param(
        {f"{DESIGN}.phases": [2]}, f"{DESIGN}.phases[0]", 1, id="phase-number"
    ),
    pytest.param(
        {f"{DESIGN}.phases": [""]}, f"{DESIGN}.phases[0]", 1, id="phase-empty"
    ),
    pytest.param(
        {f"{DESIGN}.studyType": "CLINICAL"}, f"{DESIGN}.studyType", 1, id="type-bad"
    ),
    pytest.param(
        {f"{ELIGIBILITY}.minimumAge": "six months"},
        f"{ELIGIBILITY}.minimumAge",
        1,
        id="min-age-words",
    ),
    pytest.param(
        {f"{ELIGIBILITY}.minimumAge": "6"},
        f"{ELIGIBILITY}.minimumAge",
        1,
        id="min-age-no-unit",
    ),
    pytest.param(
        {f"{ELIGIBILITY}.minimumAge": 6},
        f"{ELIGIBILITY}.minimumAge",
        1,
        id="min-age-number",
    ),
    pytest.param(
        {f"{ELIGIBILITY}.maximumAge": "21 Fortnights"},
        f"{ELIGIBILITY}.maximumAge",
        1,
        id="max-age-unit",
    ),
    pytest.param(
        {f"{ELIGIBILITY}.maximumAge": "N/A"},
        f"{ELIGIBILITY}.maximumAge",
        1,
        id="max-age-na",
    ),
    pytest.param(
        {f"{ELIGIBILITY}.minimumAge": "22 Years"},
        f"{ELIGIBILITY}.minimumAge",
        1,
        id="min-above-max",
    ),
    pytest.param(
        {
            f"{ELIGIBILITY}.minimumAge": "13 Months",
            f"{ELIGIBILITY}.maximumAge": "1 Year",
        },
        f"{ELIGIBILITY}.minimumAge",
        1,
        id="min-above-max-units",
    ),
    pytest.param({f"{ELIGIBILITY}.sex": "BOTH"}, f"{ELIGIBILITY}.sex", 1, id="sex-bad"),
    pytest.param(
        {f"{ELIGIBILITY}.healthyVolunteers": "no"},
        f"{ELIGIBILITY}.healthyVolunteers",
        1,
        id="healthy-string",
    ),
    pytest.param(
        {f"{CONDITIONS}.conditions": "Neuroendocrine Tumor"},
        f"{CONDITIONS}.conditions",
        1,
        id="conditions-string",
    ),
    pytest.param(
        {f"{CONDITIONS}.conditions": ["NET", 7]},
        f"{CONDITIONS}.conditions[1]",
        1,
        id="condition-number",
    ),
    pytest.param(
        {f"{CONDITIONS}.keywords": {"a": 1}},
        f"{CONDITIONS}.keywords",
        1,
        id="keywords-object",
    ),
    pytest.param(
        {f"{SPONSORS}.leadSponsor": "COG"},
        f"{SPONSORS}.leadSponsor",
        1,
        id="sponsor-string",
    ),
    pytest.param(
        {f"{SPONSORS}.collaborators": ["NCI"]},
        f"{SPONSORS}.collaborators[0]",
        1,
        id="collaborator-string",
    ),
    pytest.param(
        {f"{SPONSORS}.collaborators.0.name": 5},
        f"{SPONSORS}.collaborators[0].name",
        1,
        id="collaborator-name-number",
    ),
    pytest.param(
        {f"{CONTACTS}.locations.0.city": ["Boston"]},
        f"{CONTACTS}.locations[0].city",
        1,
        id="location-city-list",
    ),
    pytest.param(
        {f"{CONTACTS}.centralContacts": {"name": "x"}},
        f"{CONTACTS}.centralContacts",
        1,
        id="contacts-object",
    ),
    pytest.param(
        {f"{CONTACTS}.overallOfficials.0.name": False},
        f"{CONTACTS}.overallOfficials[0].name",
        1,
        id="official-name-bool",
    ),
]


@pytest.mark.parametrize(("edits", "field", "named"), REJECTIONS)
def test_rejections(study, edits, field, named):
    for path, value in edits.items():
        edit(study, path, value)

    with pytest.raises(RecordError) as caught:
        parse_study(study)

    error = caught.value
    assert error.field == field
    assert field in str(error)
    if named:
        assert error.nct_id == "NCT09990001"
        assert str(error).startswith("NCT09990001: ")
    else:
        assert error.nct_id is None
        assert str(error).startswith("Study record: ")


def test_bad_status_message_lists_choices_and_value(study):
    edit(study, f"{STATUS}.overallStatus", "OPEN")

    with pytest.raises(RecordError) as caught:
        parse_study(study)

    message = str(caught.value)
    assert message.startswith(
        "NCT09990001: protocolSection.statusModule.overallStatus must be one of "
        "ACTIVE_NOT_RECRUITING, "
    )
    assert message.endswith("(got 'OPEN')")
    assert caught.value.message.startswith("must be one of")


def test_wrong_type_message_names_json_types(study):
    edit(study, f"{IDENT}.briefTitle", 42)

    with pytest.raises(
        RecordError, match=r"briefTitle must be a string \(got number\)"
    ):
        parse_study(study)


def test_age_order_message(study):
    edit(study, f"{ELIGIBILITY}.minimumAge", "22 Years")

    with pytest.raises(RecordError, match=r"\(22 years\) is greater than maximumAge"):
        parse_study(study)


def test_long_bad_values_are_cut_short(study):
    edit(study, f"{STATUS}.overallStatus", "X" * 5000)

    with pytest.raises(RecordError) as caught:
        parse_study(study)

    assert len(str(caught.value)) < 500


@pytest.mark.parametrize("data", [None, [], "study", 3, ["protocolSection"]])
def test_non_object_record_is_rejected(data):
    with pytest.raises(RecordError, match=r"^Study record: the record must be"):
        parse_study(data)


# ---------------------------------------------------------------------------
# NCT IDs
# ---------------------------------------------------------------------------


def test_validate_nct_id():
    assert validate_nct_id(" nct01234567\n") == "NCT01234567"
    for bad in ["", "NCT1234567", "NCT123456789", "NCTABCDEFGH", "01234567", None]:
        with pytest.raises(RecordError) as caught:
            validate_nct_id(bad)
        assert caught.value.field == "nct_id"
        assert "nct_id" in str(caught.value)


# ---------------------------------------------------------------------------
# Ages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age", "spoken", "months"),
    [
        ("6 Months", Age(6, "month"), "6 months", "6.000"),
        ("1 Month", Age(1, "month"), "1 month", "1.000"),
        ("1 Year", Age(1, "year"), "1 year", "12.000"),
        ("21 Years", Age(21, "year"), "21 years", "252.000"),
        ("21 years", Age(21, "year"), "21 years", "252.000"),
        ("  2 WEEKS ", Age(2, "week"), "2 weeks", "0.462"),
        ("52 Weeks", Age(52, "week"), "52 weeks", "12.000"),
        ("1 Week", Age(1, "week"), "1 week", "0.231"),
        ("30 Days", Age(30, "day"), "30 days", "0.986"),
        ("24 Hours", Age(24, "hour"), "24 hours", "0.033"),
        ("90 Minutes", Age(90, "minute"), "90 minutes", "0.002"),
        ("0 Years", Age(0, "year"), "0 years", "0.000"),
    ],
)
def test_parse_age(text, age, spoken, months):
    parsed = parse_age(text)

    assert parsed == age
    assert str(parsed) == spoken
    assert parsed.months == Decimal(months)


def test_nine_month_old_fits_between_six_months_and_one_year():
    nine_months = Age(9, "month").months

    assert nine_months == Decimal(9)
    assert nine_months >= parse_age("6 Months").months
    assert nine_months < parse_age("1 Year").months


@pytest.mark.parametrize(
    "text",
    ["", "six months", "6", "Months", "6 Fortnights", "-1 Years", "1.5 Years", None],
)
def test_parse_age_rejects(text):
    with pytest.raises(RecordError) as caught:
        parse_age(text, nct_id="NCT09990001", field="x.minimumAge")

    assert caught.value.field == "x.minimumAge"
    assert str(caught.value).startswith("NCT09990001: x.minimumAge must be")


def test_parse_age_error_without_field_is_a_sentence():
    with pytest.raises(RecordError, match=r"^Study record: age must be"):
        parse_age("soon")


def test_age_rejects_unknown_units_and_negative_values():
    with pytest.raises(ValueError, match="unknown age unit"):
        Age(1, "years")
    with pytest.raises(ValueError, match="must not be negative"):
        Age(-1, "year")


@pytest.mark.parametrize(
    ("minimum", "maximum", "label"),
    [
        (Age(6, "month"), Age(21, "year"), "6 months to 21 years"),
        (Age(18, "year"), None, "18 years and older"),
        (None, Age(17, "year"), "Up to 17 years"),
        (None, None, "All ages"),
        (Age(0, "year"), Age(18, "year"), "Up to 18 years"),
        (Age(1, "year"), Age(1, "year"), "1 year to 1 year"),
    ],
)
def test_describe_age_range(minimum, maximum, label):
    assert describe_age_range(minimum, maximum) == label


# ---------------------------------------------------------------------------
# Payload shapes and JSON
# ---------------------------------------------------------------------------


def test_iter_studies_single_study(study):
    assert iter_studies(study) == [study]


def test_iter_studies_page(study):
    page = {"studies": [study, study], "nextPageToken": "abc"}

    assert iter_studies(page) == [study, study]


def test_iter_studies_plain_list(study):
    assert iter_studies([study]) == [study]
    assert iter_studies([]) == []


@pytest.mark.parametrize("payload", ["hello", 5, None, {"totalCount": 3}])
def test_iter_studies_rejects_other_shapes(payload):
    with pytest.raises(RecordError) as caught:
        iter_studies(payload)

    assert caught.value.field is None
    assert "is neither a study record nor a page of studies" in str(caught.value)


def test_iter_studies_rejects_page_with_non_list_studies():
    with pytest.raises(RecordError) as caught:
        iter_studies({"studies": {"protocolSection": {}}})

    assert caught.value.field == "studies"


def test_load_json_round_trip():
    assert load_json('{"a": [1, "x"]}') == {"a": [1, "x"]}
    assert load_json(b'{"a": "\xc3\xa9"}') == {"a": "\u00e9"}


def test_load_json_truncated():
    with pytest.raises(RecordError) as caught:
        load_json('{"protocolSection": {\n  "identificationModule": {')

    message = str(caught.value)
    assert message.startswith("Study record: not valid JSON: ")
    assert "at line 2 column" in message


@pytest.mark.parametrize(
    "text",
    ["", "   ", b'{"a": "\xff"}', "{'single': 'quotes'}", '{"a": NaN}', None],
)
def test_load_json_rejects(text):
    with pytest.raises(RecordError, match="not valid JSON"):
        load_json(text)


def test_load_json_names_the_study_when_known():
    with pytest.raises(RecordError, match=r"^NCT09990001: not valid JSON"):
        load_json("{", nct_id="NCT09990001")


# ---------------------------------------------------------------------------
# Fetching (fake opener; never the network)
# ---------------------------------------------------------------------------


class FakeOpener:
    def __init__(self, status: int = 200, body: bytes = b"", error=None):
        self.status, self.body, self.error = status, body, error
        self.calls: list[tuple[str, float]] = []

    def __call__(self, url: str, timeout: float) -> tuple[int, bytes]:
        self.calls.append((url, timeout))
        if self.error:
            raise self.error
        return self.status, self.body


def test_fetch_study_200(study):
    opener = FakeOpener(body=json.dumps(study).encode())

    data = fetch_study(" nct09990001", base_url=BASE_URL + "/", opener=opener)

    assert data == study
    assert opener.calls == [(f"{BASE_URL}/studies/NCT09990001", 20)]
    assert parse_study(data).nct_id == "NCT09990001"


def test_fetch_study_passes_timeout():
    opener = FakeOpener(body=b"{}")

    fetch_study("NCT09990001", base_url=BASE_URL, timeout=3.5, opener=opener)

    assert opener.calls[0][1] == 3.5


def test_fetch_study_404():
    opener = FakeOpener(status=404, body=b'{"message": "not found"}')

    with pytest.raises(RecordError) as caught:
        fetch_study("NCT09990001", base_url=BASE_URL, opener=opener)

    assert caught.value.nct_id == "NCT09990001"
    assert str(caught.value).startswith("NCT09990001: could not fetch ")
    assert str(caught.value).endswith("HTTP 404")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (TimeoutError("timed out"), "timed out after 20 seconds"),
        (urllib.error.URLError("Name or service not known"), "Name or service"),
        (ConnectionResetError("reset by peer"), "reset by peer"),
    ],
)
def test_fetch_study_network_errors(error, reason):
    with pytest.raises(RecordError) as caught:
        fetch_study("NCT09990001", base_url=BASE_URL, opener=FakeOpener(error=error))

    message = str(caught.value)
    assert message.startswith("NCT09990001: could not fetch ")
    assert reason in message


@pytest.mark.parametrize("body", [b"<html>Service unavailable</html>", b'{"prot'])
def test_fetch_study_non_json_body(body):
    with pytest.raises(RecordError, match=r"^NCT09990001: not valid JSON"):
        fetch_study("NCT09990001", base_url=BASE_URL, opener=FakeOpener(body=body))


def test_fetch_study_json_that_is_not_an_object():
    with pytest.raises(RecordError, match="expected a study object"):
        fetch_study("NCT09990001", base_url=BASE_URL, opener=FakeOpener(body=b"[]"))


def test_fetch_study_rejects_bad_id_before_fetching():
    opener = FakeOpener(body=b"{}")

    with pytest.raises(RecordError, match="nct_id"):
        fetch_study("../admin", base_url=BASE_URL, opener=opener)

    assert opener.calls == []


class FakeResponse:
    status = 200

    def __init__(self, body: bytes):
        self.body = body

    def read(self, limit: int = -1) -> bytes:
        """Like a socket stream: up to ``limit`` bytes, then b"" at the end."""
        size = len(self.body) if limit < 0 else limit
        chunk, self.body = self.body[:size], self.body[size:]
        return chunk

    read1 = read

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


def test_default_opener_sends_accept_header(monkeypatch):
    seen = {}

    def fake_urlopen(request, timeout):
        seen["url"], seen["timeout"] = request.full_url, timeout
        seen["accept"] = request.get_header("Accept")
        return FakeResponse(b'{"protocolSection": {}}')

    monkeypatch.setattr(client.urllib.request, "urlopen", fake_urlopen)

    data = fetch_study("NCT09990001", base_url=BASE_URL, timeout=5)

    assert data == {"protocolSection": {}}
    assert seen == {
        "url": f"{BASE_URL}/studies/NCT09990001",
        "timeout": 5,
        "accept": "application/json",
    }


def test_default_opener_reports_http_errors(monkeypatch):
    def fake_urlopen(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)

    monkeypatch.setattr(client.urllib.request, "urlopen", fake_urlopen)

    with pytest.raises(RecordError, match=r"HTTP 404$"):
        fetch_study("NCT09990001", base_url=BASE_URL)


def test_default_opener_reports_connection_timeouts(monkeypatch):
    def fake_urlopen(request, timeout):
        raise urllib.error.URLError(TimeoutError("timed out"))

    monkeypatch.setattr(client.urllib.request, "urlopen", fake_urlopen)

    with pytest.raises(RecordError, match=r"^NCT09990001: could not fetch .*timed out"):
        fetch_study("NCT09990001", base_url=BASE_URL)


def test_oversized_response_is_rejected(monkeypatch):
    monkeypatch.setattr(client, "MAX_RESPONSE_BYTES", 10)
    opener = FakeOpener(body=b'{"protocolSection": {}}')

    with pytest.raises(RecordError, match="larger than 10 bytes"):
        fetch_study("NCT09990001", base_url=BASE_URL, opener=opener)


# ---------------------------------------------------------------------------
# Condition name matching
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Neuroendocrine Tumors", "neuroendocrine tumor"),
        ("Carcinoid Tumor", "carcinoid tumors"),
        ("Thyroid Cancer, Medullary", "thyroid cancer medullary"),
        ("  Adrenocortical   Carcinoma ", "adrenocortical-carcinoma"),
        ("MEN2B", "men2b"),
    ],
)
def test_normalise_name_matches(left, right):
    assert normalise_name(left) == normalise_name(right)


def test_normalise_name_output():
    assert normalise_name("Thyroid Cancer, Medullary") == "thyroid cancer medullary"
    assert normalise_name("Neuroendocrine Tumors") == "neuroendocrine tumor"
    # Short words keep their "s": "gas" is not a plural.
    assert normalise_name("GAS (gastric) tumours") == "gas gastric tumour"
    assert normalise_name("--") == ""
