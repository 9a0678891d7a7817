"""Admin for the snippets editors manage (search synonyms, the glossary), and the
reading level panel's live figure."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ConditionSynonym, GlossaryTerm
from .reading_level_view import live_reading_level


class ConditionSynonymViewSet(SnippetViewSet):
    """Lay words and old names that site search should answer with a condition page."""

    model = ConditionSynonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_admin_menu = False
    list_display = ["term", "condition", "note"]
    list_filter = ["condition"]
    # Not in the search index: a plain database filter on these fields is enough here.
    search_fields = ["term", "note"]
    search_backend_name = None
    ordering = ["term"]


register_snippet(ConditionSynonymViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    """Plain definitions of words families may not know (Snippets › Glossary)."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    add_to_admin_menu = False
    list_display = ["term", "definition"]
    search_fields = ["term", "definition"]
    search_backend_name = None
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_admin_urls")
def reading_level_urls():
    return [
        path(
            "conditions/reading-level/",
            live_reading_level,
            name="conditions_reading_level",
        )
    ]
