"""Settings shared by every environment. Everything site-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


# This project's own apps: the shell, the content apps (programs ← conditions ←
# trials) and the features that span them. The page cache watches their models
# (netsite/page_cache.py) and the demo loader asks each for its demo content.
LOCAL_APPS = [
    "netsite",
    "programs",
    "conditions",
    "trials",
    "search",
    "feedback",
    "medical_review",
    "accounts",
    "intake",
]

INSTALLED_APPS = [
    *LOCAL_APPS,
    # Translations of pages and snippets, kept in step with their English source
    # (wagtail-localize; its locales app replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, with groups listed alongside what each role is for.
    "accounts.admin_apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    # Rate limits on the families' request forms (intake/abuse.py), on the shared cache.
    "django_ratelimit",
    # Two-factor sign-in for the admin (accounts/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First: a request id and one log line (status, duration) for every request.
    "netsite.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers before WhiteNoise, so static files carry them too.
    "netsite.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and auth: a cached page for an anonymous visitor skips them
    # all. See netsite/page_cache.py for what is never cached.
    "netsite.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL: /es/… is Spanish, everything else English (never
    # the browser's Accept-Language, so a URL always shows the same language).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.two_factor.AdminTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A database outage or timeout in a view is a 503 page, not a 500.
    "netsite.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in protection (django-axes). The axes backend runs first and refuses a locked-out
# account or address before the password is checked at all. AxesBackend rather than
# AxesStandaloneBackend: it can also load a signed-in user, which Wagtail's test helpers
# and force_login() expect of the first backend. ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Either trips the lock: AXES_FAILURE_LIMIT failures for one username (from anywhere),
# or from one address (whatever usernames are tried). See docs/operations.md to unlock.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner; lockouts are still logged
AXES_LOCKOUT_CALLABLE = "accounts.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
# How many proxies in front of the app append to X-Forwarded-For (0: none, use the
# connection's address). Wrong here means every sign-in shares the proxy's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# "Was this page helpful?" (feedback/views.py): votes and comments one address may post,
# counted in the default cache (Redis, shared by every app server, in production).
# The address is the client's as the trusted proxies saw it, IPv6 by /64 network.
FEEDBACK_RATE = os.environ.get("FEEDBACK_RATE", "20/h")
RATELIMIT_IP_META_KEY = "accounts.security.rate_limit_address"
# A cache outage must not stop families answering; the honeypot and tokens still apply.
RATELIMIT_FAIL_OPEN = True
# Days a "What was missing?" comment is kept (feedback/management/commands/
# delete_old_feedback_comments.py, run daily by docker/cron.sh); the yes/no stays.
FEEDBACK_COMMENT_RETENTION_DAYS = int(
    os.environ.get("FEEDBACK_COMMENT_RETENTION_DAYS", "365")
)

# Admin sessions end after 8 hours (or when the browser closes, unless “Remember me”).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))

ROOT_URLCONF = "netsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "netsite.wsgi.application"

# DATABASE_URL (postgres://user:pass@host:5432/name) in production and CI; an embedded
# SQLite file in the project folder when it is unset, so `make run` needs nothing else.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    # A database that stops answering must not hold a request forever: give up on
    # connecting after DATABASE_CONNECT_TIMEOUT seconds, and on a statement (a lock
    # wait included) after DATABASE_STATEMENT_TIMEOUT milliseconds. netsite/wsgi.py
    # sets 5000 for the web server; management commands (migrations, imports,
    # backups) have no statement limit unless the variable is set.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    if _statement_ms := int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "0") or "0"):
        _options["options"] = f"-c statement_timeout={_statement_ms}"
# The embedded SQLite of `make run`, for a small team editing at once (autosave and
# "Save draft" included): WAL lets pages be read while one editor writes; IMMEDIATE
# transactions take the write lock when they begin, so a second writer waits for it
# (up to "timeout" seconds) instead of failing with "database is locked" half-way.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's URLs, Spanish under /es/ (netsite/urls.py). Interface strings in
# locale/<lang>/LC_MESSAGES/django.po (compiled .mo files are committed); page content
# is translated page by page with wagtail-localize (docs/editors.md, "Spanish").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
# Our own words for some of Wagtail's admin messages (locale/en/LC_MESSAGES/django.po)
# and the public site's interface in Spanish (locale/es/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year by browsers) and pre-compressed copies.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Several app servers need one place for uploads: S3 or any S3-compatible store (MinIO,
# Ceph, …) when a bucket is named; the local MEDIA_ROOT (a shared volume) otherwise.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET") or os.environ.get(
    "AWS_STORAGE_BUCKET_NAME", ""
)
MEDIA_S3_CUSTOM_DOMAIN = os.environ.get("MEDIA_S3_CUSTOM_DOMAIN", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a role.
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            # Uploads are public images and documents; never overwrite an existing key.
            "file_overwrite": False,
            "querystring_auth": env_bool("MEDIA_S3_QUERYSTRING_AUTH", False),
            "default_acl": os.environ.get("MEDIA_S3_DEFAULT_ACL") or None,
        },
    }

# Complex page models can exceed Django's default of 1000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "netsite")
# The dashboard's "new Wagtail release" banner fetches releases.wagtail.org from the
# editor's browser: an outside request the admin's CSP blocks and the site must not
# make. Upgrades are tracked through requirements.txt instead (docs/operations.md).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Two-factor sign-in (accounts/two_factor.py, docs/operations.md). Required for
# superusers and these groups (the name of accounts.roles.ADMINISTRATORS); open to every
# other admin user. Off in development and tests (their settings say so).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
TWO_FACTOR_REQUIRED_GROUPS = ["Site administrators"]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the account's label in the authenticator app
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Approving “Medical review” records the reviewer and dates, then publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "medical_review.workflows.publish_with_review"

# ClinicalTrials.gov API v2, used by `import_trials` and `sync_trials`.
CTGOV_API_BASE_URL = os.environ.get(
    "CTGOV_API_BASE_URL", "https://clinicaltrials.gov/api/v2"
)
# A slow registry must not stall the nightly sync (trials/registry/client.py): seconds
# one request may take in all, retries of a transient failure (pauses of 2, 4 … s),
# and seconds a whole sync_trials run may take before the rest waits for the next run.
CTGOV_REQUEST_TIMEOUT = float(os.environ.get("CTGOV_REQUEST_TIMEOUT", "20"))
CTGOV_RETRIES = int(os.environ.get("CTGOV_RETRIES", "2"))
CTGOV_SYNC_TIME_LIMIT = float(os.environ.get("CTGOV_SYNC_TIME_LIMIT", str(90 * 60)))
# Importing by NCT ID in the admin happens while the editor waits.
CTGOV_ADMIN_TIME_LIMIT = float(os.environ.get("CTGOV_ADMIN_TIME_LIMIT", "25"))

# --- Families' requests (intake/): ask about a trial, appointment, second opinion ----
# Off (REQUESTS_ENABLED=0): no request links or forms, the phone numbers only.
INTAKE_ENABLED = env_bool("REQUESTS_ENABLED", True)
# What a family types is encrypted at rest (django-fernet-fields-v2, Fernet). The first
# key encrypts; every key decrypts, so a new key is put first and an old one dropped
# once `manage.py rotate_request_keys` has re-encrypted the rows. Production requires
# REQUESTS_ENCRYPTION_KEYS while requests are enabled (production.py).
FERNET_KEYS = env_list("REQUESTS_ENCRYPTION_KEYS")
# Requests are deleted this many days after they arrive, or after a team marks them
# handled (`manage.py purge_requests`, from the cron service every night).
INTAKE_RETENTION_DAYS = int(os.environ.get("REQUESTS_RETENTION_DAYS", "90"))
INTAKE_HANDLED_RETENTION_DAYS = int(
    os.environ.get("REQUESTS_HANDLED_RETENTION_DAYS", "14")
)
# Requests one address may send per form and hour before it is asked to call instead
# (counted as for page feedback: RATELIMIT_IP_META_KEY, RATELIMIT_FAIL_OPEN above).
INTAKE_RATE_LIMIT = os.environ.get("REQUESTS_RATE_LIMIT", "5/h")
# A form sent back sooner than this after it was shown was not filled in by a person.
INTAKE_MIN_SECONDS = int(os.environ.get("REQUESTS_MIN_SECONDS", "3"))

# Logs go to stdout (the container's log), each line tagged with the request id that
# is also sent back in the X-Request-ID header (netsite/middleware.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "netsite.middleware.RequestIdFilter"},
        "without_traceback": {"()": "netsite.middleware.WithoutTraceback"},
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR", "propagate": True},
        # Bots send any Host header: one line each (the message names the host).
        "django.security.DisallowedHost": {
            "level": "ERROR",
            "filters": ["without_traceback"],
        },
        # Wagtail runs search-index and reference-index updates as tasks; one INFO
        # line per task per save drowns out everything else.
        "django_tasks": {"level": "WARNING"},
    },
}


def redis_cache(url: str, key_prefix: str = "netsite") -> dict:
    """A cache on Redis through django-redis, for ``CACHES``.

    A cache is an optimisation, never a dependency: with Redis down or hung, every
    cache call is a miss (``IGNORE_EXCEPTIONS``) after at most a quarter of a second,
    so pages still render from the database. After one failure the process leaves
    Redis alone for a few seconds (netsite/cache_breaker.py), so an outage costs
    nothing per request.
    """
    from netsite.cache_breaker import BreakerConnection, BreakerSSLConnection

    connection_class = (
        BreakerSSLConnection if url.startswith("rediss://") else BreakerConnection
    )
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
            "IGNORE_EXCEPTIONS": True,
            "CONNECTION_POOL_KWARGS": {"connection_class": connection_class},
        },
    }


# The breaker logs each outage once (netsite/cache_breaker.py); django-redis would log
# a traceback for every cache call that failed.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# One process's memory unless production.py finds REDIS_URL (shared by all app servers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {
            "MAX_ENTRIES": int(os.environ.get("LOCMEM_CACHE_MAX_ENTRIES", "3000"))
        },
    }
}

# --- Page cache, browser and CDN caching (netsite/page_cache.py, docs/operations.md)
# Seconds a rendered page stays in the server-side cache (0 turns it off). Every publish
# or content change empties it at once, so this only bounds memory use and staleness of
# time-dependent text such as "next review due".
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))
# Seconds browsers and CDNs may reuse an anonymous page (Cache-Control: max-age).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "300"))

# Frontend cache (CDN) purge on publish, through wagtail.contrib.frontend_cache.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, Squid, nginx: HTTP PURGE
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# --- Security headers -----------------------------------------------------------------
# Content-Security-Policy (django-csp 4). Public pages: nothing inline, nothing from
# other sites (JSON-LD <script type="application/ld+json"> is data, not a script).
_MEDIA_ORIGINS = [f"https://{MEDIA_S3_CUSTOM_DOMAIN}"] if MEDIA_S3_CUSTOM_DOMAIN else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin (and page previews, served under /admin/) still needs inline scripts
# and styles, blob: image previews while uploading, and framing by itself for the
# preview panel. Used by netsite.middleware.ContentSecurityPolicyMiddleware.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],  # no release check: WAGTAIL_ENABLE_UPDATE_CHECK
        "frame-src": ["'self'", "https:"],  # previews and embed previews
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Browser features the site never uses are switched off (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Editors' e-mail addresses are not sent (hashed) to gravatar.com for admin avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
