"""Admin additions: the medical review report, its menu item and dashboard panel."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .admin_views import DueForReviewPanel, DueForReviewReportView
from .forms import CORRECT_ACTION


@hooks.register("register_admin_urls")
def review_report_urls():
    return [
        path(
            "reports/due-for-medical-review/",
            DueForReviewReportView.as_view(),
            name="medical_review_due",
        ),
        path(
            "reports/due-for-medical-review/results/",
            DueForReviewReportView.as_view(results_only=True),
            name="medical_review_due_results",
        ),
    ]


class DueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        # The same test the report view applies.
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return DueForReviewMenuItem(
        "Due for medical review",
        reverse("medical_review_due"),
        name="due-for-medical-review",
        icon_name="calendar-check",
        order=640,  # first in the Reports menu (Wagtail's own start at 700)
    )


@hooks.register("construct_homepage_panels")
def review_dashboard_panel(request, panels):
    if policy_registry.get_by_type(Page).user_has_any_permission(
        request.user, ["add", "change", "publish"]
    ):
        panels.append(DueForReviewPanel(request.user))


@hooks.register("register_log_actions")
def register_correct_review_action(actions):
    @actions.register_action(CORRECT_ACTION)
    class CorrectReview(LogFormatter):
        label = "Correct the medical review record"

        def format_message(self, log_entry):
            changes = log_entry.data or {}
            return "Review record corrected: " + "; ".join(
                f"{name.replace('_', ' ')} {was or '(empty)'} → {now or '(empty)'}"
                for name, (was, now) in sorted(changes.items())
            )
