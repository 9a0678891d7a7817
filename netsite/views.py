"""Small site-wide views that are not Wagtail pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from . import search as site_search

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Let search engines in, keep them out of the admin, and point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and bookmarking tools ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


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
    """Site search over conditions, programs, trials and pages (netsite/search.py)."""
    page_number = request.GET.get("page") or "1"
    outcome = site_search.search_site(request.GET.get("q", ""), page_number)
    # Only a first page counts as a search: paging through results is not a new one.
    if outcome.results is not None and page_number.strip() == "1":
        record_search(outcome)
    return TemplateResponse(
        request,
        "netsite/search.html",
        {
            "search": outcome,
            "search_query": outcome.query,
            "max_query_length": site_search.MAX_QUERY_LENGTH,
        },
    )
