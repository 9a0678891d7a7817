"""What an import did to each study, in words an editor can act on, and the
rejections: every problem becomes a "rejected" result naming the study and the field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from ..models import ClinicalTrialPage
from . import values

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
REJECTED = "rejected"
# Not tried: the run reached its time limit first (a slow registry); the next run will.
SKIPPED = "skipped"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REJECTED, SKIPPED)

# Where each registry-written page field comes from, so a value the page cannot
# hold is reported against the registry field an editor can look up.
_P = "protocolSection."
REGISTRY_PATHS: dict[str, str] = {
    "title": _P + "identificationModule.briefTitle",
    "official_title": _P + "identificationModule.officialTitle",
    "acronym": _P + "identificationModule.acronym",
    "brief_summary": _P + "descriptionModule.briefSummary",
    "overall_status": _P + "statusModule.overallStatus",
    "study_type": _P + "designModule.studyType",
    "minimum_age": _P + "eligibilityModule.minimumAge",
    "maximum_age": _P + "eligibilityModule.maximumAge",
    "sex": _P + "eligibilityModule.sex",
    "eligibility_criteria": _P + "eligibilityModule.eligibilityCriteria",
    "registry_conditions": _P + "conditionsModule.conditions",
    "registry_keywords": _P + "conditionsModule.keywords",
    "lead_sponsor": _P + "sponsorCollaboratorsModule.leadSponsor.name",
    "collaborators": _P + "sponsorCollaboratorsModule.collaborators",
    "principal_investigator": _P + "contactsLocationsModule.overallOfficials",
    "contact_name": _P + "contactsLocationsModule.centralContacts[0].name",
    "contact_phone": _P + "contactsLocationsModule.centralContacts[0].phone",
    "contact_email": _P + "contactsLocationsModule.centralContacts[0].email",
    "start_date": _P + "statusModule.startDateStruct.date",
    "registry_last_updated": _P + "statusModule.lastUpdatePostDateStruct.date",
    "phases": _P + "designModule.phases",
}


@dataclass
class ImportResult:
    """What happened to one study, in words an editor can act on."""

    nct_id: str  # "" when unknown
    outcome: str  # "created" | "updated" | "unchanged" | "rejected" | "skipped"
    message: str
    page: ClinicalTrialPage | None = None
    draft_kept: bool = False  # saved as a revision only: editors have a draft
    changed_fields: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome not in (REJECTED, SKIPPED)


def summarise(results: Iterable[ImportResult]) -> str:
    """One line for the end of a run: "3 studies: 1 created, 2 rejected."."""
    results = list(results)
    counts = dict.fromkeys(OUTCOMES, 0)
    for result in results:
        counts[result.outcome] += 1
    noun = "study" if len(results) == 1 else "studies"
    parts = [f"{count} {outcome}" for outcome, count in counts.items() if count]
    return f"{len(results)} {noun}: {', '.join(parts) or 'nothing to do'}."


# ---------------------------------------------------------------------------
# Rejections
# ---------------------------------------------------------------------------


def detail(error: values.RecordError) -> str:
    detail = f"{error.field} {error.message}" if error.field else error.message
    return detail.rstrip(". ")


def rejected(error: values.RecordError, *, label: str) -> ImportResult:
    return rejected_text(error.nct_id or "", label, detail(error))


def rejected_text(nct_id: str, label: str, detail: str) -> ImportResult:
    subject = nct_id or label
    detail = detail.rstrip(". ")
    return ImportResult(
        nct_id=nct_id,
        outcome=REJECTED,
        message=f"Rejected {subject}: {detail}. Nothing was saved for this study.",
    )


def not_an_nct_id(raw: object) -> ImportResult:
    shown = repr(raw) if len(repr(raw)) <= 40 else repr(raw)[:37] + "..."
    return ImportResult(
        nct_id="",
        outcome=REJECTED,
        message=f"Rejected {shown}: it is not an NCT ID (“NCT” followed by 8 digits, "
        "e.g. NCT01234567). Nothing was fetched.",
    )


def describe_validation(error: ValidationError) -> str:
    """A page validation error, with model fields named as registry fields."""
    if not hasattr(error, "error_dict"):
        return f"the page could not be saved: {' '.join(error.messages)}"
    parts = []
    for name, errors in error.message_dict.items():
        where = REGISTRY_PATHS.get(name, name)
        parts.append(f"{where}: {' '.join(errors)}")
    return "the page could not be saved: " + "; ".join(parts)
