"""Parse and validate ClinicalTrials.gov API v2 study records.

This module turns one study record (a dict, as from ``json.load``) into an
immutable :class:`StudyRecord`, or rejects the whole record with a
:class:`RecordError` that names the study and the dotted field path.

It deliberately imports nothing from Django so it can be tested on records
alone. Registry text is untrusted: it is kept as plain, stripped strings and
never turned into HTML here; escaping is the templates' job.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

__all__ = [
    "AGE_UNITS",
    "MAX_RESPONSE_BYTES",
    "NCT_ID_RE",
    "OPEN_STATUSES",
    "OVERALL_STATUS_LABELS",
    "PHASE_LABELS",
    "SEX_VALUES",
    "STUDY_TYPE_LABELS",
    "Age",
    "Contact",
    "Location",
    "RecordError",
    "StudyRecord",
    "describe_age_range",
    "fetch_study",
    "iter_studies",
    "load_json",
    "parse_age",
    "parse_study",
    "validate_nct_id",
]


class RecordError(ValueError):
    """A study record that does not fit.

    ``str()`` is a full sentence naming the study (or "Study record" when the
    NCT ID is unknown) and, where there is one, the dotted field path, e.g.
    ``NCT09990001: protocolSection.statusModule.overallStatus must be one of
    ... (got 'OPEN')``.
    """

    def __init__(
        self, message: str, *, nct_id: str | None = None, field: str | None = None
    ):
        self.message = message
        self.nct_id = nct_id
        self.field = field
        subject = nct_id or "Study record"
        where = f"{field} " if field else ""
        super().__init__(f"{subject}: {where}{message}")


# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

# ClinicalTrials.gov overall status → schema.org MedicalStudyStatus, for JSON-LD.
# Statuses with no equivalent (expanded-access availability, WITHHELD, UNKNOWN) are
# left out, not guessed.
SCHEMA_STUDY_STATUS = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "NotYetRecruiting",
    "ENROLLING_BY_INVITATION": "EnrollingByInvitation",
    "ACTIVE_NOT_RECRUITING": "ActiveNotRecruiting",
    "COMPLETED": "Completed",
    "SUSPENDED": "Suspended",
    "TEMPORARILY_NOT_AVAILABLE": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
}

NCT_ID_RE = re.compile(r"^NCT\d{8}$")

OVERALL_STATUS_LABELS: dict[str, str] = {
    "ACTIVE_NOT_RECRUITING": "Active, not taking new patients",
    "COMPLETED": "Completed",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation only",
    "NOT_YET_RECRUITING": "Not yet open",
    "RECRUITING": "Open to new patients",
    "SUSPENDED": "Paused (suspended)",
    "TERMINATED": "Stopped early (terminated)",
    "WITHDRAWN": "Withdrawn before it started",
    "AVAILABLE": "Available (expanded access)",
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
    "UNKNOWN": "Status unknown",
}

# Statuses under which a family can ask about joining now. NOT_YET_RECRUITING
# is left out on purpose: the study has not started taking anyone, and showing
# it as "open" would send families to a study they cannot join yet.
# ENROLLING_BY_INVITATION is in: it is enrolling, though only people invited.
OPEN_STATUSES: frozenset[str] = frozenset(
    {"RECRUITING", "ENROLLING_BY_INVITATION", "AVAILABLE"}
)

PHASE_LABELS: dict[str, str] = {
    "NA": "Not applicable",
    "EARLY_PHASE1": "Early phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
}

STUDY_TYPE_LABELS: dict[str, str] = {
    "INTERVENTIONAL": "Interventional (tests a treatment)",
    "OBSERVATIONAL": "Observational (no study treatment)",
    "EXPANDED_ACCESS": "Expanded access",
}

SEX_VALUES: frozenset[str] = frozenset({"ALL", "FEMALE", "MALE"})

# Units as the v2 API spells them; "1 Year", "1 Month" (singular) also occur.
AGE_UNITS: tuple[str, ...] = ("Years", "Months", "Weeks", "Days", "Hours", "Minutes")

_MONTHS_PER_YEAR = Decimal(12)
_DAYS_PER_YEAR = Decimal("365.25")
# Canonical singular unit -> months in one unit (kept as fractions of Decimals
# so the result is exact until the final quantize).
_MONTHS_PER_UNIT: dict[str, Decimal] = {
    "year": _MONTHS_PER_YEAR,
    "month": Decimal(1),
    "week": _MONTHS_PER_YEAR / Decimal(52),
    "day": _MONTHS_PER_YEAR / _DAYS_PER_YEAR,
    "hour": _MONTHS_PER_YEAR / (_DAYS_PER_YEAR * 24),
    "minute": _MONTHS_PER_YEAR / (_DAYS_PER_YEAR * 24 * 60),
}
_MONTHS_QUANTUM = Decimal("0.001")

# A count of at most 6 digits covers "525600 Minutes" and keeps absurd input
# from becoming a huge integer.
_AGE_RE = re.compile(r"^(\d{1,6})\s+([a-z]+)$", re.IGNORECASE)

# The v2 API's PartialDate/NormalizedDate: "2025", "2025-03" or "2025-03-01".
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

_DEFAULT_TIMEOUT = 20.0
# Even study records with posted results are far below this; the cap stops a
# misbehaving server from filling memory.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


# ---------------------------------------------------------------------------
# NCT IDs and names
# ---------------------------------------------------------------------------


def validate_nct_id(value: str, *, field: str = "nct_id") -> str:
    """Return ``value`` stripped and upper-cased, or raise if it is no NCT ID."""
    if not isinstance(value, str):
        raise RecordError(
            f"must be a string like 'NCT01234567' (got {_json_type(value)})",
            field=field,
        )
    normalised = value.strip().upper()
    if not normalised:
        raise RecordError("is missing or empty", field=field)
    if not NCT_ID_RE.match(normalised):
        raise RecordError(
            f"must be 'NCT' followed by 8 digits (got {_preview(value)})",
            field=field,
        )
    return normalised


# ---------------------------------------------------------------------------
# Ages
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Age:
    """An age limit such as "6 Months": a count and a canonical singular unit."""

    value: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in _MONTHS_PER_UNIT:
            raise ValueError(f"unknown age unit {self.unit!r}")
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError(f"age value must be an int (got {self.value!r})")
        if self.value < 0:
            raise ValueError(f"age value must not be negative (got {self.value})")

    @property
    def months(self) -> Decimal:
        """The age in months, to 3 decimal places, for comparing and filtering."""
        exact = self.value * _MONTHS_PER_UNIT[self.unit]
        return exact.quantize(_MONTHS_QUANTUM, rounding=ROUND_HALF_UP)

    def __str__(self) -> str:
        unit = self.unit if self.value == 1 else f"{self.unit}s"
        return f"{self.value} {unit}"

    @property
    def registry_text(self) -> str:
        """The age as the registry writes it and trial pages store it: "6 Months"."""
        return str(self).title()


def _canonical_unit(word: str) -> str | None:
    singular = word.lower().removesuffix("s")
    return singular if singular in _MONTHS_PER_UNIT else None


def parse_age(text: str, *, nct_id: str | None = None, field: str | None = None) -> Age:
    """Parse "6 Months", "1 Year", "21 years" (any case) into an :class:`Age`."""
    if isinstance(text, str):
        match = _AGE_RE.match(text.strip())
        unit = _canonical_unit(match.group(2)) if match else None
        if match and unit:
            return Age(int(match.group(1)), unit)
    detail = (
        "must be a whole number and a unit like '6 Months' or '21 Years' "
        f"(got {_preview(text)})"
    )
    if field is None:
        raise RecordError(f"age {detail}", nct_id=nct_id)
    raise RecordError(detail, nct_id=nct_id, field=field)


def describe_phases(phases: Iterable[str]) -> str:
    """Combined phases as "Phase 1/2"; "Not applicable" for NA; "" for none."""
    phases = tuple(phases)
    numbered = all(phase.startswith("PHASE") for phase in phases)
    if numbered and len(phases) > 1:
        # The registry's combined phases: PHASE1 + PHASE2 -> "Phase 1/2".
        return "Phase " + "/".join(p.removeprefix("PHASE") for p in phases)
    return " / ".join(PHASE_LABELS.get(phase, phase) for phase in phases)


def describe_age_range(minimum: Age | None, maximum: Age | None) -> str:
    """Say an age range as people do: "6 months to 21 years", "All ages"..."""
    # A minimum of zero is no limit at all; "Up to 18 years" reads better
    # than "0 years to 18 years".
    if minimum is not None and minimum.value == 0:
        minimum = None
    if minimum and maximum:
        return f"{minimum} to {maximum}"
    if minimum:
        return f"{minimum} and older"
    if maximum:
        return f"Up to {maximum}"
    return "All ages"


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


def _json_type(value: object) -> str:
    """Name a value's JSON type for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _preview(value: object, limit: int = 60) -> str:
    """repr() of untrusted input, cut short so messages stay readable."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _clean(text: str) -> str:
    # NUL cannot be stored in PostgreSQL text columns; nothing legitimate
    # in registry text needs it.
    return text.replace("\x00", "").strip()


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
                    f"must be {_TYPE_NAMES[expected]} (got {_json_type(value)})",
                )
        return value

    def text(self, key_path: str, *, required: bool = False) -> str:
        value = _clean(self.get(key_path, str) or "")
        if required and not value:
            raise self.error(self._join(key_path), "is missing or empty")
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
        if value and not _DATE_RE.match(value):
            raise self.error(
                self._join(key_path),
                f"must be a date like '2025-03-01' (got {_preview(value)})",
            )
        return value

    def texts(self, key_path: str) -> tuple[str, ...]:
        """A list of strings: stripped, empty ones dropped, de-duplicated."""
        items = self.get(key_path, list) or []
        path = self._join(key_path)
        values = []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self.error(
                    f"{path}[{index}]", f"must be a string (got {_json_type(item)})"
                )
            values.append(_clean(item))
        return _unique(values)

    def children(self, key_path: str) -> list[_Node]:
        """A list of objects, each as a :class:`_Node` with an indexed path."""
        items = self.get(key_path, list) or []
        path = self._join(key_path)
        nodes = []
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                raise self.error(
                    item_path, f"must be an object (got {_json_type(item)})"
                )
            nodes.append(_Node(item, item_path, self.nct_id))
        return nodes

    def age(self, key_path: str) -> Age | None:
        text = self.text(key_path)
        if not text:
            return None
        return parse_age(text, nct_id=self.nct_id, field=self._join(key_path))


def _not_one_of(choices: Iterable[str], got: str) -> str:
    return f"must be one of {', '.join(choices)} (got {_preview(got)})"


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
        raise RecordError(f"the record must be a JSON object (got {_json_type(data)})")
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

    return StudyRecord(
        nct_id=nct_id,
        brief_title=protocol.text("identificationModule.briefTitle", required=True),
        official_title=protocol.text("identificationModule.officialTitle"),
        acronym=protocol.text("identificationModule.acronym"),
        organization=protocol.text("identificationModule.organization.fullName"),
        overall_status=protocol.choice(
            "statusModule.overallStatus", OVERALL_STATUS_LABELS, required=True
        ),
        phases=phases,
        study_type=protocol.choice("designModule.studyType", STUDY_TYPE_LABELS),
        brief_summary=protocol.text("descriptionModule.briefSummary"),
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
        eligibility_criteria=protocol.text("eligibilityModule.eligibilityCriteria"),
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
    phone = first.text("phone")
    extension = first.text("phoneExt")
    if phone and extension:
        phone = f"{phone} ext. {extension}"
    return Contact(name=first.text("name"), phone=phone, email=first.text("email"))


def _read_location(node: _Node) -> Location:
    return Location(
        facility=node.text("facility"),
        city=node.text("city"),
        state=node.text("state"),
        country=node.text("country"),
        status=node.text("status"),
    )


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
                    f"must be a list (got {_json_type(studies)})", field="studies"
                )
            return list(studies)
    raise RecordError(
        f"the JSON payload ({_json_type(payload)}) is neither a study record "
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


Opener = Callable[[str, float], tuple[int, bytes]]


def _urllib_opener(url: str, timeout: float) -> tuple[int, bytes]:
    """GET ``url`` with urllib; HTTP error statuses are returned, not raised."""
    # The URL is built from settings.CTGOV_API_BASE_URL and a validated NCT ID.
    request = urllib.request.Request(  # noqa: S310
        url,
        headers={"Accept": "application/json", "User-Agent": "ctgov-parser/1"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            # Read one byte past the cap so fetch_study can tell it was hit.
            return response.status, response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, b""


def fetch_study(
    nct_id: str,
    *,
    base_url: str,
    timeout: float = _DEFAULT_TIMEOUT,
    opener: Opener | None = None,
) -> dict:
    """GET one study record from the v2 API as a dict.

    ``base_url`` is like "https://clinicaltrials.gov/api/v2". ``opener`` is
    ``callable(url, timeout) -> (status, body)``, injectable so tests never
    touch the network. Every failure becomes a :class:`RecordError` naming
    the study.
    """
    nct_id = validate_nct_id(nct_id)
    url = f"{base_url.rstrip('/')}/studies/{nct_id}"
    open_url = opener or _urllib_opener
    try:
        status, body = open_url(url, timeout)
    except TimeoutError:
        raise RecordError(
            f"could not fetch {url}: timed out after {timeout:g} seconds",
            nct_id=nct_id,
        ) from None
    except urllib.error.URLError as exc:
        raise RecordError(
            f"could not fetch {url}: {exc.reason}", nct_id=nct_id
        ) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise RecordError(f"could not fetch {url}: {exc}", nct_id=nct_id) from exc
    if status != 200:
        raise RecordError(f"could not fetch {url}: HTTP {status}", nct_id=nct_id)
    if len(body) > MAX_RESPONSE_BYTES:
        raise RecordError(
            f"could not fetch {url}: response larger than {MAX_RESPONSE_BYTES} bytes",
            nct_id=nct_id,
        )
    data = load_json(body, nct_id=nct_id)
    if not isinstance(data, dict):
        raise RecordError(
            f"could not fetch {url}: expected a study object (got {_json_type(data)})",
            nct_id=nct_id,
        )
    return data
