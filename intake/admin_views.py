"""Requests in the admin: a list, one request at a time, export, and “Mark handled”.

Who sees a request: members of the team it was routed to who hold the “view” right
(Intake coordinators). Administrators and superusers are no exception: they manage who
is in which team (Settings › Intake teams, in the audit log), and read a team's
requests only as its members. Every read and every export is in the audit log.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.roles import INTAKE

from .models import FamilyRequest, IntakeTeam

HANDLE_PERMISSION = "intake.change_familyrequest"
EXPORT_FIELDS = [
    "received_at",
    "kind",
    "team",
    "about_page",
    *FamilyRequest.FAMILY_FIELDS,
    "handled_at",
]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Requests come from families: nobody adds, edits or deletes one in the admin
    (deletion is the retention job's; “Mark handled” is a view of its own)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class FamilyRequestIndexView(IndexView):
    def get_base_queryset(self):
        return FamilyRequest.objects.readable_by(self.request.user).select_related(
            "team", "about_page"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["my_teams"] = IntakeTeam.objects.filter(members=self.request.user)
        return context

    @sensitive_variables()
    def as_spreadsheet(self, queryset, spreadsheet_format):
        """An export is a read of every request in it: each one is logged."""
        rows = list(queryset)
        for family_request in rows:
            log(family_request, "intake.export", user=self.request.user)
        return super().as_spreadsheet(rows, spreadsheet_format)


class FamilyRequestInspectView(InspectView):
    template_name = "intake/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            FamilyRequest.objects.readable_by(self.request.user), pk=self.pk
        )

    def get(self, request, *args, **kwargs):
        log(self.object, "intake.view", user=request.user)
        return super().get(request, *args, **kwargs)

    def get_handled_at_display_value(self):
        return self.object.status if self.object.handled_at else "Not yet"

    def get_handled_by_display_value(self):
        user = self.object.handled_by
        return (user.get_full_name() or user.get_username()) if user else "–"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_mark_handled"] = self.request.user.has_perm(HANDLE_PERMISSION)
        context["retention_days"] = settings.INTAKE_RETENTION_DAYS
        context["handled_retention_days"] = settings.INTAKE_HANDLED_RETENTION_DAYS
        return context


class FamilyRequestViewSet(ModelViewSet):
    model = FamilyRequest
    icon = "mail"
    menu_label = "Families' requests"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "family-requests"
    name = "family_requests"
    index_view_class = FamilyRequestIndexView
    inspect_view_class = FamilyRequestInspectView
    inspect_view_enabled = True
    index_template_name = "intake/admin/index.html"
    list_display = [
        TitleColumn("__str__", label="Request", url_name="family_requests:inspect"),
        DateColumn("received_at", label="Received", sort_key="received_at"),
        Column("about_page", label="Sent from"),
        Column("team", label="Team"),
        Column("status", label="Status", accessor="status"),
    ]
    list_filter = {"kind": ["exact"], "team": ["exact"], "handled_at": ["isnull"]}
    list_export = EXPORT_FIELDS
    export_filename = "family-requests"
    inspect_view_fields = [*EXPORT_FIELDS, "handled_by", "consent_text"]
    copy_view_enabled = False
    # Never shown: the policy refuses add and edit; a viewset must name some field.
    form_fields = ["kind"]


@require_POST
def mark_handled(request, pk):
    """The team has answered: the request is kept for a shorter time from now."""
    if not request.user.has_perm(HANDLE_PERMISSION):
        raise PermissionDenied
    family_request = get_object_or_404(
        FamilyRequest.objects.readable_by(request.user), pk=pk
    )
    if family_request.handled_at is None:
        family_request.handled_at = timezone.now()
        family_request.handled_by = request.user
        family_request.save(update_fields=["handled_at", "handled_by"])
        log(family_request, "intake.handled", user=request.user)
        messages.success(request, f"{family_request} is marked handled.")
    return redirect("family_requests:index")


class IntakeTeamForm(WagtailAdminModelForm):
    """Members are chosen among the active Intake coordinators (and whoever is a
    member already, so saving never drops someone silently)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(groups__name=INTAKE, is_active=True)
        if self.instance.pk:
            users = users | self.instance.members.all()
        field = self.fields["members"]
        field.queryset = users.distinct().order_by(
            "last_name", "first_name", "username"
        )
        field.label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class IntakeTeamViewSet(SnippetViewSet):
    model = IntakeTeam
    icon = "group"
    menu_label = "Intake teams"
    add_to_settings_menu = True
    list_display = ["name", "inbox_email", "is_default"]
    edit_handler = ObjectList(IntakeTeam.panels, base_form_class=IntakeTeamForm)
