"""Every public page type of the demo content is valid HTML, by the Nu Html Checker
(vnu.jar, pinned in package.json) run on the pages a real server sends."""

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from .demo_server import DEMO_PATHS

VNU = (
    Path(__file__).resolve().parents[1]
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)

pytestmark = [
    pytest.mark.skipif(
        shutil.which("java") is None,
        reason="no java: apt-get install default-jre-headless",
    ),
    pytest.mark.skipif(
        not VNU.exists(), reason="vnu.jar missing: run `npm ci` (make test does it)"
    ),
]


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        return error.read()


def test_every_page_type_is_valid_html(demo_base_url, tmp_path):
    files = {}
    for name, path in {**DEMO_PATHS, "search": "/search/?q=carcinoid"}.items():
        file = tmp_path / (
            name.replace(" ", "-").replace("(", "").replace(")", "") + ".html"
        )
        file.write_bytes(fetch(demo_base_url + path))
        files[str(file)] = path
    result = subprocess.run(  # noqa: S603 - a pinned local jar
        [
            shutil.which("java"),
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
