"""A slow or failing registry cannot stall the nightly sync (issue 11, Medium 9):
each request has a total time limit, transient failures are retried a bounded number
of times with doubling pauses, and a whole run stops at its time limit."""

import http.server
import io
import threading
import time

import pytest
from django.core.management import CommandError, call_command

from tests.ctgov_records import FakeRegistry, study
from trials.registry import importer
from trials.registry.client import fetch_study
from trials.registry.values import RecordError

BASE_URL = "https://registry.test/api/v2"


class Opener:
    """Answers each request with the next (status, body) in line, and records it."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def __call__(self, url, timeout):
        self.calls.append(timeout)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_transient_failures_are_retried_with_doubling_pauses():
    pauses = []
    opener = Opener((503, b""), TimeoutError("timed out"), (200, b'{"a": 1}'))
    data = fetch_study(
        "NCT09990001", base_url=BASE_URL, opener=opener, retries=2, sleep=pauses.append
    )
    assert data == {"a": 1}
    assert pauses == [2.0, 4.0]


def test_retries_are_bounded():
    pauses = []
    opener = Opener(*[(502, b"")] * 5)
    with pytest.raises(RecordError, match="HTTP 502"):
        fetch_study(
            "NCT09990001",
            base_url=BASE_URL,
            opener=opener,
            retries=2,
            sleep=pauses.append,
        )
    assert len(opener.calls) == 3
    assert pauses == [2.0, 4.0]


@pytest.mark.parametrize("status", [400, 404])
def test_a_definite_answer_is_not_retried(status):
    opener = Opener((status, b""), (200, b"{}"))
    with pytest.raises(RecordError, match=f"HTTP {status}"):
        fetch_study("NCT09990001", base_url=BASE_URL, opener=opener, retries=2)
    assert len(opener.calls) == 1


def test_no_request_or_pause_runs_past_the_deadline():
    now = [100.0]
    pauses = []
    opener = Opener((503, b""), (200, b"{}"))
    with pytest.raises(RecordError, match="HTTP 503"):
        fetch_study(
            "NCT09990001",
            base_url=BASE_URL,
            opener=opener,
            retries=2,
            timeout=20,
            deadline=101.0,  # one second left: the 2-second pause would pass it
            sleep=pauses.append,
            clock=lambda: now[0],
        )
    assert opener.calls == [1.0]  # the request itself was given only what was left
    assert pauses == []


@pytest.fixture
def dripping_registry():
    """A registry that sends its answer one byte every 0.2 s: no single read ever
    times out, so only a limit on the whole request stops it."""

    class Drip(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for byte in b'{"protocolSection": {}}' * 20:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    server.shutdown()


def test_a_dripping_response_times_out_as_a_whole(dripping_registry):
    started = time.monotonic()
    with pytest.raises(RecordError, match="timed out after 1 seconds"):
        fetch_study("NCT09990001", base_url=dripping_registry, timeout=1)
    assert time.monotonic() - started < 2


@pytest.mark.django_db
def test_a_sync_stops_at_its_time_limit_and_says_what_it_skipped(
    trial_listing, settings, dripping_registry
):
    """Against the dripping registry, a sync of four trials with a 2.5 s limit: what
    could not be fetched in time is "skipped", and the command fails so cron mails."""
    importer.import_payload([study(f"NCT0555000{n}") for n in range(1, 5)])
    settings.CTGOV_API_BASE_URL = dripping_registry
    settings.CTGOV_REQUEST_TIMEOUT = 1
    settings.CTGOV_RETRIES = 0
    settings.CTGOV_SYNC_TIME_LIMIT = 2.5
    out, err = io.StringIO(), io.StringIO()

    started = time.monotonic()
    with pytest.raises(CommandError, match="rejected or skipped"):
        call_command("sync_trials", stdout=out, stderr=err)
    assert time.monotonic() - started < 5

    assert err.getvalue().count("timed out after 1 seconds") >= 2
    assert "skipped    NCT05550004" in err.getvalue()
    assert "run reached its time limit" in err.getvalue()
    assert "skipped" in out.getvalue().splitlines()[-1]


@pytest.mark.django_db
def test_progress_is_shown_per_study_on_a_terminal(trial_listing, monkeypatch):
    importer.import_payload([study("NCT05550001"), study("NCT05550002")])
    registry = FakeRegistry()
    registry.add(study("NCT05550001"))
    registry.add(study("NCT05550002"))
    monkeypatch.setattr(importer, "default_fetch", registry)

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, pipe = Terminal(), io.StringIO()
    call_command("sync_trials", stdout=terminal)
    call_command("sync_trials", stdout=pipe)

    lines = terminal.getvalue().splitlines()
    assert lines[0].startswith("[1/2] unchanged  NCT05550001")
    assert lines[1].startswith("[2/2] unchanged  NCT05550002")
    assert len(lines) == 3  # and the summary, with no study printed twice
    assert "[1/2]" not in pipe.getvalue()  # under cron: the lines at the end only
    assert pipe.getvalue().splitlines()[0].startswith("unchanged  NCT05550001")
