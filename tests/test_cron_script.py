"""docker/cron.sh runs the scheduled jobs at their times, and survives a failing one."""

import datetime
import os
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FAKE_PYTHON = """#!/bin/sh
echo "$*" >> "$CALLS"
[ "$2" = "sync_trials" ] && exit 1
exit 0
"""


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(tz=datetime.UTC)


@pytest.fixture
def fake_python(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    return bin_dir


def run_cron(tmp_path, fake_python, **schedule) -> tuple[list[str], str]:
    if utc_now().second >= 55:  # stay inside one minute
        time.sleep(6)
    calls = tmp_path / "calls.txt"
    env = {
        **os.environ,
        "PATH": f"{fake_python}:{os.environ['PATH']}",
        "CALLS": str(calls),
        "TZ": "UTC",
        **schedule,
    }
    result = subprocess.run(  # noqa: S603
        ["timeout", "3", "sh", str(ROOT / "docker" / "cron.sh")],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
    )
    lines = calls.read_text().splitlines() if calls.exists() else []
    return lines, result.stdout + result.stderr


def test_jobs_run_in_their_slot(tmp_path, fake_python):
    now = utc_now().strftime("%H:%M")
    calls, output = run_cron(
        tmp_path,
        fake_python,
        PUBLISH_EVERY_MINUTES="1",
        SYNC_TRIALS_AT=now,
        REMINDERS_AT=now,
        BACKUP_AT=now,
    )
    assert calls == [
        "manage.py publish_scheduled",
        "manage.py sync_trials",
        "manage.py send_review_reminders",
        "manage.py backup_site --output-dir /app/backups",
    ]
    # A failing job is reported and the next one still runs.
    assert "FAILED sync_trials" in output


def test_nothing_runs_outside_its_slot(tmp_path, fake_python):
    calls, _ = run_cron(
        tmp_path,
        fake_python,
        PUBLISH_EVERY_MINUTES="100",  # never a multiple within the hour
        SYNC_TRIALS_AT="25:00",
        REMINDERS_AT="25:00",
    )
    assert calls == []
