"""Small site-wide views that are not Wagtail pages."""

import functools
import logging
import uuid

from django.core.cache import cache
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods

from .health import database_answers
from .paths import ADMIN_PREFIX

# Load balancers time a health check out after about 2 s: answer well within that.
HEALTH_DATABASE_TIMEOUT = 1.5

logger = logging.getLogger(__name__)


def read_only(view):
    """GET, and HEAD and OPTIONS answered as GET is (monitors and proxies send them);
    anything else is 405. The server leaves out the body of a HEAD response."""

    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "OPTIONS":
            response["Allow"] = "GET, HEAD, OPTIONS"
        return response

    return wrapped


@read_only
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Let search engines in, keep them out of the admin, and point them at the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: {ADMIN_PREFIX}",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@read_only
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and bookmarking tools ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@read_only
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not
    (within 1.5 s, however the database fails: netsite/health.py).

    The cache is reported too, but a cache outage only makes the site slower (every
    cache call is a miss), so it is "degraded", still 200: taking app servers out of
    the load balancer for it would turn a slow site into no site.
    """
    if not database_answers(timeout=HEALTH_DATABASE_TIMEOUT):
        return JsonResponse(
            {"status": "unavailable", "database": "down", "cache": cache_status()},
            status=503,
        )
    cache = cache_status()
    return JsonResponse(
        {
            "status": "ok" if cache == "up" else "degraded",
            "database": "up",
            "cache": cache,
        }
    )


def cache_status() -> str:
    """ "up" when the default cache stores and returns a value, else "degraded"."""
    token = uuid.uuid4().hex
    try:
        cache.set(HEALTH_KEY, token, timeout=30)
        answered = cache.get(HEALTH_KEY)
    except Exception:  # noqa: BLE001 - a cache backend that raises is degraded too
        answered = None
    return "up" if answered == token else "degraded"


HEALTH_KEY = "healthz:probe"
