"""Write ClinicalTrials.gov study records to ClinicalTrialPages.

:mod:`trials.registry.records` parses and validates a record; this module decides what
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
  eligibility line, the body (questions for the care team …), the card summary
  (filled once, on create, from the brief summary), the condition links, the
  collaborative group once chosen, the slug and the medical review fields.
- **Condition links** are added, never removed, by an import. On create every
  matching condition page is linked; on update only registry condition names
  and keywords that are new since the last import add links, so a link staff
  removed stays removed. See :class:`ConditionMatcher` for the matching rule.
- **Publishing**: a new page is published at once. An update is saved as a
  new revision and published only when the page had no unpublished changes;
  otherwise the revision is kept as a draft (it includes the editors' draft)
  and the result says so. A page that is not live is never published here.
  Even then, what families must see the same day reaches the live page at once
  when the record comes from the registry itself (by NCT ID): the status and ages
  (``writer.AT_ONCE_FIELDS``) and the list of sites (``trials/sites.py``, kept
  outside revisions). An editor's file changes neither.
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
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from ..models import ClinicalTrialPage, Phase, TrialListingPage
from . import client, records, values
from .matching import ConditionMatcher, GroupMatcher
from .results import (
    CREATED,
    REJECTED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    ImportResult,
    describe_validation,
    detail,
    not_an_nct_id,
    rejected,
    rejected_text,
    summarise,
)
from .writer import Writer

__all__ = [
    "CREATED",
    "REJECTED",
    "SKIPPED",
    "UNCHANGED",
    "UPDATED",
    "ImportResult",
    "default_fetch",
    "import_nct_ids",
    "import_payload",
    "import_record",
    "summarise",
    "sync_all",
]

logger = logging.getLogger(__name__)

Fetch = Callable[[str], object]
Progress = Callable[[int, int, ImportResult], None]


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


def import_record(
    data: object, *, listing: TrialListingPage | None = None, user=None
) -> ImportResult:
    """Import one study record (a dict from the v2 API) into a page."""
    return _Batch(listing=listing, user=user).run(data)


def import_payload(
    payload: object, *, listing=None, user=None, publish: bool = True
) -> list[ImportResult]:
    """Import one study, a ``/studies`` page or a list of studies.

    ``payload`` is parsed JSON, or the JSON text or bytes themselves. Each
    study is imported in its own transaction. ``publish=False`` for data that may
    not be the registry's (a file an editor uploaded): every change is saved as a
    draft and sent to Medical review, and nothing goes live before approval.
    """
    try:
        if isinstance(payload, (str, bytes, bytearray)):
            payload = records.load_json(payload)
        studies = records.iter_studies(payload)
    except values.RecordError as error:
        return [
            ImportResult(
                nct_id="",
                outcome=REJECTED,
                message=f"Rejected the data: {detail(error)}. Nothing was imported.",
            )
        ]
    batch = _Batch(listing=listing, user=user, publish=publish)
    if len(studies) == 1:
        return [batch.run(studies[0])]
    results = []
    first_seen: dict[str, int] = {}
    for number, study in enumerate(studies, start=1):
        label = f"study record {number} of {len(studies)}"
        nct_id = _nct_id_in(study)
        if nct_id in first_seen:
            # Two records for one trial: applying both would let the second
            # silently undo the first. Say so instead.
            results.append(
                rejected_text(
                    nct_id,
                    label,
                    f"it is in the file more than once: study record "
                    f"{first_seen[nct_id]} was imported, this one ({label}) was not",
                )
            )
            continue
        if nct_id:
            first_seen[nct_id] = number
        results.append(batch.run(study, label=label))
    return results


def import_nct_ids(
    nct_ids: Iterable[str],
    *,
    listing=None,
    user=None,
    fetch: Fetch | None = None,
    time_limit: float | None = None,
    progress: Progress | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> list[ImportResult]:
    """Fetch each study from the registry by NCT ID and import it.

    ``fetch(nct_id) -> dict`` defaults to :func:`default_fetch`; tests pass
    their own so nothing touches the network. Repeated IDs are imported once.

    ``time_limit`` (seconds) bounds the whole run: once it is reached, the studies
    not yet fetched are "skipped" (tried again next time) rather than waited for.
    ``progress(done, total, result)`` is called after each study.
    """
    deadline = None if time_limit is None else clock() + time_limit
    fetch = fetch or functools.partial(default_fetch, deadline=deadline)
    batch = _Batch(listing=listing, user=user)
    ids = list(nct_ids)
    results: list[ImportResult] = []
    seen: set[str] = set()
    for raw in ids:
        try:
            nct_id = values.validate_nct_id(raw)
        except values.RecordError:
            result = not_an_nct_id(raw)
        else:
            if nct_id in seen:
                continue
            seen.add(nct_id)
            if deadline is not None and clock() >= deadline:
                result = ImportResult(
                    nct_id=nct_id,
                    outcome=SKIPPED,
                    message=(
                        f"{nct_id}: not fetched: the run reached its time limit of "
                        f"{time_limit / 60:g} minutes first. It is tried again next run."
                    ),
                )
            else:
                result = _fetch_and_import(nct_id, fetch, batch)
        results.append(result)
        if progress is not None:
            progress(len(results), len(ids), result)
    return results


def sync_all(
    *,
    user=None,
    fetch: Fetch | None = None,
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> list[ImportResult]:
    """Re-import every trial page that came from the registry (for a nightly cron),
    within ``time_limit`` seconds (``CTGOV_SYNC_TIME_LIMIT`` unless given).

    Pages staff made by hand (never synced) are left alone.
    """
    nct_ids = (
        ClinicalTrialPage.objects.filter(last_synced_at__isnull=False)
        .order_by("nct_id")
        .values_list("nct_id", flat=True)
    )
    if time_limit is None:
        time_limit = settings.CTGOV_SYNC_TIME_LIMIT
    return import_nct_ids(
        list(nct_ids), user=user, fetch=fetch, time_limit=time_limit, progress=progress
    )


def default_fetch(nct_id: str, *, deadline: float | None = None) -> dict:
    """GET one study from the registry at ``settings.CTGOV_API_BASE_URL``, with the
    configured per-request timeout and retries, and within ``deadline``."""
    return client.fetch_study(
        nct_id,
        base_url=settings.CTGOV_API_BASE_URL,
        timeout=settings.CTGOV_REQUEST_TIMEOUT,
        retries=settings.CTGOV_RETRIES,
        deadline=deadline,
    )


# ---------------------------------------------------------------------------
# One batch: shared lookups, one transaction per study
# ---------------------------------------------------------------------------


class _NoListing(Exception):
    """There is no trial listing page to create a new trial under."""


class _Batch:
    """Lookups shared by every study in one run, loaded on first use."""

    def __init__(self, *, listing: TrialListingPage | None, user, publish=True):
        self._listing = listing
        self.user = user
        # False: the records are not known to come from the registry (an editor's
        # file); pages are saved as drafts and sent to Medical review instead.
        self.publish = publish

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
            record = records.parse_study(data)
            nct_id = record.nct_id
            with transaction.atomic():
                return Writer(record, self).write()
        except values.RecordError as error:
            return rejected(error, label=label)
        except _NoListing:
            return rejected_text(
                nct_id,
                label,
                "there is no trial listing page to put it under. Create the "
                "“Clinical trials” listing page first",
            )
        except ValidationError as error:
            return rejected_text(nct_id, label, describe_validation(error))
        except DatabaseError as error:
            # The database's own words say what it refused; one line, no traceback.
            logger.error("Database error importing %s: %s", nct_id or label, error)
            return rejected_text(
                nct_id, label, f"the database refused the change ({error})"
            )
        except Exception as error:
            # A bug must not stop the rest of a nightly batch; it is logged in
            # full and reported as a rejection.
            logger.exception("Unexpected error importing %s", nct_id or label)
            return rejected_text(
                nct_id,
                label,
                f"an unexpected error occurred ({type(error).__name__}); "
                "it has been logged for the site's developers",
            )


def _fetch_and_import(nct_id: str, fetch: Fetch, batch: _Batch) -> ImportResult:
    try:
        data = fetch(nct_id)
    except values.RecordError as error:
        return rejected(error, label=nct_id)
    except Exception as error:
        logger.exception("Fetching %s failed", nct_id)
        return rejected_text(nct_id, nct_id, f"could not be fetched ({error})")
    found = _nct_id_in(data)
    if found and found != nct_id:
        return rejected_text(
            nct_id,
            nct_id,
            f"the registry answered with a different study ({found}). Check the "
            "NCT ID on the page",
        )
    return batch.run(data, label=nct_id)


def _nct_id_in(data: object) -> str:
    try:
        raw = data["protocolSection"]["identificationModule"]["nctId"]
        return values.validate_nct_id(raw)
    except (KeyError, TypeError, values.RecordError):
        return ""
