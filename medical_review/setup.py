"""The Medical review workflow: its names, its creation, and which sections need it.

Written against a model registry passed in as ``apps``, so the same code runs inside
the roles data migration (historical models) and at run time.
"""

from __future__ import annotations

from wagtail.models import Page

from .models import MedicalReviewFields

REVIEWERS = "Medical reviewers"  # the group whose members approve
WORKFLOW_NAME = "Medical review"
TASK_NAME = "Medical review"
# Wagtail's starter workflow, replaced by Medical review.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def section_needs_review(page_class) -> bool:
    """Does a section page of this type hold medical content?

    Yes when a page type it may hold mixes in ``MedicalReviewFields`` (the conditions
    index holds condition pages, the trial listing trial pages): the page types
    declare it, so a new medical page type needs no list updated here.
    """
    if page_class is None or not issubclass(page_class, Page):
        return False
    return any(
        issubclass(child, MedicalReviewFields)
        for child in page_class.allowed_subpage_models()
    )


def create_review_workflow(apps, reviewers, using: str = "default"):
    """The “Medical review” workflow: one group-approval task for Medical reviewers.

    Wagtail's starter “Moderators approval” workflow on the root page is taken off
    the page tree (and deleted when nothing has used it), so pages outside the
    clinical sections have no workflow and only Medical review remains.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    Workflow = apps.get_model("wagtailcore", "Workflow")  # noqa: N806
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")  # noqa: N806
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")  # noqa: N806
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")  # noqa: N806
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")  # noqa: N806
    TaskState = apps.get_model("wagtailcore", "TaskState")  # noqa: N806

    for default in Workflow.objects.using(using).filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        WorkflowPage.objects.using(using).filter(workflow=default).delete()
        task_ids = list(
            WorkflowTask.objects.using(using)
            .filter(workflow=default)
            .values_list("task_id", flat=True)
        )
        if WorkflowState.objects.using(using).filter(workflow=default).exists():
            default.active = False
            default.save(update_fields=["active"])
        else:
            default.delete()
            unused = GroupApprovalTask.objects.using(using).filter(pk__in=task_ids)
            unused = unused.exclude(
                pk__in=TaskState.objects.using(using).values("task_id")
            )
            unused = unused.exclude(
                pk__in=WorkflowTask.objects.using(using).values("task_id")
            )
            unused.delete()

    workflow = Workflow.objects.using(using).filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.using(using).create(name=WORKFLOW_NAME, active=True)
    # A Medical review task is a group-approval task, so this finds either kind.
    task = GroupApprovalTask.objects.using(using).filter(name=TASK_NAME).first()
    if task is None:
        task_model = _review_task_model(apps)
        task = task_model.objects.using(using).create(
            name=TASK_NAME,
            active=True,
            content_type=ContentType.objects.db_manager(using).get_or_create(
                app_label=task_model._meta.app_label,
                model=task_model._meta.model_name,
            )[0],
        )
    task.groups.add(reviewers)
    WorkflowTask.objects.using(using).get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


def _review_task_model(apps):
    """The Medical review task type, or Wagtail's group approval task in the roles
    migration, which runs before medical_review/0001 creates the type (that migration
    converts the task it made)."""
    try:
        return apps.get_model("medical_review", "MedicalReviewTask")
    except LookupError:
        return apps.get_model("wagtailcore", "GroupApprovalTask")
