"""What happens when a workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail imports this setting while it loads its own models, so this module must not
import Wagtail or Django models at module level; the work is done in medical_review.reviews.
"""


def publish_with_review(workflow_state, user=None):
    """Record the medical review in the page, then publish it.

    Replaces ``wagtail.workflows.publish_workflow_state``. Two differences:

    * when a Medical review task was approved, the reviewer's name, today's date and
      the next review date are written into the revision that goes live, so the
      public “Medically reviewed by … on …” line is exactly what was approved;
    * the publish skips Wagtail's publish-permission check: approving the workflow is
      the authority to publish. Medical reviewers deliberately hold no publish
      permission (it would let them bypass the workflow), and Wagtail's default action
      would then refuse to publish the page they have just approved.
    """
    from medical_review.reviews import record_review_for_workflow

    revision = record_review_for_workflow(workflow_state)
    if revision is None:
        revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
