"""Admin views for clinical trials: the registry import and the closed-trials report."""

from __future__ import annotations

import re
from collections import defaultdict

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import ClinicalTrialPage
from .registry import importer, records, values

IMPORT_PERMISSION = "trials.import_trials"
PUBLISH_UPLOADS_PERMISSION = "trials.publish_uploaded_trials"

# A /studies page of 1,000 full records is about 10 MB; people importing by
# hand download far fewer. Bigger files are for `manage.py import_trials`.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Each ID is a request to the registry while the editor waits.
MAX_NCT_IDS = 50

_ID_SEPARATORS_RE = re.compile(r"[\s,;]+")


# ---------------------------------------------------------------------------
# Import from ClinicalTrials.gov
# ---------------------------------------------------------------------------


class TrialImportForm(forms.Form):
    """NCT IDs to fetch from the registry, and/or a JSON file downloaded from it."""

    nct_ids = forms.CharField(
        label="NCT IDs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "NCT01234567"}),
        help_text=f"One or more ClinicalTrials.gov IDs (“NCT” and 8 digits), separated "
        f"by spaces, commas or new lines; at most {MAX_NCT_IDS} at a time. Each is "
        "fetched from the registry now.",
    )
    file = forms.FileField(
        label="JSON file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        help_text="A study or a page of studies downloaded from ClinicalTrials.gov "
        f"in JSON format (API version 2), up to {filesizeformat(MAX_UPLOAD_BYTES)}. "
        "A file could say anything, so what it changes is saved as a draft and sent "
        "to Medical review (Site administrators' files are published at once). To "
        "publish registry facts straight away, enter NCT IDs instead.",
    )

    def clean_nct_ids(self) -> list[str]:
        nct_ids: list[str] = []
        invalid: list[str] = []
        for token in _ID_SEPARATORS_RE.split(self.cleaned_data["nct_ids"]):
            if not token:
                continue
            try:
                nct_id = values.validate_nct_id(token)
            except values.RecordError:
                invalid.append(token[:20])
                continue
            if nct_id not in nct_ids:
                nct_ids.append(nct_id)
        if invalid:
            raise ValidationError(
                "These are not NCT IDs (“NCT” followed by 8 digits, e.g. NCT01234567): "
                f"{', '.join(invalid[:10])}{' …' if len(invalid) > 10 else ''}."
            )
        if len(nct_ids) > MAX_NCT_IDS:
            raise ValidationError(
                f"Enter at most {MAX_NCT_IDS} NCT IDs at a time (you entered "
                f"{len(nct_ids)}). Ask a developer to run import_trials for more."
            )
        return nct_ids

    def clean_file(self) -> object:
        """The upload's parsed JSON, or None. Each study is judged later, on its own."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            size, limit = filesizeformat(upload.size), filesizeformat(MAX_UPLOAD_BYTES)
            if size == limit:  # "5.0 MB; the limit is 5.0 MB" would say nothing
                size, limit = f"{upload.size:,} bytes", f"{MAX_UPLOAD_BYTES:,} bytes"
            raise ValidationError(
                f"The file is {size}; the limit is {limit}. "
                "Download fewer studies at a time."
            )
        try:
            payload = records.load_json(upload.read(MAX_UPLOAD_BYTES + 1))
            studies = records.iter_studies(payload)
        except values.RecordError as error:
            where = f"{error.field} " if error.field else ""
            raise ValidationError(
                f"This file is not registry data we can read: {where}{error.message}. "
                "Download the study again in JSON format."
            ) from error
        if not studies:
            raise ValidationError("The file contains no studies.")
        return payload

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("nct_ids")
            and cleaned.get("file") is None
        ):
            raise ValidationError("Enter at least one NCT ID or choose a JSON file.")
        return cleaned


class TrialImportView(WagtailAdminTemplateMixin, FormView):
    """Create or update trial pages from ClinicalTrials.gov and show what happened."""

    template_name = "trials/admin/import_trials.html"
    form_class = TrialImportForm
    page_title = "Import from ClinicalTrials.gov"
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin URL wrapper turns this into its "no permission" redirect.
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("trials_import"),
            submit_button_label="Import",
            submit_button_active_label="Importing…",
            report_url=reverse("trials_closed"),
        )
        return context

    def form_valid(self, form):
        user = self.request.user
        results: list[importer.ImportResult] = []
        if form.cleaned_data["nct_ids"]:
            results += importer.import_nct_ids(
                form.cleaned_data["nct_ids"],
                user=user,
                time_limit=settings.CTGOV_ADMIN_TIME_LIMIT,
            )
        if form.cleaned_data["file"] is not None:
            # A file is whatever its uploader wrote: only people trusted to publish
            # unreviewed registry text (Site administrators) publish it directly.
            results += importer.import_payload(
                form.cleaned_data["file"],
                user=user,
                publish=user.has_perm(PUBLISH_UPLOADS_PERMISSION),
            )
        summary = importer.summarise(results)
        if not all(result.ok for result in results):
            messages.warning(
                self.request,
                f"{summary} Rejected and skipped studies were not saved.",
            )
        else:
            messages.success(self.request, summary)
        # The results are shown on this response rather than after a redirect:
        # they are only useful right now, and a redirect would need to store them.
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(), results=results, summary=summary
            )
        )


# ---------------------------------------------------------------------------
# Report: trials no longer open
# ---------------------------------------------------------------------------


class ClosedTrialsReportView(ReportView):
    """Live trials that are no longer open, and every page that links to each."""

    page_title = "Trials no longer open"
    header_icon = "warning"
    results_template_name = "trials/admin/closed_trials_report_results.html"
    index_url_name = "trials_closed"
    index_results_url_name = "trials_closed_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["nct_id", "title", "status_label", "last_synced_at", "linked_from"]
    export_headings = {
        "nct_id": "NCT ID",
        "title": "Trial",
        "status_label": "Status",
        "last_synced_at": "Last updated from the registry",
        "linked_from": "Pages that link to it",
    }

    @cached_property
    def permission_policy(self):
        # The report lists pages: anyone who can work on pages may see it.
        return policy_registry.get_by_type(Page)

    def get_filename(self):
        return "trials-no-longer-open"

    def get_queryset(self):
        return (
            ClinicalTrialPage.objects.live()
            .exclude(overall_status__in=ClinicalTrialPage.OPEN_STATUSES)
            .order_by(F("last_synced_at").desc(nulls_last=True), "title", "pk")
        )

    def decorate_paginated_queryset(self, trials):
        trials = list(trials)
        links = referencing_objects(trials, AdminURLFinder(self.request.user))
        for trial in trials:
            trial.references = links.get(trial.pk, [])
            trial.linked_from = "; ".join(ref["title"] for ref in trial.references)
        return trials


def referencing_objects(trials, url_finder) -> dict[int, list[dict]]:
    """{trial id: [{"title", "edit_url", "fields"}]} from Wagtail's reference index.

    One query for the references and one per kind of source (pages, snippets),
    however many trials and links there are.
    """
    if not trials:
        return {}
    # (trial id, source content type id, source id) -> field descriptions
    fields: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for reference in ReferenceIndex.get_references_to_in_bulk(trials):
        key = (int(reference.to_object_id), reference.base_content_type_id)
        fields[(*key, reference.object_id)].append(reference.describe_source_field())
    sources = _load_sources({(ct, pk) for _trial, ct, pk in fields})
    result: dict[int, list[dict]] = defaultdict(list)
    for (trial_id, content_type_id, object_id), descriptions in sorted(fields.items()):
        source = sources.get((content_type_id, object_id))
        if source is None:  # deleted since it was indexed
            continue
        result[trial_id].append(
            {
                "title": str(source),
                "edit_url": url_finder.get_edit_url(source),
                "fields": sorted(set(descriptions)),
            }
        )
    for references in result.values():
        references.sort(key=lambda ref: ref["title"].casefold())
    return result


def _load_sources(keys: set[tuple[int, str]]) -> dict[tuple[int, str], object]:
    by_type: dict[int, list[str]] = defaultdict(list)
    for content_type_id, object_id in keys:
        by_type[content_type_id].append(object_id)
    sources = {}
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=object_ids):
            sources[(content_type_id, str(obj.pk))] = obj
    return sources
