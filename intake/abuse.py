"""Rate limits on the request forms: per address and per form, on the shared cache."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from accounts.security import client_ip


def _address(group, request) -> str:
    # The client's address as the trusted proxy saw it (as for sign-in throttling),
    # not a forgeable X-Forwarded-For.
    return client_ip(request) or "unknown"


def over_the_limit(request, kind: str) -> bool:
    """Count one request from this address on this form; True once past the limit."""
    return is_ratelimited(
        request,
        group=f"intake:{kind}",
        key=_address,
        rate=settings.INTAKE_RATE_LIMIT,
        increment=True,
    )
