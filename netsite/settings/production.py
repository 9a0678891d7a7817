"""Production: every secret and host comes from the environment, or start-up fails."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, redis_cache

DEBUG = False


def required_env(name: str) -> str:
    """The variable's value; missing or empty stops start-up, naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The {name} environment variable is required in production and is not set "
            "(see the configuration table in README.md)."
        )
    return value


# Required: a missing one stops start-up instead of running insecurely or on SQLite.
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required_env("ALLOWED_HOSTS"))
required_env("DATABASE_URL")  # base.py builds DATABASES from it

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS only. Behind a load balancer that terminates TLS, it sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's and compose's health checks speak plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Consent to the browsers' HSTS preload list (submitting the domain is a separate,
# manual step). includeSubDomains is on anyway; false opts out (check --deploy warns).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The load balancer appends the client's address to X-Forwarded-For; sign-in throttling
# (django-axes) counts failures per client address, not per load balancer.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

if os.environ.get("REDIS_URL"):
    # Shared by every app server; a Redis outage makes cache calls misses, not errors.
    CACHES = {
        "default": redis_cache(
            os.environ["REDIS_URL"], os.environ.get("CACHE_KEY_PREFIX", "netsite")
        )
    }
else:
    # Without a shared cache each gunicorn worker would keep its own copy of every
    # page, and a page unpublished or restricted in one worker would stay public in
    # the others until it expired. So no page cache: refuse one that was asked for,
    # and say at start-up that it is off (netsite/apps.py logs PAGE_CACHE_OFF_REASON).
    if int(os.environ.get("PAGE_CACHE_TIMEOUT", "0") or "0") > 0:
        raise ImproperlyConfigured(
            "PAGE_CACHE_TIMEOUT is set but REDIS_URL is not: the page cache needs a "
            "cache shared by every app server. Set REDIS_URL, or unset "
            "PAGE_CACHE_TIMEOUT to run without a page cache."
        )
    PAGE_CACHE_TIMEOUT = 0
    # Request-form rate limits then count per worker: the limit is per worker too.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
    PAGE_CACHE_OFF_REASON = (
        "The page cache is off: REDIS_URL is not set, and a cache in each worker's "
        "memory would keep serving pages after they are unpublished or restricted. "
        "Set REDIS_URL to turn it on."
    )

# A family's request is encrypted with these keys; without them none could be stored.
if INTAKE_ENABLED:  # noqa: F405
    FERNET_KEYS = env_list(
        "REQUESTS_ENCRYPTION_KEYS", required_env("REQUESTS_ENCRYPTION_KEYS")
    )

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
