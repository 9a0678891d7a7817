"""The site search page (search/engine.py answers the query)."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from . import engine as site_search

# Zero-result searches are recorded a second time under this prefix, so the search
# terms report (Reports › Search terms, searchable) answers "what do families find
# nothing for?"
NO_RESULTS_PREFIX = "[no results] "


def record_search(outcome) -> None:
    """Count the search in Wagtail's search terms report (first page of results only,
    so paging through results is not counted as more searches)."""
    if not normalise_query_string(outcome.query):
        return
    Query.get(outcome.query).add_hit()
    if not outcome.total:
        Query.get(NO_RESULTS_PREFIX + outcome.query).add_hit()


@require_safe
def search(request):
    """Site search over every page type that has a search result label."""
    page_number = request.GET.get("page") or "1"
    outcome = site_search.search_site(request.GET.get("q", ""), page_number)
    # Only a first page counts as a search: paging through results is not a new one.
    if outcome.results is not None and page_number.strip() == "1":
        record_search(outcome)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search": outcome,
            "search_query": outcome.query,
            "page_query": urlencode({"q": outcome.query}),
            "max_query_length": site_search.MAX_QUERY_LENGTH,
        },
    )
