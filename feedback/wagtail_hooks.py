"""Reports › Page feedback, for the roles that may read it (``view_pagevote``)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PageFeedbackDetailView, PageFeedbackReportView


@hooks.register("register_admin_urls")
def feedback_report_urls():
    return [
        path(
            "reports/page-feedback/",
            PageFeedbackReportView.as_view(),
            name="feedback_report",
        ),
        path(
            "reports/page-feedback/results/",
            PageFeedbackReportView.as_view(results_only=True),
            name="feedback_report_results",
        ),
        path(
            "reports/page-feedback/<int:page_id>/",
            PageFeedbackDetailView.as_view(),
            name="feedback_page",
        ),
        path(
            "reports/page-feedback/<int:page_id>/results/",
            PageFeedbackDetailView.as_view(results_only=True),
            name="feedback_page_results",
        ),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("feedback.view_pagevote")


@hooks.register("register_reports_menu_item")
def feedback_report_menu_item():
    return FeedbackMenuItem(
        "Page feedback",
        reverse("feedback_report"),
        name="page-feedback",
        icon_name="help",
        order=650,  # after “Due for medical review”
    )
