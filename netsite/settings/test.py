"""Test settings: fast hashing, in-memory cache and e-mail, temporary media."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Room for many image renditions without culling the page cache's generation key.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="netsite-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="netsite-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The registry is never called from tests; anything that tries fails loudly.
CTGOV_API_BASE_URL = "http://127.0.0.1:9/ctgov-disabled-in-tests"
# The whole-page cache is off by default in tests: factories change pages without the
# publish signals that empty it, so a page cached by one request (or test) would be
# served stale to the next. Its own tests switch it on (tests/netsite/test_page_cache.py).
PAGE_CACHE_TIMEOUT = 0
# django-axes refuses authenticate() calls without a request, which is what the test
# client's login() (and WagtailTestUtils.login) make. Tests sign in with force_login or
# with axes off; tests/accounts/test_login_security.py switches it on to test the lockout.
AXES_ENABLED = False
# Most tests sign in with force_login; tests/accounts/test_two_factor.py switches this on.
TWO_FACTOR_REQUIRED = False
# Fixed, test-only keys for the encrypted request fields (intake/).
FERNET_KEYS = ["test-only-request-key"]
# The local-memory cache counts per process; that is what tests want (django-ratelimit
# prefers a shared cache, which production has in Redis).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
