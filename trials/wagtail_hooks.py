"""Admin menus: the registry import and the closed-trials report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

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
