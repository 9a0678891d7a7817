"""The feedback steps a visitor can see are valid HTML (Nu Html Checker, as
tests/test_html_valid.py runs it on the demo pages, which carry the vote form)."""

import pytest

from tests.html_validator import needs_vnu, vnu_errors

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
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
    errors = vnu_errors(
        {name: response.content for name, response in pages.items()}, tmp_path
    )
    assert errors == []
