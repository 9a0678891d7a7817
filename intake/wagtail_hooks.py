"""Admin: families' requests, intake teams, the request forms' wording, and log actions."""

from django.urls import path
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import (
    FamilyRequestViewSet,
    IntakeTeamViewSet,
    ReadOnlyPolicy,
    mark_handled,
)
from .models import FamilyRequest

register_permission_policy(FamilyRequest, ReadOnlyPolicy(FamilyRequest))
register_snippet(IntakeTeamViewSet)


@hooks.register("register_admin_viewset")
def register_family_requests():
    return FamilyRequestViewSet()


@hooks.register("register_admin_urls")
def register_mark_handled():
    return [
        path(
            "family-requests/<int:pk>/handled/",
            mark_handled,
            name="family_requests_mark_handled",
        )
    ]


@hooks.register("register_log_actions")
def register_request_actions(actions):
    @actions.register_action("intake.view")
    class ViewRequest(LogFormatter):
        label = "Read a family's request"
        message = "Read"

    @actions.register_action("intake.export")
    class ExportRequest(LogFormatter):
        label = "Export a family's request"
        message = "Exported"

    @actions.register_action("intake.handled")
    class HandleRequest(LogFormatter):
        label = "Mark a family's request handled"
        message = "Marked handled"

    @actions.register_action("intake.deleted")
    class DeleteRequest(LogFormatter):
        label = "Delete a family's request after the retention period"
        message = "Deleted after the retention period"
