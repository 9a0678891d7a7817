"""Admin sign-in protection: the page shown when django-axes pauses sign-ins."""

from django.conf import settings
from django.shortcuts import render


def describe_duration(delta) -> str:
    """A cool-off period in words: “30 minutes”, “1 hour”, “1 hour 30 minutes”."""
    minutes = max(1, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a clear page (HTTP 429) instead of axes' one-line text.

    It says what happened, for how long, and what to do; it does not say whether the
    account exists, so it gives nothing away to someone guessing usernames.
    """
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_text": describe_duration(cool_off) if cool_off else "",
    }
    return render(
        request,
        "accounts/admin/locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address, as the trusted proxy saw it.

    Behind TRUSTED_PROXY_COUNT proxies that each append to X-Forwarded-For, the client
    is that many entries from the right; anything further left was written by the
    client and may be forged. Not a valid address: fall back to the connection's.
    """
    import ipaddress

    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def rate_limit_address(request) -> str:
    """RATELIMIT_IP_META_KEY: the address django-ratelimit counts public form posts
    by (requests, page feedback): the client as the trusted proxies saw it, as sign-in
    throttling counts it; a request without one counts as one shared address."""
    return client_ip(request) or "0.0.0.0"  # noqa: S104 - a key, not a bind address
