"""A hung or slow database (issue 11, Medium 7): requests give up in bounded time with a
503, `/healthz` answers 503 within 2 s, and cached pages need no database at all.

The hung server is a throwaway socket that accepts connections and never answers (as a
paused PostgreSQL does); the shared PostgreSQL is never stopped.
"""

import json
import os
import subprocess
import sys

import pytest

from tests import factories
from tests.hung_server import hung_server

from .test_deploy_checks import ROOT, printed, production_env


@pytest.fixture
def hung_database_port():
    with hung_server() as (port, _accepted):
        yield port


HUNG_PROBE = """
import json, time
import netsite.wsgi  # the web server's settings, as gunicorn loads them
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# No collectstatic here: plain static storage instead of the hashed manifest.
override_settings(STORAGES={
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(SERVER_NAME="www.example.org")
out = {}
for path in ("/healthz", "/about/"):
    started = time.monotonic()
    response = client.get(path, secure=True)
    out[path] = [response.status_code, round(time.monotonic() - started, 2),
                 response.get("Retry-After"), response.content.decode()[:2000]]
print(json.dumps(out))
"""


def test_a_hung_database_gives_503s_in_bounded_time(tmp_path, hung_database_port):
    env = production_env(
        tmp_path,
        DATABASE_URL=f"postgres://netsite@127.0.0.1:{hung_database_port}/netsite",
        DATABASE_CONNECT_TIMEOUT="2",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", HUNG_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(printed(result))

    status, seconds, _, body = out["/healthz"]
    assert status == 503
    assert seconds < 2
    assert json.loads(body)["database"] == "down"

    # A page gives up when connecting times out, and says so kindly.
    status, seconds, retry_after, body = out["/about/"]
    assert status == 503
    assert seconds < 5
    assert retry_after == "30"
    assert "This page is not available just now" in body
    assert "Traceback" not in result.stdout + result.stderr


SHOW_TIMEOUT = """
{setup}
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
"""


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="statement timeouts are PostgreSQL's",
)
@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("import netsite.wsgi", "5s"),  # the web server
        ("import django; django.setup()", "0"),  # commands: migrations, imports …
    ],
    ids=["web", "command"],
)
def test_web_requests_have_a_statement_timeout_and_commands_do_not(
    tmp_path, setup, expected
):
    # The server's own "postgres" database: only the session setting is looked at.
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    env = production_env(tmp_path, DATABASE_URL=f"{server}/postgres")
    env.pop("DATABASE_STATEMENT_TIMEOUT", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", SHOW_TIMEOUT.format(setup=setup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert printed(result) == expected, result.stderr


@pytest.mark.django_db
def test_a_cached_page_is_served_without_the_database(
    client, home, site, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_TIMEOUT = 300
    page = factories.StandardPageFactory(parent=home, title="Served from the cache")
    assert client.get(page.url)["X-Page-Cache"] == "MISS"
    with django_assert_num_queries(0):
        response = client.get(page.url)
    assert response["X-Page-Cache"] == "HIT"
    assert "Served from the cache" in response.content.decode()
