"""Health check, request logs with request ids, and the friendly error page."""

import io
import logging
import re
import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from netsite.middleware import RequestIdFilter
from netsite.models import StandardPage
from tests import factories

pytestmark = pytest.mark.django_db


# --- /healthz -------------------------------------------------------------------------


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_dead_cache_as_degraded_but_stays_200(client, settings):
    from netsite import cache_breaker
    from netsite.settings.base import redis_cache

    # Nothing listens on port 9: the cache fails, the site does not.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:9/0")}
    cache_breaker.reset()
    try:
        response = client.get("/healthz")
        assert cache_breaker.is_open()
    finally:
        cache_breaker.reset()
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "up",
        "cache": "degraded",
    }


def test_healthz_is_503_when_the_database_does_not(client, caplog):
    with mock.patch(
        "netsite.health.select_one", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        "cache": "up",
    }
    assert "no-cache" in response["Cache-Control"]
    assert "did not answer (connection refused)" in caplog.text
    assert "Traceback" not in caplog.text


def test_healthz_answers_503_in_time_when_the_database_hangs(client):
    """One probe stuck on a hung database: every check answers within the deadline,
    and none starts another probe while it is stuck."""
    release = threading.Event()
    calls = []

    def hang():
        calls.append(1)
        release.wait(30)
        return True

    with mock.patch("netsite.health.select_one", side_effect=hang):
        try:
            for _ in range(2):
                started = time.monotonic()
                response = client.get("/healthz")
                assert time.monotonic() - started < 2
                assert response.status_code == 503
                assert response.json()["database"] == "down"
        finally:
            release.set()
    assert len(calls) == 1
    time.sleep(0.1)  # the released probe finishes; the next check asks again
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt"])
def test_head_and_options_are_answered_as_get_is(client, path):
    get = client.get(path)
    head = client.head(path)
    options = client.options(path)
    assert get.status_code == head.status_code == options.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]
    assert options["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt"])
def test_writes_are_refused(client, path):
    assert client.post(path).status_code == 405
    assert client.delete(path).status_code == 405


# --- request logging ------------------------------------------------------------------


@pytest.fixture
def console():
    """What the configured console handler (stdout in production) writes, as text."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestIdFilter) for f in h.filters)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.fixture
def about(home, site):
    return factories.StandardPageFactory(parent=home, title="About us", slug="about")


def test_each_request_is_logged_once_with_its_id_status_and_duration(
    client, about, console
):
    response = client.get("/about/?a=1")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = [
        line for line in console.getvalue().splitlines() if "netsite.request" in line
    ]
    assert len(lines) == 1
    assert re.search(
        rf"INFO \[{request_id}\] netsite.request GET /about/\?a=1 200 \d+\.\dms$",
        lines[0],
    ), lines[0]


def test_the_load_balancers_request_id_is_kept(client, about, console):
    response = client.get("/about/", HTTP_X_REQUEST_ID="lb-1234.abcd")
    assert response["X-Request-ID"] == "lb-1234.abcd"
    assert "[lb-1234.abcd] netsite.request GET /about/ 200" in console.getvalue()


@pytest.mark.parametrize(
    "bad_id", ["two\nlines", "x" * 65, "<script>", "spaces in it", ""]
)
def test_a_malformed_request_id_is_replaced(client, about, console, bad_id):
    response = client.get("/about/", HTTP_X_REQUEST_ID=bad_id)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    if bad_id:
        assert bad_id not in console.getvalue()


def test_404s_are_logged_with_their_status(client, site, console):
    client.get("/no-such-page/")
    assert re.search(r"netsite.request GET /no-such-page/ 404 ", console.getvalue())


def test_a_crash_shows_the_friendly_page_and_logs_the_traceback(about, console):
    client = Client(raise_request_exception=False)
    with mock.patch.object(
        StandardPage, "get_context", side_effect=RuntimeError("the template data broke")
    ):
        response = client.get("/about/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "the template data broke" not in html  # no internals shown to visitors
    assert "Traceback" not in html

    request_id = response["X-Request-ID"]
    log = console.getvalue()
    assert f"ERROR [{request_id}] django.request Internal Server Error: /about/" in log
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: the template data broke" in log
    assert f"[{request_id}] netsite.request GET /about/ 500 " in log


def test_logs_outside_a_request_are_marked_with_a_dash(console):
    logging.getLogger("netsite.test").warning("from a management command")
    assert "WARNING [-] netsite.test from a management command" in console.getvalue()


def test_a_host_we_do_not_serve_is_one_log_line(client, about, console):
    response = client.get("/about/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    logged = console.getvalue()
    lines = [line for line in logged.splitlines() if "DisallowedHost" in line]
    assert len(lines) == 1
    assert "Invalid HTTP_HOST header: 'evil.example'" in lines[0]
    assert "Traceback" not in logged
