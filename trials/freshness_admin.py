"""Admin for trial freshness: confirm a listing is current, and the report of trials
to confirm (trials/freshness.py has the rules)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.timezone import localtime
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import freshness
from .models import ClinicalTrialPage


def can_confirm(user, trial) -> bool:
    """Whoever may edit the trial's page may vouch for its listing."""
    return trial.permissions_for_user(user).can_edit()


class ConfirmTrialView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what confirming means, and one button. POST: record it, then go back."""

    template_name = "trials/admin/confirm_trial.html"
    header_icon = "tick"

    def dispatch(self, request, page_id):
        self.trial = get_object_or_404(ClinicalTrialPage, pk=page_id)
        if not can_confirm(request.user, self.trial):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    @property
    def page_title(self):
        return f"Confirm “{self.trial.title}” is current"

    def next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}
        ):
            return candidate
        return reverse("wagtailadmin_pages:edit", args=[self.trial.pk])

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            trial=self.trial,
            next_url=self.next_url(),
            last=self.trial.confirmations.select_related("confirmed_by").first(),
        )
        return context

    def post(self, request, page_id):
        confirmation = freshness.confirm(self.trial, request.user)
        messages.success(
            request,
            f"Confirmed “{self.trial.title}” ({self.trial.nct_id}) as current: its "
            f"page now says our team confirmed it on "
            f"{date_format(localtime(confirmation.confirmed_at), 'DATE_FORMAT')}.",
        )
        return redirect(self.next_url())


class ConfirmTrialMenuItem(PageMenuItem):
    """ "Confirm listing is current", in a trial page's "…" menus."""

    label = "Confirm listing is current"
    icon_name = "tick"

    @cached_property
    def url(self):
        url = reverse("trials_confirm", args=[self.page.pk])
        return f"{url}?{urlencode({'next': self.next_url})}" if self.next_url else url

    def is_shown(self, user):
        return self.page.specific_class is ClinicalTrialPage and can_confirm(
            user, self.page
        )


class TrialsToConfirmReportView(ReportView):
    """Open trials whose listing may be out of date, the longest unconfirmed first."""

    page_title = "Trials to confirm"
    header_icon = "time"
    results_template_name = "trials/admin/trials_to_confirm_results.html"
    index_url_name = "trials_to_confirm"
    index_results_url_name = "trials_to_confirm_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "nct_id",
        "title",
        "status_label",
        "why",
        "registry_last_updated",
        "last_confirmed_at",
    ]
    export_headings = {
        "nct_id": "NCT ID",
        "title": "Trial",
        "status_label": "Status",
        "why": "Why",
        "registry_last_updated": "Registry record last updated",
        "last_confirmed_at": "Last confirmed by our team",
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filename(self):
        return "trials-to-confirm"

    def get_queryset(self):
        # Never confirmed first, then the longest ago; then the oldest registry record.
        return (
            freshness.with_last_confirmed(ClinicalTrialPage.objects.live(), who=True)
            .filter(freshness.stale_q())
            .order_by(
                F("last_confirmed_at").asc(nulls_first=True),
                "registry_last_updated",
                "title",
                "pk",
            )
        )

    def decorate_paginated_queryset(self, trials):
        trials = list(trials)
        users = get_user_model().objects.in_bulk(
            {trial.last_confirmed_by_id for trial in trials} - {None}
        )
        for trial in trials:
            trial.why = "; ".join(freshness.stale_reasons(trial))
            who = users.get(trial.last_confirmed_by_id)
            trial.last_confirmed_by = (
                (who.get_full_name() or who.get_username()) if who else ""
            )
            trial.can_confirm = can_confirm(self.request.user, trial)
        return trials
