"""The “Medical review” workflow step: a group approval that knows who is signing.

A ``GroupApprovalTask`` for the Medical reviewers group, with three differences that
matter to clinicians:

* a reviewer approves only once their profile names them as families will read it
  (public name and credentials, ``medical_review.profiles``);
* approving always opens a confirmation that says what goes live, what the page will
  say about the review, and takes an optional comment; there is no one-click approve;
* after approving, the reviewer is told the page is live, with a link to it.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import GroupApprovalTask

from .profiles import signature_for
from .translations import untranslated_message, untranslated_segments

APPROVE = "approve"
REQUEST_CHANGES = "reject"  # Wagtail's name for the action


class MedicalReviewTask(GroupApprovalTask):
    """Medical reviewers approve or request changes, signing with their profile."""

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve the page's medical content. Approval "
            "needs a reviewer profile (public name and credentials) and writes it on "
            "the page; the page goes live when the workflow ends."
        )

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        # Both open a confirmation (the True): approving is never a single click.
        return [
            (REQUEST_CHANGES, "Request changes", True),
            (APPROVE, "Approve and publish", True),
        ]

    def get_template_for_action(self, action):
        return "medical_review/admin/review_action_modal.html"

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == APPROVE and signature_for(user) is None:
            # The confirmation shows no approve button without a profile; this is the
            # same rule for a request made some other way.
            raise PermissionDenied(
                "Add your public name and credentials to your reviewer profile first."
            )
        if action_name == APPROVE:
            page = task_state.workflow_state.content_object
            # A translation with parts still in English is not approved: the
            # English would go live on a Spanish page as if it were translated.
            if missing := untranslated_segments(page):
                raise PermissionDenied(untranslated_message(missing))
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == APPROVE:
            page_id = task_state.workflow_state.object_id
            return reverse("medical_review_approved", args=[page_id])
        return None
