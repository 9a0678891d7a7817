"""Admin screens: the “Due for medical review” report, its dashboard panel, and what
a reviewer is told after approving."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .profile_admin import may_approve_reviews
from .reviews import DUE_SOON_DAYS, due_for_review
from .translations import translations_to_update


class DueForReviewReportView(PageReportView):
    """Live condition and trial pages whose medical review is due within 30 days,
    overdue, or never done, and those families lately rated unhelpful — each with its
    reviewer and a link to edit it."""

    page_title = "Due for medical review"
    header_icon = "calendar-check"
    results_template_name = "medical_review/admin/due_for_review_results.html"
    index_url_name = "medical_review_due"
    index_results_url_name = "medical_review_due_results"
    # Anyone who works on pages may see it; each sees only the pages they may edit.
    any_permission_required = ["add", "change", "publish"]
    context_object_name = "entries"
    list_export = [
        "title",
        "page_type",
        "status",
        "last_reviewed",
        "reviewed_by",
        "next_review_due",
        "feedback",
    ]
    export_headings = {
        "title": "Title",
        "page_type": "Type",
        "status": "Review status",
        "last_reviewed": "Last reviewed",
        "reviewed_by": "Reviewed by",
        "next_review_due": "Next review due",
        "feedback": "Families' answers (rated unhelpful)",
    }

    def get_filename(self):
        return f"due-for-medical-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return due_for_review(user=self.request.user, include_poorly_rated=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["within_days"] = DUE_SOON_DAYS
        return context


class TranslationsToUpdateReportView(PageReportView):
    """Translations made from an older English revision, and English pages with no
    translation, the longest-waiting first, with what changed in the English."""

    page_title = "Translations to update"
    header_icon = "globe"
    results_template_name = "medical_review/admin/translations_results.html"
    index_url_name = "medical_review_translations"
    index_results_url_name = "medical_review_translations_results"
    any_permission_required = ["add", "change", "publish"]
    context_object_name = "entries"
    list_export = [
        "title",
        "language",
        "status",
        "since",
        "english_changed_at",
        "changed_fields",
    ]
    export_headings = {
        "title": "Page",
        "language": "Language",
        "status": "Status",
        "since": "Waiting since",
        "english_changed_at": "English changed on",
        "changed_fields": "What changed",
    }

    def get_filename(self):
        return f"translations-to-update-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return translations_to_update()


class DueForReviewPanel(Component):
    """Dashboard panel: the first pages due for review, for reviewers and editors."""

    name = "due_for_medical_review"
    template_name = "medical_review/admin/due_for_review_panel.html"
    # Below "Awaiting your review" (220), what a reviewer acts on first; above
    # "Your most recent edits" (250).
    order = 230
    limit = 8

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context) or {}
        entries = due_for_review(user=self.user, include_poorly_rated=True)
        context.update(
            entries=entries[: self.limit],
            total=len(entries),
            report_url=reverse("medical_review_due"),
            within_days=DUE_SOON_DAYS,
        )
        return context


def approved(request, page_id):
    """After an approval: say what happened to the page, then back to the dashboard.

    Only reports facts read from the page (it is a GET and changes nothing): live
    with the reviewer's line, scheduled, or still waiting for a later step.
    """
    page = get_object_or_404(Page, id=page_id).specific
    perms = page.permissions_for_user(request.user)
    if not (perms.can_edit() or may_approve_reviews(request.user)):
        raise PermissionDenied
    title = page.get_admin_display_title()
    if page.workflow_in_progress:
        task = page.current_workflow_task
        messages.success(
            request,
            f"Your approval of ‘{title}’ is recorded. It goes live after the next "
            f"step, “{task.name}”.",
        )
    elif scheduled := page.scheduled_revision:
        messages.success(
            request,
            f"‘{title}’ is approved and goes live on "
            f"{timezone.localtime(scheduled.approved_go_live_at):%B %-d, %Y at %H:%M}, "
            "as scheduled.",
        )
    elif page.live and not page.has_unpublished_changes:
        reviewed = getattr(page, "reviewed_by", "")
        line = (
            f" It now says “Medically reviewed by {reviewed} on "
            f"{page.last_reviewed:%B %-d, %Y}”."
            if reviewed and page.last_reviewed
            else ""
        )
        messages.success(
            request,
            f"‘{title}’ is approved and live.{line}",
            buttons=[messages.button(page.get_url(request), "View the live page")],
        )
    else:
        messages.warning(request, f"‘{title}’ is not live. See its history for why.")
    return redirect("wagtailadmin_home")
