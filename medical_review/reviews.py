"""Medical review: record approvals, find pages due for review, remind reviewers.

The page types under review are found by what they are — page models that mix in
``MedicalReviewFields`` (condition and trial pages) — so a new medical page type is
reviewed, reported and reminded about without a change here.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, get_page_models
from wagtail.permissions import policy_registry

from feedback.ratings import Rating, poorly_rated
from netsite.models import SiteSettings

from .models import MedicalReviewFields, MedicalReviewTask
from .profiles import signature_for
from .setup import REVIEWERS

# A page is listed as due from this many days before its next review date.
DUE_SOON_DAYS = 30
# The status of a page listed only because families rate it unhelpful.
RATED_UNHELPFUL = "rated unhelpful"
DEFAULT_INTERVAL_MONTHS = SiteSettings._meta.get_field("review_interval_months").default


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus whole calendar months, clamped to the end of a shorter month.

    31 January + 1 month is 28 (or 29) February, not 3 March.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def review_models() -> list[type[Page]]:
    """Page models that carry medical review dates (condition and trial pages)."""
    return [
        model for model in get_page_models() if issubclass(model, MedicalReviewFields)
    ]


def medical_review_tasks():
    """The “Medical review” steps: tasks of the Medical review type.

    Found by their type rather than their name, so renaming the task or the workflow
    in the admin does not stop approvals being recorded.
    """
    return MedicalReviewTask.objects.all()


def reviewer_display_name(user) -> str:
    """How an approving user is named on the public page: their profile's signature
    (“Rita Reviewer, MD, Pediatric Oncology”).

    Approval requires a complete profile, so the fallbacks (full name, then username)
    are for records made before profiles existed, or a profile since deleted.
    """
    return (
        signature_for(user)
        or (user.get_full_name() or "").strip()
        or user.get_username()
    )


def review_interval_months(page) -> int:
    """The site's review interval for ``page`` (Settings › Site settings)."""
    site = page.get_site()
    if site is None:
        return DEFAULT_INTERVAL_MONTHS
    return SiteSettings.for_site(site).review_interval_months or DEFAULT_INTERVAL_MONTHS


def record_review_for_workflow(workflow_state):
    """Write the Medical review approval into a new latest revision of the page.

    Called just before the approved workflow publishes, so the published page carries
    who approved it and when. Returns that revision, to be published; None (nothing
    written) for pages without review fields or workflows with no Medical review step.
    """
    page = workflow_state.content_object
    if page is None or not issubclass(page.specific_class or Page, MedicalReviewFields):
        return None
    approval = (
        TaskState.objects.filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_APPROVED,
            task__in=medical_review_tasks(),
            finished_by__isnull=False,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if approval is None:
        return None

    reviewer = approval.finished_by
    today = timezone.localdate(approval.finished_at)
    draft = page.get_latest_revision().as_object()
    draft.last_reviewed = today
    draft.reviewed_by = reviewer_display_name(reviewer)[:255]
    draft.next_review_due = add_months(today, review_interval_months(draft))
    # A revision of its own, by the reviewer, so the page history shows exactly what
    # the approval changed. clean=False: the content was validated when submitted.
    return draft.save_revision(user=reviewer, clean=False, log_action=False)


@dataclass
class DueReview:
    """A live page due for medical review, with what the report and e-mails show."""

    page: Page
    status: str  # "overdue", "due soon", "never reviewed" or "rated unhelpful"
    # Set when families have lately found the page unhelpful (feedback/ratings.py).
    rating: Rating | None = None

    @property
    def feedback(self) -> str:
        """“3 of 12 found it helpful” when the page is rated unhelpful, else ""."""
        return self.rating.summary if self.rating else ""

    @property
    def feedback_url(self) -> str:
        return reverse("feedback_page", args=[self.page.pk]) if self.rating else ""

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def page_type(self) -> str:
        return self.page._meta.verbose_name.capitalize()

    @property
    def last_reviewed(self):
        return self.page.last_reviewed

    @property
    def reviewed_by(self) -> str:
        return self.page.reviewed_by

    @property
    def next_review_due(self):
        return self.page.next_review_due

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def due_for_review(
    *,
    today=None,
    within_days: int = DUE_SOON_DAYS,
    user=None,
    include_poorly_rated: bool = False,
) -> list[DueReview]:
    """Live condition and trial pages due for review within ``within_days``, or overdue.

    Pages that have never been reviewed are included too: they are live medical
    content nobody has signed off. Overdue first, then by due date, then title. With
    ``user``, only pages that user may edit are listed. With ``include_poorly_rated``
    (the report and the dashboard, not the reminder e-mails), the pages families have
    lately rated worst (feedback/ratings.py) are listed too, whenever their review is
    due, and every listed page carries its rating if it is one of them.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    editable = None
    if user is not None:
        editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(
            user, "change"
        )
    entries = []
    for model in review_models():
        pages = model.objects.live().filter(
            Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True)
        )
        if editable is not None:
            pages = pages.filter(pk__in=editable.values("pk"))
        for page in pages.order_by("title"):
            if page.next_review_due is None:
                status = "never reviewed"
            elif page.next_review_due < today:
                status = "overdue"
            else:
                status = "due soon"
            entries.append(DueReview(page=page, status=status))
    if include_poorly_rated:
        _add_poorly_rated(entries, editable)
    # Due pages first, as ever; then those listed only for their rating, worst first.
    entries.sort(
        key=lambda e: (
            e.status == RATED_UNHELPFUL,
            e.rating.helpful_share if e.status == RATED_UNHELPFUL else 0,
            e.next_review_due is not None,
            e.next_review_due or datetime.date.min,
            e.title.casefold(),
        )
    )
    return entries


def _add_poorly_rated(entries: list[DueReview], editable) -> None:
    """Mark the listed pages families rate worst, and add those not listed yet."""
    poor = poorly_rated()
    if not poor:
        return
    for entry in entries:
        entry.rating = poor.get(entry.page.pk)
    listed = {entry.page.pk for entry in entries}
    missing = [page_id for page_id in poor if page_id not in listed]
    for model in review_models() if missing else []:
        pages = model.objects.live().filter(pk__in=missing)
        if editable is not None:
            pages = pages.filter(pk__in=editable.values("pk"))
        entries.extend(
            DueReview(page=page, status=RATED_UNHELPFUL, rating=poor[page.pk])
            for page in pages
        )


def last_approvers(pages) -> dict[int, object]:
    """For each page id, the user who last approved its Medical review (if any)."""
    ids = {str(page.pk): page.pk for page in pages}
    approvals = (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            task__in=medical_review_tasks(),
            workflow_state__object_id__in=list(ids),
            workflow_state__base_content_type__model="page",
            workflow_state__base_content_type__app_label="wagtailcore",
            finished_by__isnull=False,
        )
        .select_related("finished_by", "workflow_state")
        .order_by("finished_at", "pk")
    )
    result = {}
    for approval in approvals:  # oldest first, so the latest approval wins
        result[ids[approval.workflow_state.object_id]] = approval.finished_by
    return result


def reminders(
    *, today=None, within_days: int = DUE_SOON_DAYS
) -> dict[object, list[DueReview]]:
    """Which active Medical reviewer should hear about which due pages.

    A page goes to the reviewer who last approved it while they are still an active
    Medical reviewer with an e-mail address; otherwise (never reviewed, or that
    reviewer has left the group) to every Medical reviewer, so nothing is orphaned.
    """
    entries = due_for_review(today=today, within_days=within_days)
    if not entries:
        return {}
    reviewers = list(
        get_user_model()
        .objects.filter(groups__name=REVIEWERS, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )
    approvers = last_approvers([entry.page for entry in entries])
    by_reviewer: dict[object, list[DueReview]] = defaultdict(list)
    for entry in entries:
        approver = approvers.get(entry.page.pk)
        for reviewer in [approver] if approver in reviewers else reviewers:
            by_reviewer[reviewer].append(entry)
    return dict(by_reviewer)


def send_reminders(
    *, today=None, within_days: int = DUE_SOON_DAYS, dry_run=False
) -> int:
    """E-mail each reviewer the pages due for their review; return the e-mails sent."""
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    sent = 0
    for reviewer, entries in reminders(today=today, within_days=within_days).items():
        context = {
            "reviewer": reviewer,
            "entries": entries,
            "base_url": base_url,
            "within_days": within_days,
        }
        count = len(entries)
        subject = f"{count} page{'s' if count != 1 else ''} due for medical review"
        body = render_to_string("medical_review/emails/review_reminder.txt", context)
        if not dry_run:
            EmailMessage(subject=subject, body=body, to=[reviewer.email]).send()
        sent += 1
    return sent
