"""Request logging and the security headers every response carries.

- ``RequestLogMiddleware``: one log line per request (method, path, status, duration)
  tagged with a request id, which is also sent back in ``X-Request-ID``.
- ``ContentSecurityPolicyMiddleware``: django-csp with the strict public policy from
  ``CONTENT_SECURITY_POLICY``, and a relaxed one (``CONTENT_SECURITY_POLICY_ADMIN``)
  for the Wagtail admin, whose pages still rely on inline scripts and styles.
- ``DatabaseUnavailableMiddleware``: a database that is down, or a statement that ran
  past its timeout, is a "503, try again shortly" page, not a 500.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from .paths import ADMIN_PREFIX

logger = logging.getLogger("netsite.request")

# The id of the request being handled in this thread (or task); "-" outside a request.
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# An id from the load balancer is kept only if it is short and plain, so nobody can
# write arbitrary text (newlines, markup) into the logs through a header.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
REQUEST_ID_HEADER = "X-Request-ID"


def incoming_request_id(request) -> str:
    """The load balancer's ``X-Request-ID`` when it is well formed, else a new uuid4."""
    candidate = request.META.get("HTTP_X_REQUEST_ID", "")
    if _VALID_REQUEST_ID.match(candidate):
        return candidate
    return uuid.uuid4().hex


class WithoutTraceback(logging.Filter):
    """For loggers whose message says it all (a request for a Host we do not serve):
    one line, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` so every log line can be tied to one request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class RequestLogMiddleware:
    """Give each request an id, log it once when it is answered, echo the id back.

    Placed first in ``MIDDLEWARE`` so that its timing covers everything, static files
    included, and so the id is known to every log record written while handling it
    (Django's own ``django.request`` error log with its traceback among them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = (time.perf_counter() - started) * 1000
            response[REQUEST_ID_HEADER] = request_id
            # Cheap enough to keep on in production: one formatted line per request.
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.get_full_path()[:500],
                response.status_code,
                duration_ms,
                extra={
                    "status": response.status_code,
                    "duration_ms": round(duration_ms, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxed policy under the admin's URL.

    The public pages get ``CONTENT_SECURITY_POLICY`` (no inline scripts or styles). The
    Wagtail admin (``/admin/``, previews included) renders inline ``<script>`` and
    ``style=""`` attributes, so it gets ``CONTENT_SECURITY_POLICY_ADMIN`` instead; that
    policy still limits every source to this site and forbids framing by other sites.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its own policy with @csp_override
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if admin_policy and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(admin_policy.get("DIRECTIVES", {}))
        return parts


class DatabaseUnavailableMiddleware:
    """Answer 503 with ``Retry-After`` when the database cannot be reached or a statement
    timed out (``OperationalError``/``InterfaceError``): the visitor is told to try
    again in a minute, the load balancer may retry elsewhere, and the log gets one line
    instead of a traceback. The page (503.html) needs no database."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error(
            "Database unavailable for %s %s: %s",
            request.method,
            request.path,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
