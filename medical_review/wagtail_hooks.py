"""Admin additions: the medical review report, its menu item and dashboard panel; the
review screen and confirmations; reviewer profiles."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy

from .admin_views import (
    DueForReviewPanel,
    DueForReviewReportView,
    TranslationsToUpdateReportView,
    approved,
)
from .changes import ReviewChangesView, may_review
from .forms import CORRECT_ACTION
from .profile_admin import (
    ReviewerProfileSettingsPanel,
    ReviewRecordPermissionPolicy,
    reviewer_profile_viewset,
)
from .profiles import ReviewerProfile

# Before anything asks the registry for it (Wagtail would make a default one).
register_permission_policy(
    ReviewerProfile, ReviewRecordPermissionPolicy(ReviewerProfile)
)


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
        path(
            "reports/translations-to-update/",
            TranslationsToUpdateReportView.as_view(),
            name="medical_review_translations",
        ),
        path(
            "reports/translations-to-update/results/",
            TranslationsToUpdateReportView.as_view(results_only=True),
            name="medical_review_translations_results",
        ),
        path(
            "medical-review/<int:page_id>/changes/",
            ReviewChangesView.as_view(),
            name="medical_review_changes",
        ),
        path(
            "medical-review/<int:page_id>/approved/",
            approved,
            name="medical_review_approved",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_reviewer_profiles():
    return reviewer_profile_viewset


@hooks.register("register_account_settings_panel")
def reviewer_profile_panel(request, user, profile):
    return ReviewerProfileSettingsPanel(request, user, profile)


class ReviewChangesMenuItem(PageMenuItem):
    """ "Changes for review", in the "…" menu of a page in review, for its reviewers."""

    label = "Changes for review"
    icon_name = "history"
    url_name = "medical_review_changes"

    def is_shown(self, user):
        return self.page.workflow_in_progress and may_review(self.page, user)


@hooks.register("register_page_header_buttons")
def review_changes_header_button(page, user, view_name, next_url=None):
    yield ReviewChangesMenuItem(page=page, priority=5)


@hooks.register("after_edit_page")
def say_when_an_approval_went_live(request, page):
    """Approving from the page editor ends on the same report as from the dashboard."""
    if (
        "action-workflow-action" in request.POST
        and request.POST.get("workflow-action-name") == "approve"
    ):
        return approved(request, page.pk)
    return None


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


@hooks.register("register_reports_menu_item")
def translations_report_menu_item():
    return DueForReviewMenuItem(
        "Translations to update",
        reverse("medical_review_translations"),
        name="translations-to-update",
        icon_name="globe",
        order=645,
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
