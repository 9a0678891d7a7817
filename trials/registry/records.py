"""Parse and validate ClinicalTrials.gov API v2 study records.

This module turns one study record (a dict, as from ``json.load``) into an
immutable :class:`StudyRecord`, or rejects the whole record with a
:class:`RecordError` that names the study and the dotted field path.

It deliberately imports nothing from Django so it can be tested on records
alone. Registry text is untrusted: it is kept as plain, stripped strings and
never turned into HTML here; escaping is the templates' job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .fields import LONG_TEXT_LIMIT, RECORD_BYTES_LIMIT
from .fields import Node as _Node
from .fields import clean_text as _clean
from .fields import not_one_of as _not_one_of
from .fields import unique as _unique
from .values import (
    OPEN_STATUSES,
    OVERALL_STATUS_LABELS,
    PHASE_LABELS,
    SEX_VALUES,
    STUDY_TYPE_LABELS,
    Age,
    RecordError,
    describe_age_range,
    describe_phases,
    json_type,
    validate_nct_id,
)

# ---------------------------------------------------------------------------
# The parsed record
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class Location:
    facility: str
    city: str
    state: str
    country: str
    status: str
    zip_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact: Contact | None = None


@dataclass(frozen=True)
class StudyRecord:
    nct_id: str
    brief_title: str
    official_title: str
    acronym: str
    organization: str
    overall_status: str
    phases: tuple[str, ...]
    study_type: str
    brief_summary: str
    conditions: tuple[str, ...]
    keywords: tuple[str, ...]
    lead_sponsor: str
    lead_sponsor_class: str
    collaborators: tuple[str, ...]
    eligibility_criteria: str
    sex: str
    healthy_volunteers: bool | None
    minimum_age: Age | None
    maximum_age: Age | None
    principal_investigator: str
    principal_investigator_affiliation: str
    central_contact: Contact | None
    locations: tuple[Location, ...]
    start_date: str
    last_update_posted: str

    @property
    def is_open(self) -> bool:
        return self.overall_status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return OVERALL_STATUS_LABELS.get(self.overall_status, self.overall_status)

    @property
    def phase_label(self) -> str:
        return describe_phases(self.phases)

    @property
    def age_range_label(self) -> str:
        return describe_age_range(self.minimum_age, self.maximum_age)

    @property
    def registry_url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"


# ---------------------------------------------------------------------------
# Parsing a study
# ---------------------------------------------------------------------------

_NCT_ID_FIELD = "protocolSection.identificationModule.nctId"


def parse_study(data: object) -> StudyRecord:
    """Validate one v2 study record and return it as a :class:`StudyRecord`."""
    if not isinstance(data, dict):
        raise RecordError(f"the record must be a JSON object (got {json_type(data)})")
    root = _Node(data, "", None)
    if root.get("protocolSection", dict) is None:
        raise root.error("protocolSection", "is missing")
    nct_id = _read_nct_id(root)
    protocol = _Node(data["protocolSection"], "protocolSection", nct_id)

    phases = _read_phases(protocol)
    minimum_age = protocol.age("eligibilityModule.minimumAge")
    maximum_age = protocol.age("eligibilityModule.maximumAge")
    _check_age_order(protocol, minimum_age, maximum_age)
    pi_name, pi_affiliation = _read_investigator(protocol)

    record = StudyRecord(
        nct_id=nct_id,
        brief_title=protocol.text(
            "identificationModule.briefTitle",
            required=True,
            max_length=1_000,
            one_line=True,
        ),
        official_title=protocol.text(
            "identificationModule.officialTitle", max_length=1_000, one_line=True
        ),
        acronym=protocol.text("identificationModule.acronym", max_length=60),
        organization=protocol.text("identificationModule.organization.fullName"),
        overall_status=protocol.choice(
            "statusModule.overallStatus", OVERALL_STATUS_LABELS, required=True
        ),
        phases=phases,
        study_type=protocol.choice("designModule.studyType", STUDY_TYPE_LABELS),
        brief_summary=protocol.text(
            "descriptionModule.briefSummary", max_length=LONG_TEXT_LIMIT
        ),
        conditions=protocol.texts("conditionsModule.conditions"),
        keywords=protocol.texts("conditionsModule.keywords"),
        lead_sponsor=protocol.text("sponsorCollaboratorsModule.leadSponsor.name"),
        lead_sponsor_class=protocol.text(
            "sponsorCollaboratorsModule.leadSponsor.class"
        ),
        collaborators=_unique(
            node.text("name")
            for node in protocol.children("sponsorCollaboratorsModule.collaborators")
        ),
        eligibility_criteria=protocol.text(
            "eligibilityModule.eligibilityCriteria", max_length=LONG_TEXT_LIMIT
        ),
        sex=protocol.choice("eligibilityModule.sex", sorted(SEX_VALUES)),
        healthy_volunteers=protocol.flag("eligibilityModule.healthyVolunteers"),
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        principal_investigator=pi_name,
        principal_investigator_affiliation=pi_affiliation,
        central_contact=_read_central_contact(protocol),
        locations=tuple(
            _read_location(node)
            for node in protocol.children("contactsLocationsModule.locations")
        ),
        start_date=protocol.date("statusModule.startDateStruct.date"),
        last_update_posted=protocol.date("statusModule.lastUpdatePostDateStruct.date"),
    )
    # Checked last, so that a field too long is named as that field.
    size = len(json.dumps(data, separators=(",", ":")).encode())
    if size > RECORD_BYTES_LIMIT:
        raise RecordError(
            f"the record is {size / 1024 / 1024:.1f} MB; at most "
            f"{RECORD_BYTES_LIMIT // 1024 // 1024} MB are taken",
            nct_id=nct_id,
        )
    return record


def _read_nct_id(root: _Node) -> str:
    raw = root.get(_NCT_ID_FIELD, str)
    if raw is None:
        raise root.error(_NCT_ID_FIELD, "is missing")
    return validate_nct_id(raw, field=_NCT_ID_FIELD)


def _read_phases(protocol: _Node) -> tuple[str, ...]:
    phases = protocol.texts("designModule.phases")  # checks the types
    # Check the enum on the raw list so an error points at the right index.
    for index, phase in enumerate(protocol.get("designModule.phases", list) or []):
        if _clean(phase) not in PHASE_LABELS:
            raise protocol.error(
                f"protocolSection.designModule.phases[{index}]",
                _not_one_of(PHASE_LABELS, phase),
            )
    return phases


def _check_age_order(protocol: _Node, minimum: Age | None, maximum: Age | None) -> None:
    if minimum and maximum and minimum.months > maximum.months:
        raise protocol.error(
            "protocolSection.eligibilityModule.minimumAge",
            f"({minimum}) is greater than maximumAge ({maximum})",
        )


def _read_investigator(protocol: _Node) -> tuple[str, str]:
    """Name and affiliation of the overall official to show as the lead.

    Prefers an official whose role is PRINCIPAL_INVESTIGATOR; many records
    list only a STUDY_CHAIR or STUDY_DIRECTOR, so fall back to the first.
    """
    officials = protocol.children("contactsLocationsModule.overallOfficials")
    if not officials:
        return "", ""
    principal = (
        node for node in officials if node.text("role") == "PRINCIPAL_INVESTIGATOR"
    )
    chosen = next(principal, officials[0])
    return chosen.text("name"), chosen.text("affiliation")


def _read_central_contact(protocol: _Node) -> Contact | None:
    contacts = protocol.children("contactsLocationsModule.centralContacts")
    if not contacts:
        return None
    first = contacts[0]
    phone = first.text("phone", max_length=30)
    extension = first.text("phoneExt", max_length=9)
    if phone and extension:
        phone = f"{phone} ext. {extension}"
    return Contact(name=first.text("name"), phone=phone, email=first.text("email"))


def _read_location(node: _Node) -> Location:
    latitude, longitude = _read_geo_point(node)
    contacts = node.children("contacts")
    contact = None
    if contacts:
        first = contacts[0]
        contact = Contact(
            name=first.text("name"),
            phone=first.text("phone", max_length=30),
            email=first.text("email"),
        )
    return Location(
        facility=node.text("facility"),
        city=node.text("city"),
        state=node.text("state"),
        country=node.text("country"),
        status=node.choice("status", OVERALL_STATUS_LABELS),
        zip_code=node.text("zip", max_length=20),
        latitude=latitude,
        longitude=longitude,
        contact=contact,
    )


def _read_geo_point(node: _Node) -> tuple[float | None, float | None]:
    """The site's geoPoint, if it has a whole and possible one."""
    point = node.get("geoPoint", dict)
    if point is None:
        return None, None
    values = []
    for key, bound in (("lat", 90), ("lon", 180)):
        value = point.get(key)
        path = f"{node.path}.geoPoint.{key}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise node.error(path, f"must be a number (got {json_type(value)})")
        if not -bound <= value <= bound:
            raise node.error(
                path, f"must be between -{bound} and {bound} (got {value})"
            )
        values.append(float(value))
    return values[0], values[1]


# ---------------------------------------------------------------------------
# Payloads, JSON and fetching
# ---------------------------------------------------------------------------


def iter_studies(payload: object) -> list[object]:
    """The study records in a payload, unparsed.

    Accepts one study (a dict with "protocolSection"), a /studies page
    (``{"studies": [...], "nextPageToken": ...}``) or a plain list of studies.
    """
    if isinstance(payload, list):
        return list(payload)
    if isinstance(payload, dict):
        if "protocolSection" in payload:
            return [payload]
        if "studies" in payload:
            studies = payload["studies"]
            if not isinstance(studies, list):
                raise RecordError(
                    f"must be a list (got {json_type(studies)})", field="studies"
                )
            return list(studies)
    raise RecordError(
        f"the JSON payload ({json_type(payload)}) is neither a study record "
        "nor a page of studies"
    )


def _reject_constant(name: str) -> float:
    # json.loads accepts NaN/Infinity by default; they are not JSON.
    raise ValueError(f"{name} is not allowed")


def load_json(text: str | bytes, *, nct_id: str | None = None) -> object:
    """``json.loads`` that raises :class:`RecordError` for bad or cut-off JSON."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        reason = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    except UnicodeDecodeError as exc:
        reason = f"cannot decode text ({exc.reason} at byte {exc.start})"
    except RecursionError:
        reason = "nested too deeply"
    except (TypeError, ValueError) as exc:
        reason = str(exc)
    raise RecordError(f"not valid JSON: {reason}", nct_id=nct_id)
