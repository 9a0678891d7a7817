"""Fetch one study record from the ClinicalTrials.gov API v2 (urllib, no Django)."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable

from .records import load_json
from .values import RecordError, json_type, validate_nct_id

_DEFAULT_TIMEOUT = 20.0
# Even study records with posted results are far below this; the cap stops a
# misbehaving server from filling memory.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


Opener = Callable[[str, float], tuple[int, bytes]]


def _urllib_opener(url: str, timeout: float) -> tuple[int, bytes]:
    """GET ``url`` with urllib; HTTP error statuses are returned, not raised."""
    # The URL is built from settings.CTGOV_API_BASE_URL and a validated NCT ID.
    request = urllib.request.Request(  # noqa: S310
        url,
        headers={"Accept": "application/json", "User-Agent": "ctgov-parser/1"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            # Read one byte past the cap so fetch_study can tell it was hit.
            return response.status, response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, b""


def fetch_study(
    nct_id: str,
    *,
    base_url: str,
    timeout: float = _DEFAULT_TIMEOUT,
    opener: Opener | None = None,
) -> dict:
    """GET one study record from the v2 API as a dict.

    ``base_url`` is like "https://clinicaltrials.gov/api/v2". ``opener`` is
    ``callable(url, timeout) -> (status, body)``, injectable so tests never
    touch the network. Every failure becomes a :class:`RecordError` naming
    the study.
    """
    nct_id = validate_nct_id(nct_id)
    url = f"{base_url.rstrip('/')}/studies/{nct_id}"
    open_url = opener or _urllib_opener
    try:
        status, body = open_url(url, timeout)
    except TimeoutError:
        raise RecordError(
            f"could not fetch {url}: timed out after {timeout:g} seconds",
            nct_id=nct_id,
        ) from None
    except urllib.error.URLError as exc:
        raise RecordError(
            f"could not fetch {url}: {exc.reason}", nct_id=nct_id
        ) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise RecordError(f"could not fetch {url}: {exc}", nct_id=nct_id) from exc
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
