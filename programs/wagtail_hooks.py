"""Admin menus: the care-team snippets editors manage."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CollaborativeGroup, Discipline, Person, ProgramPage


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
