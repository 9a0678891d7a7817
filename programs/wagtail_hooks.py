"""Admin menus: snippets editors manage, the trial import, the closed-trials report."""

import django_filters
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CollaborativeGroup, Discipline, Person, ProgramPage
from .views import IMPORT_PERMISSION, ClosedTrialsReportView, TrialImportView


class PersonFilterSet(WagtailFilterSet):
    """Filter people by the care team (program) and discipline they are listed under."""

    program = django_filters.ModelChoiceFilter(
        label="Care team",
        field_name="team_memberships__page",
        queryset=ProgramPage.objects.order_by("title"),
        empty_label="Any program",
        distinct=True,
    )
    discipline = django_filters.ModelChoiceFilter(
        label="Discipline",
        field_name="team_memberships__discipline",
        queryset=Discipline.objects.all(),
        empty_label="Any discipline",
        distinct=True,
    )

    class Meta:
        model = Person
        fields = []


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "credentials", "job_title"]
    search_fields = ["name", "job_title"]
    filterset_class = PersonFilterSet
    ordering = ["name"]


class DisciplineViewSet(SnippetViewSet):
    model = Discipline
    icon = "group"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class CollaborativeGroupViewSet(SnippetViewSet):
    model = CollaborativeGroup
    icon = "globe"
    menu_label = "Collaborative groups"
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


class CareTeamsGroup(SnippetViewSetGroup):
    menu_label = "Teams and groups"
    menu_icon = "group"
    menu_order = 250
    items = (PersonViewSet, DisciplineViewSet, CollaborativeGroupViewSet)


register_snippet(CareTeamsGroup)


# --- Clinical trials: registry import and the closed-trials report ------------------


class TrialImportMenuItem(MenuItem):
    """Shown only to people allowed to import trials."""

    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class ClosedTrialsReportMenuItem(MenuItem):
    """Shown to anyone who can work on pages, as the report's view checks."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_trial_admin_urls():
    return [
        path(
            "trials/import/", TrialImportView.as_view(), name="programs_import_trials"
        ),
        path(
            "reports/trials-no-longer-open/",
            ClosedTrialsReportView.as_view(),
            name="programs_closed_trials",
        ),
        path(
            "reports/trials-no-longer-open/results/",
            ClosedTrialsReportView.as_view(results_only=True),
            name="programs_closed_trials_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_trial_import_menu_item():
    return TrialImportMenuItem(
        "Import from ClinicalTrials.gov",
        reverse("programs_import_trials"),
        name="import-trials",
        icon_name="download",
        order=260,
    )


@hooks.register("register_reports_menu_item")
def register_closed_trials_report_menu_item():
    return ClosedTrialsReportMenuItem(
        "Trials no longer open",
        reverse("programs_closed_trials"),
        name="trials-no-longer-open",
        icon_name="warning",
        order=650,
    )
