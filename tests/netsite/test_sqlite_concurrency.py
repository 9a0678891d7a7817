"""Two editors saving at once on the embedded SQLite of `make run` (issue 16, item 8):
with the site's SQLite options (WAL, IMMEDIATE transactions, a busy timeout) the second
save waits for the first instead of failing with "database is locked". Without them
the same two saves fail, so the test shows what the options are for.

Each run is a separate process on a database file of its own, configured by the
project's settings exactly as `make run` is (DATABASE_URL unset: SQLite)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Two threads: each reads a row, thinks, then writes it, in one transaction, as a
# page save does (read the page and its revision, then write them).
SCRIPT = r"""
import sys, threading, time
import django
django.setup()
from django.db import connection, connections, transaction

if sys.argv[1] == "plain":  # the control: SQLite as Django leaves it
    connections.settings["default"]["OPTIONS"] = {}
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS draft (id INTEGER PRIMARY KEY, saves INT)")
    cursor.execute("INSERT OR REPLACE INTO draft VALUES (1, 0)")
connection.close()
errors = []
start = threading.Barrier(2)

def save():
    try:
        start.wait()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT saves FROM draft WHERE id = 1")
                saves = cursor.fetchone()[0]
                time.sleep(0.3)
                cursor.execute("UPDATE draft SET saves = %s WHERE id = 1", [saves + 1])
    except Exception as error:
        errors.append(str(error))
    finally:
        connection.close()

threads = [threading.Thread(target=save) for _ in range(2)]
for thread in threads: thread.start()
for thread in threads: thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT saves FROM draft WHERE id = 1")
    saves = cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0], "saves", saves, "errors", errors)
"""


def two_saves(tmp_path, mode: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netsite.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", SCRIPT, mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_two_saves_at_once_both_succeed_in_turn(tmp_path):
    assert two_saves(tmp_path, "site") == "wal saves 2 errors []"


def test_without_the_options_the_second_save_fails(tmp_path):
    assert "database is locked" in two_saves(tmp_path, "plain")
