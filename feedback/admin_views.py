"""Reports › Page feedback: how each page was rated, and one page's answers over time
with what visitors said was missing.

Read-only, for anyone holding ``feedback.view_pagevote`` (Communications editors,
Medical reviewers and Site administrators: accounts/roles.py). Answers carry no
personal data; comments may, despite the form's warning, so they are shown only here.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from . import ratings
from .models import PageVote

PERIODS = {"30": 30, "90": 90, "365": 365, "all": None}
DEFAULT_PERIOD = "90"


class FeedbackPermission:
    """Only roles granted ``feedback.view_pagevote`` (superusers always)."""

    model = PageVote
    permission_required = "view"


class PageFeedbackReportView(FeedbackPermission, ReportView):
    """Every page with answers in the period, the worst rated first."""

    page_title = "Page feedback"
    header_icon = "help"
    results_template_name = "feedback/admin/report_results.html"
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    context_object_name = "rows"
    paginate_by = 50
    list_export = ["title", "page_type", "yes", "no", "helpful_percent", "comments"]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "yes": "Helpful",
        "no": "Not helpful",
        "helpful_percent": "Found it helpful (%)",
        "comments": "Comments",
    }

    def get_filename(self):
        return f"page-feedback-{datetime.date.today():%Y-%m-%d}"

    @property
    def period(self) -> str:
        value = self.request.GET.get("period", DEFAULT_PERIOD)
        return value if value in PERIODS else DEFAULT_PERIOD

    def get_queryset(self):
        days = PERIODS[self.period]
        since = timezone.now() - datetime.timedelta(days=days) if days else None
        found = ratings.ratings(since=since)
        pages = Page.objects.filter(pk__in=list(found)).select_related("content_type")
        rows = [FeedbackRow(page, found[page.pk]) for page in pages]
        # Worst first among pages with enough answers to judge, then the rest.
        rows.sort(
            key=lambda row: (
                row.rating.answers < ratings.MIN_ANSWERS,
                row.rating.helpful_share,
                -row.rating.answers,
                row.title.casefold(),
            )
        )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            period=self.period,
            periods=[("30", "30 days"), ("90", "90 days"), ("365", "A year")]
            + [("all", "All time")],
            min_answers=ratings.MIN_ANSWERS,
        )
        return context


class FeedbackRow:
    """A page and its rating, as the report and its export show them."""

    def __init__(self, page, rating):
        self.page, self.rating = page, rating

    title = property(lambda self: self.page.title)
    yes = property(lambda self: self.rating.yes)
    no = property(lambda self: self.rating.no)
    comments = property(lambda self: self.rating.comments)
    helpful_percent = property(lambda self: self.rating.helpful_percent)

    @property
    def page_type(self) -> str:
        model = self.page.content_type.model_class()
        return model._meta.verbose_name.capitalize() if model else ""

    @property
    def detail_url(self) -> str:
        return reverse("feedback_page", args=[self.page.pk])


class PageFeedbackDetailView(FeedbackPermission, ReportView):
    """One page: answers per month for a year, and the comments, newest first."""

    header_icon = "help"
    results_template_name = "feedback/admin/page_results.html"
    context_object_name = "comments"
    paginate_by = 50

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"])

    def get_page_title(self):
        return f"Feedback on ‘{self.page.get_admin_display_title()}’"

    def get_index_url(self):
        return reverse("feedback_page", args=[self.page.pk])

    def get_index_results_url(self):
        return reverse("feedback_page_results", args=[self.page.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("feedback_report"), "label": "Page feedback"},
            {"url": "", "label": self.page.get_admin_display_title()},
        ]

    def get_queryset(self):
        return (
            PageVote.objects.filter(page=self.page)
            .filter(comment__isnull=False)
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total = ratings.ratings(page_ids=[self.page.pk]).get(self.page.pk)
        context.update(
            feedback_page=self.page,
            total=total,
            months=ratings.by_month(self.page.pk),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context
