"""Lighthouse on every public page type of the demo content, phone and desktop.

    make lighthouse        # or: .venv/bin/python tests/browser/lighthouse_report.py

Serves the demo content as the browser tests do (tests/demo_server.py), runs Google's
Lighthouse (pinned below, fetched from the npm registry by npx on first use) in
Debian's Chromium with the accessibility, best-practices and SEO categories, and writes
bench-results/lighthouse.md: each page's three scores and any audit that did not pass.
Exits non-zero when a score is below 100. Not part of `make test`: Lighthouse takes a
few minutes and a download the test run does not need; axe-core (the engine behind
Lighthouse's accessibility score) and the Nu Html Checker run in every test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.demo_server import DEMO_PATHS, demo_server  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
# Pages kept out of search engines on purpose (a family's own shortlist, the request
# forms, search results): their SEO score is below 100 for that one audit, which is reported but not
# counted as a fault.
NOT_INDEXED = {"shortlist", "request form", "search (Spanish)"}
CHROMIUM = "/usr/bin/chromium"
# As for the browser tests: headless, and no request to any outside address.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu "
    "--disable-background-networking --disable-component-update"
)
CATEGORIES = ("accessibility", "best-practices", "seo")
OUTPUT = ROOT / "bench-results" / "lighthouse.md"


def audit(url: str, preset: str, report: Path) -> dict:
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, timeout=300, capture_output=True)  # noqa: S603
    return json.loads(report.read_text())


def summarise(result: dict) -> tuple[dict[str, int], list[str]]:
    scores = {
        name: round(category["score"] * 100)
        for name, category in result["categories"].items()
    }
    failed = sorted(
        name
        for name, item in result["audits"].items()
        if item.get("scoreDisplayMode") in ("binary", "numeric")
        and item.get("score") is not None
        and item["score"] < 1
    )
    return scores, failed


def main() -> int:
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    lines = [
        "# Lighthouse",
        "",
        f"{LIGHTHOUSE} in {CHROMIUM}, demo content served locally "
        "(tests/browser/lighthouse_report.py).",
        "",
        "| page | device | accessibility | best practices | SEO | audits not passed |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    below = 0
    with demo_server() as base_url, tempfile.TemporaryDirectory() as tmp:
        for name, path in DEMO_PATHS.items():
            if name == "not found":
                continue  # a 404 page: Lighthouse scores the error, not the page
            for preset in ("mobile", "desktop"):
                report = Path(tmp) / "report.json"
                scores, failed = summarise(audit(base_url + path, preset, report))
                below += sum(score < 100 for score in scores.values())
                if name in NOT_INDEXED and failed == ["is-crawlable"]:
                    below -= 1  # noindex on purpose: the only SEO audit it fails
                row = " | ".join(str(scores[c]) for c in CATEGORIES)
                lines.append(
                    f"| {name} | {preset} | {row} | {', '.join(failed) or '–'} |"
                )
                print(lines[-1], flush=True)  # noqa: T201
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text("\n".join(lines) + "\n")
    print(f"written to {OUTPUT.relative_to(ROOT)}")  # noqa: T201
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
