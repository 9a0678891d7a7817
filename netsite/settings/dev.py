"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env_bool, env_list, os

# DJANGO_DEBUG=0 shows the site as visitors see it (friendly 404/500 pages); the
# browser tests run the demo server that way.
DEBUG = env_bool("DJANGO_DEBUG", True)
# runserver serves uploaded media in development, whatever DEBUG is.
SERVE_MEDIA = True
# A fixed key is fine here: this settings module is never used with real data.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve un-hashed static files from the app folders without `collectstatic`.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No whole-page cache while templates and code change under you (set it to try it).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "0"))
# make run's printed login goes straight in; TWO_FACTOR_REQUIRED=1 to try the 2FA steps.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
# A fixed key for the demo's encrypted request fields: this database holds no real data.
FERNET_KEYS = env_list("REQUESTS_ENCRYPTION_KEYS") or ["dev-only-request-key"]
# One process (runserver): its local-memory cache is the whole count.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
