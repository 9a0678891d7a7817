"""Write one parsed study record to a trial page: create it, update it, or leave it.

The rules for what an import may change are in ``trials.registry.importer``'s module
docstring; this module applies them to one record.
"""

from __future__ import annotations

import re
import textwrap

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from conditions.names import fold_name
from netsite.page_cache import bump_generation

from ..models import ClinicalTrialPage, Phase, TrialSite
from ..sites import SITE_FIELDS, SITE_REGISTRY_KEYS, site_rows
from . import records, values
from .results import CREATED, REGISTRY_PATHS, UNCHANGED, UPDATED, ImportResult

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


def registry_values(record: records.StudyRecord) -> dict[str, object]:
    """The page fields a registry import owns, as the page stores them."""
    contact = record.central_contact or records.Contact(name="", phone="", email="")
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


# What the registry changes on the live page at once, even over an editor's draft.
AT_ONCE_FIELDS = ("overall_status", "minimum_age", "maximum_age")


def _label(name: str) -> str:
    return str(ClinicalTrialPage._meta.get_field(name).verbose_name)


# ---------------------------------------------------------------------------
# Writing one study
# ---------------------------------------------------------------------------


class Writer:
    """Creates or updates the page for one parsed study record."""

    def __init__(self, record: records.StudyRecord, batch):
        # batch: the importer's _Batch (shared lookups: phases, matchers, user).
        self.record = record
        self.batch = batch
        self.values = registry_values(record)
        self.sites = site_rows(record)
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
        """Reject values the page or its sites cannot hold, naming the registry field."""
        for name, value in self.values.items():
            self.check_field(ClinicalTrialPage, name, value, REGISTRY_PATHS[name])
        locations = "protocolSection.contactsLocationsModule.locations"
        for index, row in enumerate(self.sites):
            for name, value in zip(SITE_FIELDS, row, strict=True):
                path = f"{locations}[{index}].{SITE_REGISTRY_KEYS.get(name, name)}"
                self.check_field(TrialSite, name, value, path)

    def check_field(self, model, name: str, value, registry_path: str) -> None:
        try:
            model._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            raise values.RecordError(
                f"does not fit this site: {' '.join(error.messages)}",
                nct_id=self.record.nct_id,
                field=registry_path,
            ) from error

    def phase_rows(self) -> list[Phase]:
        missing = [code for code in self.record.phases if code not in self.batch.phases]
        if missing:
            raise values.RecordError(
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
        self.write_sites(page)
        revision = page.save_revision(user=self.batch.user, log_action=False)
        log(
            instance=page,
            action="wagtail.create",
            user=self.batch.user,
            revision=revision,
            content_changed=True,
        )
        if self.batch.publish:
            revision.publish(user=self.batch.user, skip_permission_checks=True)
            done = "Created and published"
        else:
            done = f"Created {self.send_to_review(page)}"
        page = ClinicalTrialPage.objects.get(pk=page.pk)
        linked = page.conditions.count()
        return ImportResult(
            nct_id=nct_id,
            outcome=CREATED,
            page=page,
            draft_kept=not self.batch.publish,
            message=(
                f"{done} “{page.title}” ({nct_id}) under “{parent.title}”, linked "
                f"to {linked} condition page{'' if linked == 1 else 's'}."
            ),
        )

    def send_to_review(self, page: ClinicalTrialPage) -> str:
        """Start the page's Medical review on its latest revision (unless a review is
        under way already); returns the words for the result message."""
        if page.workflow_in_progress:
            return "as a draft, in the Medical review already under way,"
        workflow = page.get_workflow()
        if workflow is None:
            return "as a draft (no review workflow covers the trial listing),"
        workflow.start(page, self.batch.user)
        return "as a draft and sent to Medical review (a file is not the registry),"

    # -- update ------------------------------------------------------------

    def update(self, live: ClinicalTrialPage, phases: list[Phase]) -> ImportResult:
        # Editors' unpublished work (a draft, a page in review, a scheduled
        # revision, an unpublished page) is the base of the new revision, and
        # the new revision is not published over it.
        keep_draft = (
            live.has_unpublished_changes or not live.live or not self.batch.publish
        )
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
        # Sites are the registry's and go live at once, outside revisions (a site
        # that closes must show as closed even while editors have a draft); but only
        # from the registry itself, never from an editor's file.
        if self.batch.publish and self.write_sites(live):
            if not changed:
                ClinicalTrialPage.objects.filter(pk=live.pk).update(
                    last_synced_at=self.now
                )
                return ImportResult(
                    nct_id=live.nct_id,
                    outcome=UPDATED,
                    page=live,
                    changed_fields=["sites"],
                    message=f"Updated where {live.nct_id} runs from the registry "
                    f"({len(self.sites)} site{'' if len(self.sites) == 1 else 's'}).",
                )
            changed.append("sites")
        if not changed:
            return ImportResult(
                nct_id=live.nct_id,
                outcome=UNCHANGED,
                page=live,
                message=f"{live.nct_id} is already up to date with the registry; "
                "nothing was changed.",
            )

        was_open = base.is_open
        status_changed = base.overall_status != self.values["overall_status"]
        for name, value in self.values.items():
            setattr(base, name, value)
        if status_changed:
            base.status_changed_at = self.now
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
        elif self.batch.publish and live.live:
            self.update_live_at_once(live)
        if not self.batch.publish:
            sent = self.send_to_review(live)
            return ImportResult(
                nct_id=live.nct_id,
                outcome=UPDATED,
                page=live,
                draft_kept=True,
                changed_fields=changed,
                message=f"Saved the changes to {live.nct_id} ({', '.join(changed)}) "
                f"{sent} so nothing went live. Import by NCT ID to take registry "
                "facts straight from ClinicalTrials.gov.",
            )
        return ImportResult(
            nct_id=live.nct_id,
            outcome=UPDATED,
            page=live,
            draft_kept=keep_draft,
            changed_fields=changed,
            message=self.update_message(live, changed, keep_draft, was_open),
        )

    def update_live_at_once(self, live: ClinicalTrialPage) -> None:
        """The registry's status and ages on the live page now, though editors hold a
        draft (which has them too): a closure must reach families the same day. Only
        from the registry itself (by NCT ID), never from an editor's file."""
        fields = {name: self.values[name] for name in AT_ONCE_FIELDS}
        if all(getattr(live, name) == value for name, value in fields.items()):
            return
        if live.overall_status != fields["overall_status"]:
            fields["status_changed_at"] = self.now
        for name, value in fields.items():
            setattr(live, name, value)
        fields["minimum_age_months"] = live._age_months(live.minimum_age)
        fields["maximum_age_months"] = live._age_months(live.maximum_age)
        ClinicalTrialPage.objects.filter(pk=live.pk).update(**fields)
        bump_generation(f"status of {live.nct_id}")

    def write_sites(self, page: ClinicalTrialPage) -> bool:
        """Replace the page's sites with the registry's, in two queries, if they
        differ (one query when they do not). True if anything changed."""
        current = list(
            page.sites.order_by("sort_order", "pk").values_list(*SITE_FIELDS)
        )
        if current == self.sites:
            return False
        page.sites.all().delete()
        TrialSite.objects.bulk_create(
            TrialSite(
                trial=page,
                sort_order=number,
                facility_folded=fold_name(row[0])[:255],
                **dict(zip(SITE_FIELDS, row, strict=True)),
            )
            for number, row in enumerate(self.sites)
        )
        bump_generation(f"sites of {page.nct_id}")  # TrialSite.page_cache_watch
        return True

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
                "changes on the page. Review the page and publish it to show them; "
                "its status, ages and sites are already live."
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
                    f"(“{status}”); the live page says so already."
                )
            else:
                message += (
                    f" The trial is no longer open to new patients (“{status}”); its "
                    "page now says so. See Reports › Trials no longer open for the "
                    "pages that link to it."
                )
        return message
