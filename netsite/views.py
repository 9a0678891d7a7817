"""Small site-wide views that are not Wagtail pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .paths import ADMIN_PREFIX

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Let search engines in, keep them out of the admin, and point them at the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: {ADMIN_PREFIX}",
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
