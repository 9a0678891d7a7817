"""The feedback steps a visitor can see are valid HTML (Nu Html Checker, as
tests/test_html_valid.py runs it on the demo pages, which carry the vote form)."""

import json
import shutil
import subprocess

import pytest

from tests.test_html_valid import VNU
from tests.test_html_valid import pytestmark as needs_vnu

from .conftest import comment_token, vote

pytestmark = [*needs_vnu, pytest.mark.django_db]


def test_every_feedback_step_is_valid_html(client, clock, condition, tmp_path):
    pages = {}
    voted = vote(client, clock, condition, "no")
    pages["thanks"] = client.get(voted["Location"])
    clock.advance(30)
    pages["comment error"] = client.post(
        "/feedback/thanks/",
        {"vote": comment_token(voted["Location"]), "comment": "x" * 1001},
    )
    pages["answer again"] = vote(client, clock, condition, wait=0)
    pages["not recorded"] = vote(client, clock, condition, data={"website": "x"})
    sent = client.post(
        "/feedback/thanks/",
        {"vote": comment_token(voted["Location"]), "comment": "Costs"},
    )
    pages["sent"] = client.get(sent["Location"])
    files = {}
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        file = tmp_path / (name.replace(" ", "-") + ".html")
        file.write_bytes(response.content)
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
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'))}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
