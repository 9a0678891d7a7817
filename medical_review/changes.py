"""What a reviewer is asked to approve: the submitted version against what families
see now, field by field (inline lists too), or all of it, marked new, for a page that
has never been published.

Wagtail's own "Compare with previous version" compares two drafts; a reviewer signs
off what goes live, so the comparison here is always with the live page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.compare import RichTextFieldComparison
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.models import Page
from wagtail.utils.text import text_from_html

BASE, SUBMITTED = "base", "submitted"


def submitted_revision(page):
    """The revision under review: the current task's, else the latest one."""
    task_state = page.current_workflow_task_state
    if task_state is not None and task_state.revision_id:
        return task_state.revision
    return page.get_latest_revision()


def comparison_base(page):
    """What the submitted version is compared with: the live page, or, for a page
    never published, an empty page of its type (so everything shows as added)."""
    return page if page.live else page.specific_class()


def field_changes(page, revision, request) -> list:
    """Wagtail's field comparisons that differ between the base and ``revision``."""
    bound = page.get_edit_handler().get_bound_panel(
        instance=page, request=request, form=None
    )
    before, after = comparison_base(page), revision.as_object()
    return [
        change
        for change in (compare(before, after) for compare in bound.get_comparison())
        if _words_changed(change)
    ]


def _words_changed(change) -> bool:
    """Has the field changed in a way the reviewer can see?

    Wagtail diffs rich text by its words, and the editor adds invisible markup (block
    keys, an empty paragraph) the first time a rich-text field is saved; listing such
    a field as "changed" with no visible difference would teach reviewers to skim.
    """
    if isinstance(change, RichTextFieldComparison):
        return text_from_html(change.val_a or "") != text_from_html(change.val_b or "")
    return change.has_changed()


def may_review(page, user) -> bool:
    """Is ``user`` one of the people the page's current review step waits for?"""
    task = page.current_workflow_task
    return bool(task and task.get_actions(page, user))


@dataclass
class ReviewSummary:
    """What the approve / request-changes confirmation tells the reviewer."""

    page: Page
    is_new: bool
    changed: list[str]
    changes_url: str
    live_url: str | None
    notes: list[str]
    goes_live_at: object = None  # the submitted version's own future go-live time


def review_summary(page, request) -> ReviewSummary:
    """The changed fields' names and where to see them in full."""
    page = page.specific
    revision = submitted_revision(page)
    changed = (
        [str(change.field_label()) for change in field_changes(page, revision, request)]
        if revision
        else []
    )
    go_live_at = revision.as_object().go_live_at if revision else None
    return ReviewSummary(
        goes_live_at=go_live_at if go_live_at and go_live_at > timezone.now() else None,
        page=page,
        is_new=not page.live,
        changed=changed,
        changes_url=reverse("medical_review_changes", args=[page.pk]),
        live_url=page.get_full_url(request) if page.live else None,
        notes=page.review_notes(),
    )


class ReviewChangesView(RevisionsCompareView):
    """Admin › a page in review › “Changes for review”."""

    template_name = "medical_review/admin/review_changes.html"
    page_title = "Changes for review"

    def setup(self, request, page_id, *args, **kwargs):
        super().setup(request, page_id, BASE, SUBMITTED, *args, **kwargs)

    def get_object(self, queryset=None):
        page = get_object_or_404(Page, id=self.pk).specific
        perms = page.permissions_for_user(self.request.user)
        if not (
            perms.can_edit()
            or perms.can_publish()
            or may_review(page, self.request.user)
        ):
            raise PermissionDenied
        return page

    @cached_property
    def submitted(self):
        return submitted_revision(self.object)

    def _get_comparison(self, revision_a, revision_b):
        if self.submitted is None:
            return []
        return field_changes(self.object, self.submitted, self.request)

    def _get_revision_and_heading(self, revision_id):
        if revision_id == BASE:
            base = comparison_base(self.object)
            return base, "Live now" if self.object.live else "Not yet published"
        if self.submitted is None:
            return self.object, "No saved version"
        return self.submitted.as_object(), "Submitted for review"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task_state = self.object.current_workflow_task_state
        actions = []
        if task_state is not None:
            actions = [
                (
                    name,
                    label,
                    modal,
                    reverse(
                        "wagtailadmin_pages:workflow_action",
                        args=[self.object.pk, name, task_state.pk],
                    ),
                )
                for name, label, modal in task_state.task.specific.get_actions(
                    self.object, self.request.user
                )
            ]
        context.update(
            is_new=not self.object.live,
            in_review=task_state is not None,
            submitted=self.submitted,
            actions=actions,
            live_url=self.object.get_url(self.request) if self.object.live else None,
            notes=self.object.review_notes(),
        )
        return context
