"""Production settings: `check --deploy` is clean; start-up refuses a missing secret.

These run the real ``netsite.settings.production`` in a subprocess, with only the
environment a deployment would give it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REQUESTS_ENCRYPTION_KEYS")


def production_env(tmp_path, **overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in REQUIRED and not key.startswith(("FRONTEND_CACHE_", "MEDIA_S3_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="netsite.settings.production",
        SECRET_KEY="k3y-" + "x7Qp2mZr9vLw4sTb8nYc1hGd6fJa0eUk5iOq3" * 2,
        ALLOWED_HOSTS="www.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REQUESTS_ENCRYPTION_KEYS="r3q-" + "p8Lk2Wq7Zs4Xe9Rd1Tf6Gy3Hu0Ji5Ko" * 2,
        REDIS_URL="",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def printed(result) -> str:
    """The probe's own output: the last line (start-up log lines come before it)."""
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def test_check_deploy_reports_nothing(tmp_path):
    """As composed (with Redis, the shared cache): nothing to report, nothing silenced."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_without_redis_only_the_per_worker_rate_limit_is_accepted(tmp_path):
    """No shared cache: the request forms' rate limit counts per worker, on purpose
    (the two django-ratelimit checks about it are silenced); nothing else."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        production_env(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (2 silenced)." in result.stdout


def test_requests_can_be_switched_off_without_a_key(tmp_path):
    env = production_env(tmp_path, REQUESTS_ENABLED="false")
    env.pop("REQUESTS_ENCRYPTION_KEYS")
    result = run(["manage.py", "check"], env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.parametrize("value", [None, ""], ids=["missing", "empty"])
def test_start_up_refuses_without_a_required_variable(tmp_path, name, value):
    env = production_env(tmp_path)
    env.pop(name)
    if value is not None:
        env[name] = value
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert f"The {name} environment variable is required in production" in result.stderr


PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# No collectstatic here: plain static storage instead of the hashed manifest.
override_settings(STORAGES={
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory

client = Client()
response = client.get("/robots.txt", secure=True, HTTP_HOST="www.example.org")
out = {"status": response.status_code, "headers": dict(response.headers)}
out["insecure"] = client.get("/robots.txt", HTTP_HOST="www.example.org").status_code

# A response that hands out a CSRF cookie (any form does), through the real middleware.
def form_view(request):
    get_token(request)
    return HttpResponse("form")

request = RequestFactory().get("/", secure=True, HTTP_HOST="www.example.org")
morsel = CsrfViewMiddleware(form_view)(request).cookies["csrftoken"]
out["csrf_cookie"] = {key: morsel[key] for key in ("secure", "httponly", "samesite")}
print(json.dumps(out))
"""


def test_production_responses_carry_the_security_headers(tmp_path):
    result = run(["-c", PROBE], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    out = json.loads(printed(result))

    headers = out["headers"]
    assert out["status"] == 200
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "script-src 'self';" in headers["Content-Security-Policy"] + ";"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    # Plain HTTP is redirected to HTTPS.
    assert out["insecure"] == 301

    assert out["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_session_cookie_settings_are_strict(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE)"
    )
    result = run(["-c", code], production_env(tmp_path))
    assert printed(result).split() == ["True", "True", "Lax"], result.stderr


def test_media_storage_switches_to_s3_when_a_bucket_is_named(tmp_path):
    code = (
        "import django; django.setup(); "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__module__, storages['default'].bucket_name)"
    )
    env = production_env(
        tmp_path,
        MEDIA_S3_BUCKET="netsite-media",
        MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",  # noqa: S106
    )
    result = run(["-c", code], env)
    assert printed(result).split() == ["storages.backends.s3", "netsite-media"], (
        result.stderr
    )
    without = run(
        ["-c", code.replace(", storages['default'].bucket_name", "")],
        production_env(tmp_path),
    )
    assert printed(without).split() == ["django.core.files.storage.filesystem"], (
        without.stderr
    )


def test_frontend_cache_purge_is_wired_from_the_environment(tmp_path):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.WAGTAILFRONTENDCACHE, "
        "'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS]))"
    )
    env = production_env(tmp_path, FRONTEND_CACHE_PURGE_URL="http://varnish:6081")
    config, installed = json.loads(printed(run(["-c", code], env)))
    assert installed is True
    assert config["http"]["LOCATION"] == "http://varnish:6081"
    config, installed = json.loads(printed(run(["-c", code], production_env(tmp_path))))
    assert (config, installed) == ({}, False)


PAGE_CACHE_SETTING = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.PAGE_CACHE_TIMEOUT)"
)


def test_without_a_shared_cache_production_has_no_page_cache_and_says_so(tmp_path):
    result = run(["-c", PAGE_CACHE_SETTING], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert printed(result) == "0"
    assert "The page cache is off: REDIS_URL is not set" in result.stdout


def test_a_page_cache_without_a_shared_cache_refuses_to_start(tmp_path):
    result = run(
        ["manage.py", "check"], production_env(tmp_path, PAGE_CACHE_TIMEOUT="3600")
    )
    assert result.returncode != 0
    assert "PAGE_CACHE_TIMEOUT is set but REDIS_URL is not" in result.stderr
    assert "Traceback" not in result.stderr.split("ImproperlyConfigured")[-1]


def test_with_redis_the_page_cache_is_on(tmp_path):
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")
    result = run(["-c", PAGE_CACHE_SETTING], env)
    assert printed(result) == "3600", result.stderr
    assert "page cache is off" not in result.stdout
