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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

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
    is_real_date,
    json_type,
    parse_age,
    preview,
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
# Typed access to untrusted JSON
# ---------------------------------------------------------------------------

T = TypeVar("T")

_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    bool: "true or false",
    dict: "an object",
    list: "a list",
}


# Control characters other than tab and newlines (NUL cannot even be stored in
# PostgreSQL), and the bidirectional embedding/override/isolate controls, which can make
# text display in an order other than the one it is stored in. Nothing legitimate in
# registry text needs them.
_UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_WHITESPACE = re.compile(r"\s+")

# Longest text taken from one field. Short fields hold names and titles (a page title
# holds 255 characters); long ones are summaries and eligibility criteria, far below
# this in real records (the registry itself caps them at 5,000 and 20,000).
SHORT_TEXT_LIMIT = 255
LONG_TEXT_LIMIT = 20_000
# Longest list taken from one field (conditions, keywords, sites …) and the largest
# record, as JSON: real records with results are well under a megabyte.
LIST_LIMIT = 1_000
CHILDREN_LIMIT = 5_000  # sites of the largest multi-center trials
RECORD_BYTES_LIMIT = 4 * 1024 * 1024


def _clean(text: str) -> str:
    return _UNSAFE_CHARACTERS.sub("", text).strip()


def _one_line(text: str) -> str:
    """Titles and names: one line, single spaces."""
    return _WHITESPACE.sub(" ", text)


@dataclass(frozen=True)
class _Node:
    """A JSON object at a known dotted path, with typed getters.

    Every read goes through :meth:`get`, so every wrong type is reported the
    same way, naming the full path. ``null`` is treated as absent.
    """

    data: Mapping[str, Any]
    path: str
    nct_id: str | None

    def error(self, field: str, message: str) -> RecordError:
        return RecordError(message, nct_id=self.nct_id, field=field)

    def _join(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key_path: str, kind: type[T]) -> T | None:
        """The value at ``key_path`` (dotted, relative), or None if absent."""
        value: Any = self.data
        path = self.path
        keys = key_path.split(".")
        for index, key in enumerate(keys):
            path = f"{path}.{key}" if path else key
            value = value.get(key)
            if value is None:
                return None
            expected = kind if index == len(keys) - 1 else dict
            if not isinstance(value, expected):
                raise self.error(
                    path,
                    f"must be {_TYPE_NAMES[expected]} (got {json_type(value)})",
                )
        return value

    def text(
        self,
        key_path: str,
        *,
        required: bool = False,
        max_length: int = SHORT_TEXT_LIMIT,
        one_line: bool | None = None,
    ) -> str:
        """The text at ``key_path``, cleaned; on one line if ``one_line`` (the
        default for short fields: names, titles)."""
        value = _clean(self.get(key_path, str) or "")
        if one_line or (one_line is None and max_length <= SHORT_TEXT_LIMIT):
            value = _one_line(value)
        if required and not value:
            raise self.error(self._join(key_path), "is missing or empty")
        if len(value) > max_length:
            raise self.error(
                self._join(key_path),
                f"is {len(value):,} characters long; at most {max_length:,} are taken",
            )
        return value

    def choice(
        self, key_path: str, choices: Iterable[str], *, required: bool = False
    ) -> str:
        value = self.text(key_path, required=required)
        if value and value not in choices:
            raise self.error(self._join(key_path), _not_one_of(choices, value))
        return value

    def flag(self, key_path: str) -> bool | None:
        return self.get(key_path, bool)

    def date(self, key_path: str) -> str:
        value = self.text(key_path)
        if value and not is_real_date(value):
            raise self.error(
                self._join(key_path),
                f"must be a real date like '2025-03-01' or '2025-03' "
                f"(got {preview(value)})",
            )
        return value

    def texts(self, key_path: str) -> tuple[str, ...]:
        """A list of strings: stripped, empty ones dropped, de-duplicated."""
        items = self.get(key_path, list) or []
        path = self._join(key_path)
        if len(items) > LIST_LIMIT:
            raise self.error(
                path, f"has {len(items):,} entries; at most {LIST_LIMIT:,} are taken"
            )
        values = []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self.error(
                    f"{path}[{index}]", f"must be a string (got {json_type(item)})"
                )
            value = _one_line(_clean(item))
            if len(value) > SHORT_TEXT_LIMIT:
                raise self.error(
                    f"{path}[{index}]",
                    f"is {len(value):,} characters long; at most "
                    f"{SHORT_TEXT_LIMIT:,} are taken",
                )
            values.append(value)
        return _unique(values)

    def children(self, key_path: str) -> list[_Node]:
        """A list of objects, each as a :class:`_Node` with an indexed path."""
        items = self.get(key_path, list) or []
        path = self._join(key_path)
        if len(items) > CHILDREN_LIMIT:
            raise self.error(
                path,
                f"has {len(items):,} entries; at most {CHILDREN_LIMIT:,} are taken",
            )
        nodes = []
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                raise self.error(
                    item_path, f"must be an object (got {json_type(item)})"
                )
            nodes.append(_Node(item, item_path, self.nct_id))
        return nodes

    def age(self, key_path: str) -> Age | None:
        text = self.text(key_path)
        if not text:
            return None
        return parse_age(text, nct_id=self.nct_id, field=self._join(key_path))


def _not_one_of(choices: Iterable[str], got: str) -> str:
    return f"must be one of {', '.join(choices)} (got {preview(got)})"


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """Drop empty strings and case-insensitive repeats, keeping first spelling."""
    seen: set[str] = set()
    result = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            result.append(value)
    return tuple(result)


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
