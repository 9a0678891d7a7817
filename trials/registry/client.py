"""Fetch one study record from the ClinicalTrials.gov API v2 (urllib, no Django).

A slow or failing registry must not hold up the nightly sync (and the scheduled jobs
after it): each request has a total time limit, not only a per-read one (a server
that sends a byte every few seconds never trips a socket timeout); transient failures
(timeouts, connection errors, HTTP 429 and 5xx) are retried a bounded number of times
with doubling pauses; and nothing is started that would end past the caller's
``deadline``.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from .records import load_json
from .values import RecordError, json_type, validate_nct_id

_DEFAULT_TIMEOUT = 20.0
# Even study records with posted results are far below this; the cap stops a
# misbehaving server from filling memory.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
_CHUNK_BYTES = 64 * 1024
# Worth another try: the registry or the network may be better in a moment.
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})


Opener = Callable[[str, float], tuple[int, bytes]]


def _urllib_opener(url: str, timeout: float) -> tuple[int, bytes]:
    """GET ``url`` with urllib; HTTP error statuses are returned, not raised."""
    # The URL is built from settings.CTGOV_API_BASE_URL and a validated NCT ID.
    request = urllib.request.Request(  # noqa: S310
        url,
        headers={"Accept": "application/json", "User-Agent": "ctgov-parser/1"},
    )
    give_up_at = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            # Read one byte past the cap so fetch_study can tell it was hit, and give
            # up once the whole response has taken longer than ``timeout``.
            body = bytearray()
            while len(body) <= MAX_RESPONSE_BYTES:
                # read1: what has arrived (read() would wait to fill the chunk).
                chunk = response.read1(
                    min(_CHUNK_BYTES, MAX_RESPONSE_BYTES + 1 - len(body))
                )
                if not chunk:
                    break
                body += chunk
                if time.monotonic() > give_up_at:
                    raise TimeoutError("timed out")
            return response.status, bytes(body)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, b""


class _Transient(RecordError):
    """A failure worth retrying (a timeout, a dropped connection, HTTP 429/5xx)."""


def fetch_study(
    nct_id: str,
    *,
    base_url: str,
    timeout: float = _DEFAULT_TIMEOUT,
    opener: Opener | None = None,
    retries: int = 0,
    backoff: float = 2.0,
    deadline: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict:
    """GET one study record from the v2 API as a dict.

    ``base_url`` is like "https://clinicaltrials.gov/api/v2". ``opener`` is
    ``callable(url, timeout) -> (status, body)``, injectable so tests never
    touch the network. Every failure becomes a :class:`RecordError` naming
    the study.

    ``timeout`` bounds each request as a whole. A transient failure is tried again
    up to ``retries`` times, after ``backoff`` seconds, then twice that, and so on.
    ``deadline`` (a ``clock()`` time) bounds everything: no request or pause is
    started that would run past it.
    """
    nct_id = validate_nct_id(nct_id)
    url = f"{base_url.rstrip('/')}/studies/{nct_id}"
    pause = backoff
    for attempt in range(retries + 1):
        limit = timeout
        if deadline is not None:
            limit = min(timeout, deadline - clock())
            if limit <= 0:
                raise RecordError(
                    f"could not fetch {url}: the run's time limit was reached",
                    nct_id=nct_id,
                )
        try:
            return _fetch_once(nct_id, url, limit, opener or _urllib_opener)
        except _Transient:
            last_try = attempt == retries
            if last_try or (deadline is not None and clock() + pause >= deadline):
                raise
            sleep(pause)
            pause *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _fetch_once(nct_id: str, url: str, timeout: float, open_url: Opener) -> dict:
    try:
        status, body = open_url(url, timeout)
    except TimeoutError:
        raise _Transient(
            f"could not fetch {url}: timed out after {timeout:g} seconds",
            nct_id=nct_id,
        ) from None
    except urllib.error.URLError as exc:
        raise _Transient(f"could not fetch {url}: {exc.reason}", nct_id=nct_id) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise _Transient(f"could not fetch {url}: {exc}", nct_id=nct_id) from exc
    except ValueError as exc:
        raise RecordError(f"could not fetch {url}: {exc}", nct_id=nct_id) from exc
    if status in TRANSIENT_STATUSES:
        raise _Transient(f"could not fetch {url}: HTTP {status}", nct_id=nct_id)
    if status != 200:
        raise RecordError(f"could not fetch {url}: HTTP {status}", nct_id=nct_id)
    if len(body) > MAX_RESPONSE_BYTES:
        raise RecordError(
            f"could not fetch {url}: response larger than {MAX_RESPONSE_BYTES} bytes",
            nct_id=nct_id,
        )
    data = load_json(body, nct_id=nct_id)
    if not isinstance(data, dict):
        raise RecordError(
            f"could not fetch {url}: expected a study object (got {json_type(data)})",
            nct_id=nct_id,
        )
    return data
