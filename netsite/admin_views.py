"""Admin screens: the “Due for medical review” report, its dashboard panel, and groups
listed with what each role is for."""

import datetime

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import PageReportView
from wagtail.users.views import groups as wagtail_groups

from .reviews import DUE_SOON_DAYS, due_for_review
from .roles import ROLE_DESCRIPTIONS


class DueForReviewReportView(PageReportView):
    """Live condition and trial pages whose medical review is due within 30 days,
    overdue, or never done — each with its reviewer and a link to edit it."""

    page_title = "Due for medical review"
    header_icon = "calendar-check"
    results_template_name = "netsite/admin/due_for_review_results.html"
    index_url_name = "netsite_due_for_review"
    index_results_url_name = "netsite_due_for_review_results"
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
    template_name = "netsite/admin/due_for_review_panel.html"
    order = 150  # above Wagtail's own moderation and recent-edits panels
    limit = 8

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context) or {}
        entries = due_for_review(user=self.user)
        context.update(
            entries=entries[: self.limit],
            total=len(entries),
            report_url=reverse("netsite_due_for_review"),
            within_days=DUE_SOON_DAYS,
        )
        return context


class GroupIndexView(wagtail_groups.IndexView):
    columns = [
        *wagtail_groups.IndexView.columns,
        Column(
            "description",
            label="What this group may do",
            accessor=lambda group: ROLE_DESCRIPTIONS.get(group.name, ""),
            width="65%",
        ),
    ]


class GroupEditView(wagtail_groups.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_description"] = ROLE_DESCRIPTIONS.get(self.object.name, "")
        return context


class GroupViewSet(wagtail_groups.GroupViewSet):
    """Wagtail's groups admin, with each role's description shown in the list and
    on its edit page, so administrators see what a group is for before changing it."""

    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    edit_template_name = "netsite/admin/group_form.html"
