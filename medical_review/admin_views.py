"""Admin screens: the “Due for medical review” report and its dashboard panel."""

import datetime

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView

from .reviews import DUE_SOON_DAYS, due_for_review


class DueForReviewReportView(PageReportView):
    """Live condition and trial pages whose medical review is due within 30 days,
    overdue, or never done — each with its reviewer and a link to edit it."""

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
    ]
    export_headings = {
        "title": "Title",
        "page_type": "Type",
        "status": "Review status",
        "last_reviewed": "Last reviewed",
        "reviewed_by": "Reviewed by",
        "next_review_due": "Next review due",
    }

    def get_filename(self):
        return f"due-for-medical-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return due_for_review(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["within_days"] = DUE_SOON_DAYS
        return context


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
        entries = due_for_review(user=self.user)
        context.update(
            entries=entries[: self.limit],
            total=len(entries),
            report_url=reverse("medical_review_due"),
            within_days=DUE_SOON_DAYS,
        )
        return context
