"""Rate limits on the request forms: per address and per form, on the shared cache."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def over_the_limit(request, kind: str) -> bool:
    """Count one request from this address on this form; True once past the limit.

    The address is the client's as the trusted proxies saw it (RATELIMIT_IP_META_KEY),
    not a forgeable X-Forwarded-For.
    """
    return is_ratelimited(
        request,
        group=f"intake:{kind}",
        key="ip",
        rate=settings.INTAKE_RATE_LIMIT,
        increment=True,
    )
