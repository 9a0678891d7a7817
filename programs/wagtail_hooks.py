"""Admin menus for the snippets editors manage: people, disciplines, collaborative groups."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CollaborativeGroup, Discipline, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "credentials", "job_title"]
    search_fields = ["name", "job_title"]
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
