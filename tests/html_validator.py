"""The Nu Html Checker (vnu.jar, pinned in package.json), for tests that check pages
are valid HTML. Tests using it carry ``needs_vnu``: skipped, with the reason, where
Java or the jar is missing (CI installs both)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = (
    Path(__file__).resolve().parents[1]
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)

needs_vnu = [
    pytest.mark.skipif(
        shutil.which("java") is None,
        reason="no java: apt-get install default-jre-headless",
    ),
    pytest.mark.skipif(
        not VNU.exists(), reason="vnu.jar missing: run `npm ci` (make test does it)"
    ),
]


def vnu_errors(pages: dict[str, bytes], folder: Path) -> list[str]:
    """The checker's errors for each page (name → HTML), as "name: line N: message"."""
    files = {}
    for name, html in pages.items():
        slug = "".join(ch if ch.isalnum() else "-" for ch in name)
        file = folder / f"{slug}.html"
        file.write_bytes(html)
        files[str(file)] = name
    result = subprocess.run(  # noqa: S603 - a pinned local jar
        [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json"]
        + list(files),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
