"""Admin menus: the registry import, confirming a listing, and the trial reports."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .freshness_admin import (
    ConfirmTrialMenuItem,
    ConfirmTrialView,
    TrialsToConfirmReportView,
)
from .views import IMPORT_PERMISSION, ClosedTrialsReportView, TrialImportView


class TrialImportMenuItem(MenuItem):
    """Shown only to people allowed to import trials."""

    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class ClosedTrialsReportMenuItem(MenuItem):
    """Shown to anyone who can work on pages, as the report's view checks."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_trial_admin_urls():
    return [
        path("trials/import/", TrialImportView.as_view(), name="trials_import"),
        path(
            "reports/trials-no-longer-open/",
            ClosedTrialsReportView.as_view(),
            name="trials_closed",
        ),
        path(
            "reports/trials-no-longer-open/results/",
            ClosedTrialsReportView.as_view(results_only=True),
            name="trials_closed_results",
        ),
        path(
            "trials/<int:page_id>/confirm/",
            ConfirmTrialView.as_view(),
            name="trials_confirm",
        ),
        path(
            "reports/trials-to-confirm/",
            TrialsToConfirmReportView.as_view(),
            name="trials_to_confirm",
        ),
        path(
            "reports/trials-to-confirm/results/",
            TrialsToConfirmReportView.as_view(results_only=True),
            name="trials_to_confirm_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_trial_import_menu_item():
    return TrialImportMenuItem(
        "Import from ClinicalTrials.gov",
        reverse("trials_import"),
        name="import-trials",
        icon_name="download",
        order=260,
    )


@hooks.register("register_reports_menu_item")
def register_closed_trials_report_menu_item():
    return ClosedTrialsReportMenuItem(
        "Trials no longer open",
        reverse("trials_closed"),
        name="trials-no-longer-open",
        icon_name="warning",
        order=650,
    )


@hooks.register("register_reports_menu_item")
def register_trials_to_confirm_report_menu_item():
    return ClosedTrialsReportMenuItem(  # shown to the same people
        "Trials to confirm",
        reverse("trials_to_confirm"),
        name="trials-to-confirm",
        icon_name="time",
        order=651,
    )


@hooks.register("register_page_header_buttons")
def confirm_trial_header_button(page, user, view_name, next_url=None):
    yield ConfirmTrialMenuItem(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def confirm_trial_listing_button(page, user, next_url=None):
    yield ConfirmTrialMenuItem(page=page, next_url=next_url, priority=55)


@hooks.register("register_log_actions")
def register_confirm_listing_action(actions):
    @actions.register_action("trials.confirm_listing")
    class ConfirmListing(LogFormatter):
        label = "Confirm listing is current"

        def format_message(self, log_entry):
            return "Confirmed the trial's listing is current"
