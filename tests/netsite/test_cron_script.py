"""docker/cron.sh runs the scheduled jobs at their times, each independent of the others:
a failing or hanging job holds up no other, and never runs twice at once."""

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE_PYTHON = """#!/bin/sh
echo "$*" >> "$CALLS"
[ "$2" = "sync_trials" ] && [ -n "${SYNC_HANGS:-}" ] && sleep "$SYNC_HANGS"
[ "$2" = "sync_trials" ] && exit 1
exit 0
"""
# The script reads the clock with `date`; this one always says FAKE_NOW, so a test
# chooses the minute it runs in (real minutes like :00 made the result vary).
FAKE_DATE = """#!/bin/sh
exec {date} -d "$FAKE_NOW" "$@"
"""


@pytest.fixture
def fake_python(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    date = bin_dir / "date"
    date.write_text(FAKE_DATE.format(date=shutil.which("date")))
    date.chmod(0o755)
    return bin_dir


def run_cron(
    tmp_path, fake_python, now="2026-12-02 10:07", **schedule
) -> tuple[list[str], str]:
    calls = tmp_path / "calls.txt"
    env = {
        **os.environ,
        "PATH": f"{fake_python}:{os.environ['PATH']}",
        "CALLS": str(calls),
        "TZ": "UTC",
        "FAKE_NOW": now,
        "CRON_LOCK_DIR": str(tmp_path),
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
    calls, output = run_cron(
        tmp_path,
        fake_python,
        now="2026-12-02 10:07",
        PUBLISH_EVERY_MINUTES="1",
        SYNC_TRIALS_AT="10:07",
        REMINDERS_AT="10:07",
        PURGE_REQUESTS_AT="10:07",
        BACKUP_AT="10:07",
        FEEDBACK_CLEANUP_AT="10:07",
    )
    assert sorted(calls) == [
        "manage.py backup_site --output-dir /app/backups",
        "manage.py delete_old_feedback_comments",
        "manage.py publish_scheduled",
        "manage.py purge_requests",
        "manage.py send_review_reminders",
        "manage.py sync_trials",
    ]
    # A failing job is reported and the others still run.
    assert "FAILED sync_trials" in output
    assert "done send_review_reminders" in output


def test_a_hanging_job_holds_up_no_other(tmp_path, fake_python):
    """The sync hangs for longer than the script is given; publishing and reminders
    in the same minute are done regardless."""
    _, output = run_cron(
        tmp_path,
        fake_python,
        now="2026-12-02 10:05",
        SYNC_TRIALS_AT="10:05",
        REMINDERS_AT="10:05",
        SYNC_HANGS="4",
    )
    assert "done publish_scheduled" in output
    assert "done send_review_reminders" in output
    assert "done sync_trials" not in output and "FAILED sync_trials" not in output


def test_a_job_still_running_is_not_started_again(tmp_path, fake_python):
    with open(tmp_path / "cron-sync_trials.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a sync still running would hold it
        calls, output = run_cron(
            tmp_path, fake_python, now="2026-12-02 10:07", SYNC_TRIALS_AT="10:07"
        )
    assert calls == []
    assert "SKIPPED sync_trials: the previous run is still going" in output


@pytest.mark.parametrize("now", ["2026-12-02 10:07", "2026-12-02 10:09"])
def test_nothing_runs_outside_its_slot(tmp_path, fake_python, now):
    calls, _ = run_cron(
        tmp_path,
        fake_python,
        now=now,
        PUBLISH_EVERY_MINUTES="5",
        SYNC_TRIALS_AT="02:30",
        REMINDERS_AT="07:00",
    )
    assert calls == []


@pytest.mark.parametrize("now", ["2026-12-02 10:00", "2026-12-02 10:05"])
def test_publishing_runs_on_the_hour_and_every_five_minutes(tmp_path, fake_python, now):
    calls, _ = run_cron(tmp_path, fake_python, now=now, PUBLISH_EVERY_MINUTES="5")
    assert calls == ["manage.py publish_scheduled"]
