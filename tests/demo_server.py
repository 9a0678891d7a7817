"""A real server on loopback with the demo content, for browser and validator tests.

It runs `manage.py runserver` in a subprocess against a throwaway SQLite database, so
the tests see exactly what `make run` serves, independent of pytest-django's test
database (which browser tests could not share across threads and transactions).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One of each public page type in the demo content.
DEMO_PATHS = {
    "home": "/",
    "condition index": "/conditions/",
    "condition": "/conditions/neuroendocrine-tumors/",
    "program index": "/programs/",
    "program": "/programs/endocrine-oncology-program/",
    "trial listing": "/trials/",
    "trial listing (near a ZIP, shortlist)": "/trials/?where=anywhere&zip=02215&shortlist=NCT09990002",
    "shortlist": "/trials/shortlist/?shortlist=NCT09990001,NCT09990002,NCT09990003&zip=02215",
    "trial (open)": "/trials/nct09990001/",
    "trial (closed)": "/trials/nct09990003/",
    "standard page": "/about/",
    "request form": "/requests/contact/",
    "not found": "/no-such-page/",
    "home (Spanish)": "/es/",
    "condition (Spanish)": "/es/enfermedades/tumores-neuroendocrinos/",
    "program (Spanish)": "/es/programas/programa-oncologia-endocrina/",
    "trial listing (Spanish)": "/es/ensayos/",
    "search (Spanish)": "/es/search/?q=tumores",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def local_server(*setup: tuple[str, ...], extra_env: dict[str, str] | None = None):
    """Yield the base URL of `runserver` on a fresh SQLite database; stop it afterwards.

    The database is migrated, then each ``setup`` command (``manage.py`` arguments) is
    run, so a test can choose what the server holds.
    """
    with tempfile.TemporaryDirectory(prefix="netsite-server-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "netsite.settings.dev",
            "DJANGO_DEBUG": "0",  # the friendly error pages visitors see
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            **(extra_env or {}),
        }
        manage(env, "migrate", "--noinput")
        for args in setup:
            manage(env, *args)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base_url + "/healthz")
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=10)


def demo_server():
    """A local server with the demo content, as `make run` serves it."""
    return local_server(("load_demo_content",))


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The demo server did not answer at {url}")
