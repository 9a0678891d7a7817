"""Write ClinicalTrials.gov study records to ClinicalTrialPages.

:mod:`trials.ctgov` parses and validates a record; this module decides what
that record means for the page tree and writes it, one study per database
transaction. The rules, for editors and for whoever changes this code:

- **Registry fields** (title, official title, acronym, brief summary, status,
  phases, study type, ages, sex, full eligibility, registry conditions and
  keywords, sponsor, collaborators, principal investigator, contact, dates)
  are written on every import. The page title is the registry's brief title
  and is kept in sync with it: ClinicalTrials.gov writes brief titles for the
  public, and one title per trial keeps the registry, the admin and the site
  telling the same story. What families need in plainer words goes in the
  family summary.
- **Staff fields** are never overwritten: the family summary, the short
  eligibility line, the card summary (filled once, on create, from the brief
  summary), the condition links, the collaborative group once chosen, the slug
  and the medical review fields.
- **Condition links** are added, never removed, by an import. On create every
  matching condition page is linked; on update only registry condition names
  and keywords that are new since the last import add links, so a link staff
  removed stays removed. See :class:`ConditionMatcher` for the matching rule.
- **Publishing**: a new page is published at once. An update is saved as a
  new revision and published only when the page had no unpublished changes;
  otherwise the revision is kept as a draft (it includes the editors' draft)
  and the result says so. A page that is not live is never published here.
  The ``trials.import_trials`` permission is what allows publishing registry
  facts, so publishing skips the page-level publish permission check.
- **Unchanged**: when the record matches what the page (or its draft) already
  holds, nothing is written at all, not even ``last_synced_at``: the page's
  "last updated from the registry" date is when registry data last changed it.
- **Bad input** never raises: every problem becomes a "rejected" result whose
  message names the study and the field, and nothing of that study is saved.
"""

from __future__ import annotations

import functools
import logging
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from conditions.models import ConditionPage
from conditions.names import TITLE, condition_names, fold_name, title_variants

from . import ctgov
from .models import ClinicalTrialPage, CollaborativeGroup, Phase, TrialListingPage

__all__ = [
    "CREATED",
    "REJECTED",
    "UNCHANGED",
    "UPDATED",
    "ConditionMatcher",
    "GroupMatcher",
    "ImportResult",
    "default_fetch",
    "import_nct_ids",
    "import_payload",
    "import_record",
    "summarise",
    "summary_from",
    "sync_all",
]

logger = logging.getLogger(__name__)

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
REJECTED = "rejected"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REJECTED)

Fetch = Callable[[str], object]

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
    outcome: str  # "created" | "updated" | "unchanged" | "rejected"
    message: str
    page: ClinicalTrialPage | None = None
    draft_kept: bool = False  # saved as a revision only: editors have a draft
    changed_fields: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome != REJECTED


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


def import_record(
    data: object, *, listing: TrialListingPage | None = None, user=None
) -> ImportResult:
    """Import one study record (a dict from the v2 API) into a page."""
    return _Batch(listing=listing, user=user).run(data)


def import_payload(payload: object, *, listing=None, user=None) -> list[ImportResult]:
    """Import one study, a ``/studies`` page or a list of studies.

    ``payload`` is parsed JSON, or the JSON text or bytes themselves. Each
    study is imported in its own transaction.
    """
    try:
        if isinstance(payload, (str, bytes, bytearray)):
            payload = ctgov.load_json(payload)
        studies = ctgov.iter_studies(payload)
    except ctgov.RecordError as error:
        return [
            ImportResult(
                nct_id="",
                outcome=REJECTED,
                message=f"Rejected the data: {_detail(error)}. Nothing was imported.",
            )
        ]
    batch = _Batch(listing=listing, user=user)
    if len(studies) == 1:
        return [batch.run(studies[0])]
    return [
        batch.run(study, label=f"study record {number} of {len(studies)}")
        for number, study in enumerate(studies, start=1)
    ]


def import_nct_ids(
    nct_ids: Iterable[str], *, listing=None, user=None, fetch: Fetch | None = None
) -> list[ImportResult]:
    """Fetch each study from the registry by NCT ID and import it.

    ``fetch(nct_id) -> dict`` defaults to :func:`default_fetch`; tests pass
    their own so nothing touches the network. Repeated IDs are imported once.
    """
    fetch = fetch or default_fetch
    batch = _Batch(listing=listing, user=user)
    results: list[ImportResult] = []
    seen: set[str] = set()
    for raw in nct_ids:
        try:
            nct_id = ctgov.validate_nct_id(raw)
        except ctgov.RecordError:
            results.append(_not_an_nct_id(raw))
            continue
        if nct_id in seen:
            continue
        seen.add(nct_id)
        results.append(_fetch_and_import(nct_id, fetch, batch))
    return results


def sync_all(*, user=None, fetch: Fetch | None = None) -> list[ImportResult]:
    """Re-import every trial page that came from the registry (for a nightly cron).

    Pages staff made by hand (never synced) are left alone.
    """
    nct_ids = (
        ClinicalTrialPage.objects.filter(last_synced_at__isnull=False)
        .order_by("nct_id")
        .values_list("nct_id", flat=True)
    )
    return import_nct_ids(list(nct_ids), user=user, fetch=fetch)


def default_fetch(nct_id: str) -> dict:
    """GET one study from the registry at ``settings.CTGOV_API_BASE_URL``."""
    return ctgov.fetch_study(nct_id, base_url=settings.CTGOV_API_BASE_URL)


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
# Matching registry names to condition pages and groups
# ---------------------------------------------------------------------------


class ConditionMatcher:
    """Every condition page's names, loaded once per batch of studies.

    A condition page matches a registry condition name or keyword when, after
    :func:`conditions.names.fold_name` (case, accents, punctuation and plural "s"
    folded, as site search folds them), one of its names in
    :mod:`conditions.names` (the title and its parts in and out of brackets, the
    short name, each also-known-as name, each type such as "Insulinoma", and the
    editors' search synonyms):

    1. equals the registry name ("Carcinoid Tumor" = alias "carcinoid tumors"),
    2. or appears in it as whole words ("Pancreatic Neuroendocrine Tumor"
       contains "neuroendocrine tumor"), provided the name is at least
       ``MIN_CONTAINED_LENGTH`` characters long, so acronyms such as "ALL" or
       "NET" only ever match exactly ("All Solid Tumors" is not "ALL"), and the
       word before it is not "non" ("Non-Hodgkin Lymphoma" is not "Hodgkin
       lymphoma").

    Only that direction: a general registry name ("Neuroendocrine Tumors")
    does not match a more specific page ("Pancreatic NETs"). Live and draft
    condition pages both match, so links are ready when a page is published.
    """

    MIN_CONTAINED_LENGTH = 5

    def __init__(self, names: dict[str, set[int]], pages: dict[int, object]):
        self.names = names  # normalised name -> condition page ids
        self.pages = pages  # id -> ConditionPage (light: id and title only)

    @classmethod
    def load(cls) -> ConditionMatcher:
        """Every name of every condition page, live or draft (conditions/names.py)."""
        titles, all_names = condition_names(live_only=False)
        by_name: dict[str, set[int]] = defaultdict(set)
        for name in all_names:
            variants = title_variants(name.text) if name.kind == TITLE else [name.text]
            for variant in variants:
                if folded := fold_name(variant):
                    by_name[folded].add(name.condition_id)
        pages = {pk: ConditionPage(pk=pk, title=title) for pk, title in titles.items()}
        return cls(dict(by_name), pages)

    def match_ids(self, registry_names: Iterable[str]) -> set[int]:
        ids: set[int] = set()
        for registry_name in registry_names:
            folded = fold_name(registry_name)
            if not folded:
                continue
            for name, page_ids in self.names.items():
                if name == folded or self._contains(folded, name):
                    ids |= page_ids
        return ids

    def match(self, registry_names: Iterable[str]) -> list:
        """The condition pages (light instances) matching any of the names."""
        return [self.pages[pk] for pk in sorted(self.match_ids(registry_names))]

    @classmethod
    def _contains(cls, folded: str, name: str) -> bool:
        if len(name) < cls.MIN_CONTAINED_LENGTH:
            return False
        padded, needle = f" {folded} ", f" {name} "
        start = padded.find(needle)
        while start != -1:
            if not padded[:start].endswith(" non"):
                return True
            start = padded.find(needle, start + 1)
        return False


class GroupMatcher:
    """Collaborative groups by every name the registry may use for them.

    A group matches a sponsor or collaborator whose normalised name equals the
    group's name, short name or one of its "registry names" lines. The lead
    sponsor is tried first, then the collaborators in registry order.
    """

    def __init__(self, names: dict[str, int]):
        self.names = names

    @classmethod
    def load(cls) -> GroupMatcher:
        names: dict[str, int] = {}
        for group in CollaborativeGroup.objects.order_by("name"):
            spellings = [
                group.name,
                group.short_name,
                *group.registry_names.splitlines(),
            ]
            for spelling in spellings:
                # setdefault: when two groups claim a name, the first A–Z wins,
                # the same way every time.
                if name := fold_name(spelling):
                    names.setdefault(name, group.pk)
        return cls(names)

    def match(self, organisations: Iterable[str]) -> int | None:
        for organisation in organisations:
            if group_id := self.names.get(fold_name(organisation)):
                return group_id
        return None


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, with "…"."""
    return textwrap.shorten(text, limit, placeholder="…")


def summary_from(text: str, limit: int | None = None) -> str:
    """A card summary from the registry's brief summary: whole sentences that fit.

    Falls back to cutting at a word boundary when even the first sentence is
    too long.
    """
    limit = limit or ClinicalTrialPage._meta.get_field("summary").max_length
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    summary = ""
    for sentence in _SENTENCE_END_RE.split(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            break
        summary = candidate
    return summary or shorten(text, limit)


def registry_values(record: ctgov.StudyRecord) -> dict[str, object]:
    """The page fields a registry import owns, as the page stores them."""
    contact = record.central_contact or ctgov.Contact(name="", phone="", email="")
    title_limit = ClinicalTrialPage._meta.get_field("title").max_length
    return {
        # Registry brief titles may be up to 300 characters; page titles 255.
        "title": shorten(record.brief_title, title_limit),
        "official_title": record.official_title,
        "acronym": record.acronym,
        "brief_summary": record.brief_summary,
        "overall_status": record.overall_status,
        "study_type": record.study_type,
        "minimum_age": record.minimum_age.registry_text if record.minimum_age else "",
        "maximum_age": record.maximum_age.registry_text if record.maximum_age else "",
        "sex": record.sex or "ALL",
        "eligibility_criteria": record.eligibility_criteria,
        "registry_conditions": list(record.conditions),
        "registry_keywords": list(record.keywords),
        "lead_sponsor": record.lead_sponsor,
        "collaborators": list(record.collaborators),
        "principal_investigator": record.principal_investigator,
        "contact_name": contact.name,
        "contact_phone": contact.phone,
        "contact_email": contact.email,
        "start_date": record.start_date,
        "registry_last_updated": record.last_update_posted,
    }


def _label(name: str) -> str:
    return str(ClinicalTrialPage._meta.get_field(name).verbose_name)


# ---------------------------------------------------------------------------
# One batch: shared lookups, one transaction per study
# ---------------------------------------------------------------------------


class _NoListing(Exception):
    """There is no trial listing page to create a new trial under."""


class _Batch:
    """Lookups shared by every study in one run, loaded on first use."""

    def __init__(self, *, listing: TrialListingPage | None, user):
        self._listing = listing
        self.user = user

    @functools.cached_property
    def conditions(self) -> ConditionMatcher:
        return ConditionMatcher.load()

    @functools.cached_property
    def groups(self) -> GroupMatcher:
        return GroupMatcher.load()

    @functools.cached_property
    def phases(self) -> dict[str, Phase]:
        return Phase.objects.in_bulk(field_name="code")

    def parent(self) -> TrialListingPage:
        """The listing to create pages under, fresh from the database.

        Fetched again for every new page: a rolled-back create leaves the
        in-memory tree counters (numchild) wrong, and the next add_child would
        trust them.
        """
        if self._listing is not None:
            return TrialListingPage.objects.get(pk=self._listing.pk)
        listing = TrialListingPage.objects.order_by("path").first()
        if listing is None:
            raise _NoListing
        return listing

    def run(self, data: object, *, label: str = "the study record") -> ImportResult:
        """Import one study in its own transaction; never raises."""
        nct_id = ""
        try:
            record = ctgov.parse_study(data)
            nct_id = record.nct_id
            with transaction.atomic():
                return _Writer(record, self).write()
        except ctgov.RecordError as error:
            return _rejected(error, label=label)
        except _NoListing:
            return _rejected_text(
                nct_id,
                label,
                "there is no trial listing page to put it under. Create the "
                "“Clinical trials” listing page first",
            )
        except ValidationError as error:
            return _rejected_text(nct_id, label, _describe_validation(error))
        except DatabaseError as error:
            logger.exception("Database error importing %s", nct_id or label)
            return _rejected_text(
                nct_id, label, f"the database refused the change ({error})"
            )
        except Exception as error:
            # A bug must not stop the rest of a nightly batch; it is logged in
            # full and reported as a rejection.
            logger.exception("Unexpected error importing %s", nct_id or label)
            return _rejected_text(
                nct_id,
                label,
                f"an unexpected error occurred ({type(error).__name__}); "
                "it has been logged for the site's developers",
            )


def _fetch_and_import(nct_id: str, fetch: Fetch, batch: _Batch) -> ImportResult:
    try:
        data = fetch(nct_id)
    except ctgov.RecordError as error:
        return _rejected(error, label=nct_id)
    except Exception as error:
        logger.exception("Fetching %s failed", nct_id)
        return _rejected_text(nct_id, nct_id, f"could not be fetched ({error})")
    found = _nct_id_in(data)
    if found and found != nct_id:
        return _rejected_text(
            nct_id,
            nct_id,
            f"the registry answered with a different study ({found}). Check the "
            "NCT ID on the page",
        )
    return batch.run(data, label=nct_id)


def _nct_id_in(data: object) -> str:
    try:
        raw = data["protocolSection"]["identificationModule"]["nctId"]
        return ctgov.validate_nct_id(raw)
    except (KeyError, TypeError, ctgov.RecordError):
        return ""


# ---------------------------------------------------------------------------
# Writing one study
# ---------------------------------------------------------------------------


class _Writer:
    """Creates or updates the page for one parsed study record."""

    def __init__(self, record: ctgov.StudyRecord, batch: _Batch):
        self.record = record
        self.batch = batch
        self.values = registry_values(record)
        self.now = timezone.now()

    def write(self) -> ImportResult:
        self.check_fits()
        phases = self.phase_rows()
        # Locks the row on PostgreSQL so a nightly sync and an admin import of
        # the same trial cannot interleave.
        existing = (
            ClinicalTrialPage.objects.select_for_update()
            .filter(nct_id=self.record.nct_id)
            .first()
        )
        if existing is None:
            return self.create(phases)
        return self.update(existing, phases)

    def check_fits(self) -> None:
        """Reject values the page cannot hold, naming the registry field."""
        for name, value in self.values.items():
            try:
                ClinicalTrialPage._meta.get_field(name).clean(value, None)
            except ValidationError as error:
                raise ctgov.RecordError(
                    f"does not fit this site: {' '.join(error.messages)}",
                    nct_id=self.record.nct_id,
                    field=REGISTRY_PATHS[name],
                ) from error

    def phase_rows(self) -> list[Phase]:
        missing = [code for code in self.record.phases if code not in self.batch.phases]
        if missing:
            raise ctgov.RecordError(
                f"uses phase {', '.join(missing)}, which this site has no row for",
                nct_id=self.record.nct_id,
                field=REGISTRY_PATHS["phases"],
            )
        return [self.batch.phases[code] for code in self.record.phases]

    @property
    def registry_names(self) -> tuple[str, ...]:
        return self.record.conditions + self.record.keywords

    @property
    def organisations(self) -> tuple[str, ...]:
        return (self.record.lead_sponsor, *self.record.collaborators)

    # -- create ------------------------------------------------------------

    def create(self, phases: list[Phase]) -> ImportResult:
        parent = self.batch.parent()
        nct_id = self.record.nct_id
        page = ClinicalTrialPage(
            nct_id=nct_id,
            slug=find_available_slug(parent, slugify(nct_id)),
            summary=summary_from(self.record.brief_summary),
            live=False,
            last_synced_at=self.now,
            collaborative_group_id=self.batch.groups.match(self.organisations),
            **self.values,
        )
        page.phases = phases
        page.conditions = self.batch.conditions.match(self.registry_names)
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.batch.user, log_action=False)
        log(
            instance=page,
            action="wagtail.create",
            user=self.batch.user,
            revision=revision,
            content_changed=True,
        )
        revision.publish(user=self.batch.user, skip_permission_checks=True)
        page = ClinicalTrialPage.objects.get(pk=page.pk)
        linked = page.conditions.count()
        return ImportResult(
            nct_id=nct_id,
            outcome=CREATED,
            page=page,
            message=(
                f"Created and published “{page.title}” ({nct_id}) under "
                f"“{parent.title}”, linked to {linked} condition "
                f"page{'' if linked == 1 else 's'}."
            ),
        )

    # -- update ------------------------------------------------------------

    def update(self, live: ClinicalTrialPage, phases: list[Phase]) -> ImportResult:
        # Editors' unpublished work (a draft, a page in review, a scheduled
        # revision, an unpublished page) is the base of the new revision, and
        # the new revision is not published over it.
        keep_draft = live.has_unpublished_changes or not live.live
        base = (live.get_latest_revision_as_object() if keep_draft else None) or live
        changed = self.changed_fields(base, phases)
        new_conditions = self.new_condition_links(base)
        group_id = (
            None
            if base.collaborative_group_id
            else self.batch.groups.match(self.organisations)
        )
        if new_conditions:
            changed.append(_label("conditions"))
        if group_id:
            changed.append(_label("collaborative_group"))
        if not changed:
            return ImportResult(
                nct_id=live.nct_id,
                outcome=UNCHANGED,
                page=live,
                message=f"{live.nct_id} is already up to date with the registry; "
                "nothing was changed.",
            )

        was_open = base.is_open
        for name, value in self.values.items():
            setattr(base, name, value)
        base.phases = phases
        if new_conditions:
            base.conditions = [*base.conditions.all(), *new_conditions]
        if group_id:
            base.collaborative_group_id = group_id
        base.last_synced_at = self.now
        revision = base.save_revision(user=self.batch.user, log_action=True)
        if not keep_draft:
            revision.publish(user=self.batch.user, skip_permission_checks=True)
            live = ClinicalTrialPage.objects.get(pk=live.pk)
        return ImportResult(
            nct_id=live.nct_id,
            outcome=UPDATED,
            page=live,
            draft_kept=keep_draft,
            changed_fields=changed,
            message=self.update_message(live, changed, keep_draft, was_open),
        )

    def changed_fields(self, base: ClinicalTrialPage, phases: list[Phase]) -> list[str]:
        changed = [
            _label(name)
            for name, value in self.values.items()
            if (getattr(base, name) or type(value)()) != value
        ]
        if {phase.code for phase in base.phases.all()} != {p.code for p in phases}:
            changed.append(_label("phases"))
        return changed

    def new_condition_links(self, base: ClinicalTrialPage) -> list:
        """Matches for registry names that are new since the last import only."""
        before = {
            fold_name(name)
            for name in [*base.registry_conditions, *base.registry_keywords]
            if isinstance(name, str)
        }
        new_names = [
            name for name in self.registry_names if fold_name(name) not in before
        ]
        if not new_names:
            return []
        linked = {page.pk for page in base.conditions.all()}
        return [
            page
            for page in self.batch.conditions.match(new_names)
            if page.pk not in linked
        ]

    def update_message(
        self, page: ClinicalTrialPage, changed: list[str], draft: bool, was_open: bool
    ) -> str:
        what = ", ".join(changed)
        if draft and not page.live:
            message = (
                f"Saved registry changes to {page.nct_id} ({what}) as a new draft "
                "revision. The page is not published, so nothing went live."
            )
        elif draft:
            message = (
                f"Saved registry changes to {page.nct_id} ({what}) as a draft "
                "revision, not published, because editors have unpublished "
                "changes on the page. Review the page and publish it to show them."
            )
        else:
            message = (
                f"Updated {page.nct_id} from the registry ({what}) and published it."
            )
        if was_open and not self.record.is_open:
            status = self.record.status_label
            if draft:
                message += (
                    f" The registry says the trial is no longer open to new patients "
                    f"(“{status}”): publish the page so families see that."
                )
            else:
                message += (
                    f" The trial is no longer open to new patients (“{status}”); its "
                    "page now says so. See Reports › Trials no longer open for the "
                    "pages that link to it."
                )
        return message


# ---------------------------------------------------------------------------
# Rejections
# ---------------------------------------------------------------------------


def _detail(error: ctgov.RecordError) -> str:
    detail = f"{error.field} {error.message}" if error.field else error.message
    return detail.rstrip(". ")


def _rejected(error: ctgov.RecordError, *, label: str) -> ImportResult:
    return _rejected_text(error.nct_id or "", label, _detail(error))


def _rejected_text(nct_id: str, label: str, detail: str) -> ImportResult:
    subject = nct_id or label
    detail = detail.rstrip(". ")
    return ImportResult(
        nct_id=nct_id,
        outcome=REJECTED,
        message=f"Rejected {subject}: {detail}. Nothing was saved for this study.",
    )


def _not_an_nct_id(raw: object) -> ImportResult:
    shown = repr(raw) if len(repr(raw)) <= 40 else repr(raw)[:37] + "..."
    return ImportResult(
        nct_id="",
        outcome=REJECTED,
        message=f"Rejected {shown}: it is not an NCT ID (“NCT” followed by 8 digits, "
        "e.g. NCT01234567). Nothing was fetched.",
    )


def _describe_validation(error: ValidationError) -> str:
    """A page validation error, with model fields named as registry fields."""
    if not hasattr(error, "error_dict"):
        return f"the page could not be saved: {' '.join(error.messages)}"
    parts = []
    for name, errors in error.message_dict.items():
        where = REGISTRY_PATHS.get(name, name)
        parts.append(f"{where}: {' '.join(errors)}")
    return "the page could not be saved: " + "; ".join(parts)
