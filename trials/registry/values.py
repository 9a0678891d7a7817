"""The registry's values: NCT IDs, statuses, phases, study types and ages.

What a ClinicalTrials.gov v2 value means and how families read it ("Phase 2",
"6 months to 21 years"), and ``RecordError``, the one error every registry problem
becomes: a sentence naming the study and the dotted field path. No Django here but
its translation functions: the labels families read are said in the page's language.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, ngettext

# Labels families read are translated when shown (lazily: these are module constants).
_ = gettext_lazy
StrOrPromise = str | Promise

# Untrusted input in messages: its JSON type, and a short repr of it.


def json_type(value: object) -> str:
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


def preview(value: object, limit: int = 60) -> str:
    """repr() of untrusted input, cut short so messages stay readable."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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

# ASCII digits only: \d would also take Arabic-Indic or fullwidth digits.
NCT_ID_RE = re.compile(r"^NCT[0-9]{8}$")

OVERALL_STATUS_LABELS: dict[str, StrOrPromise] = {
    "ACTIVE_NOT_RECRUITING": _("Active, not taking new patients"),
    "COMPLETED": _("Completed"),
    "ENROLLING_BY_INVITATION": _("Enrolling by invitation only"),
    "NOT_YET_RECRUITING": _("Not yet open"),
    "RECRUITING": _("Open to new patients"),
    "SUSPENDED": _("Paused (suspended)"),
    "TERMINATED": _("Stopped early (terminated)"),
    "WITHDRAWN": _("Withdrawn before it started"),
    "AVAILABLE": _("Available (expanded access)"),
    "NO_LONGER_AVAILABLE": _("No longer available"),
    "TEMPORARILY_NOT_AVAILABLE": _("Temporarily not available"),
    "APPROVED_FOR_MARKETING": _("Approved for marketing"),
    "WITHHELD": _("Withheld"),
    "UNKNOWN": _("Status unknown"),
}

# Statuses under which a family can ask about joining now. NOT_YET_RECRUITING
# is left out on purpose: the study has not started taking anyone, and showing
# it as "open" would send families to a study they cannot join yet.
# ENROLLING_BY_INVITATION is in: it is enrolling, though only people invited.
OPEN_STATUSES: frozenset[str] = frozenset(
    {"RECRUITING", "ENROLLING_BY_INVITATION", "AVAILABLE"}
)

PHASE_LABELS: dict[str, StrOrPromise] = {
    "NA": _("Not applicable"),
    "EARLY_PHASE1": _("Early phase 1"),
    "PHASE1": _("Phase 1"),
    "PHASE2": _("Phase 2"),
    "PHASE3": _("Phase 3"),
    "PHASE4": _("Phase 4"),
}

STUDY_TYPE_LABELS: dict[str, StrOrPromise] = {
    "INTERVENTIONAL": _("Interventional (tests a treatment)"),
    "OBSERVATIONAL": _("Observational (no study treatment)"),
    "EXPANDED_ACCESS": _("Expanded access"),
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
_DATE_RE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
# Registry dates are from the 20th century on; estimated ones reach a few decades on.
DATE_YEARS = range(1900, 2200)


def is_real_date(text: str) -> bool:
    """Whether a PartialDate/NormalizedDate ("2025", "2025-03", "2025-03-01") names a
    day, month or year that exists (not "2025-13" or "9999-99-99")."""
    if not _DATE_RE.match(text):
        return False
    parts = [int(part) for part in text.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    if year not in DATE_YEARS:
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# NCT IDs and names
# ---------------------------------------------------------------------------


def validate_nct_id(value: str, *, field: str = "nct_id") -> str:
    """Return ``value`` stripped and upper-cased, or raise if it is no NCT ID."""
    if not isinstance(value, str):
        raise RecordError(
            f"must be a string like 'NCT01234567' (got {json_type(value)})",
            field=field,
        )
    normalised = value.strip().upper()
    if not normalised:
        raise RecordError("is missing or empty", field=field)
    if not NCT_ID_RE.match(normalised):
        raise RecordError(
            f"must be 'NCT' followed by 8 digits (got {preview(value)})",
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

    def spoken(self) -> str:
        """The age as families read it, in the active language: "6 months",
        "6 meses"."""
        return _SPOKEN_UNITS[self.unit](self.value) % {"n": self.value}

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
        f"(got {preview(text)})"
    )
    if field is None:
        raise RecordError(f"age {detail}", nct_id=nct_id)
    raise RecordError(detail, nct_id=nct_id, field=field)


# Each unit said in the active language, singular or plural (written out in full so
# makemessages finds every phrase).
_SPOKEN_UNITS = {
    "year": lambda n: ngettext("%(n)s year", "%(n)s years", n),
    "month": lambda n: ngettext("%(n)s month", "%(n)s months", n),
    "week": lambda n: ngettext("%(n)s week", "%(n)s weeks", n),
    "day": lambda n: ngettext("%(n)s day", "%(n)s days", n),
    "hour": lambda n: ngettext("%(n)s hour", "%(n)s hours", n),
    "minute": lambda n: ngettext("%(n)s minute", "%(n)s minutes", n),
}


def describe_phases(phases: Iterable[str]) -> str:
    """Combined phases as "Phase 1/2"; "Not applicable" for NA; "" for none."""
    phases = tuple(phases)
    numbered = all(phase.startswith("PHASE") for phase in phases)
    if numbered and len(phases) > 1:
        # The registry's combined phases: PHASE1 + PHASE2 -> "Phase 1/2".
        numbers = "/".join(p.removeprefix("PHASE") for p in phases)
        return gettext("Phase %(numbers)s") % {"numbers": numbers}
    return " / ".join(str(PHASE_LABELS.get(phase, phase)) for phase in phases)


def describe_age_range(minimum: Age | None, maximum: Age | None) -> str:
    """Say an age range as people do: "6 months to 21 years", "All ages"..."""
    # A minimum of zero is no limit at all; "Up to 18 years" reads better
    # than "0 years to 18 years".
    if minimum is not None and minimum.value == 0:
        minimum = None
    if minimum and maximum:
        return gettext("%(minimum)s to %(maximum)s") % {
            "minimum": minimum.spoken(),
            "maximum": maximum.spoken(),
        }
    if minimum:
        return gettext("%(minimum)s and older") % {"minimum": minimum.spoken()}
    if maximum:
        return gettext("Up to %(maximum)s") % {"maximum": maximum.spoken()}
    return gettext("All ages")
