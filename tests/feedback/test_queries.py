"""Fixed query counts: the vote and thank-you steps, and the feedback reports, however
many pages and answers there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.roles_fixtures import editor

from .conftest import comment_token, vote_form
from .test_admin import answers

pytestmark = pytest.mark.django_db

__all__ = ["editor"]


def count(client, method, url, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        getattr(client, method)(url, data or {})
    return len(captured)


def test_the_vote_and_thank_you_steps(client, clock, condition):
    fields = vote_form(client.get(condition.url).content.decode())
    clock.advance(5)
    with CaptureQueriesContext(connection) as captured:
        voted = client.post("/feedback/vote/", {**fields, "helpful": "no"})
    # The page (one query, the view restrictions come from the cache) and the insert.
    assert len(captured) <= 3, [q["sql"][:120] for q in captured.captured_queries]
    location = voted["Location"]
    assert count(client, "get", location) <= 8
    clock.advance(30)
    data = {"vote": comment_token(location), "comment": "Parking"}
    assert count(client, "post", "/feedback/thanks/", data) <= 3


def test_the_reports_do_not_grow_with_pages_or_answers(client, editor, condition_index):
    client.force_login(editor)
    first = factories.ConditionPageFactory(parent=condition_index)
    answers(first, 1, 1, comments=["One"])
    client.get("/admin/reports/page-feedback/")  # warm
    client.get(f"/admin/reports/page-feedback/{first.pk}/")
    few = count(client, "get", "/admin/reports/page-feedback/")
    detail_few = count(client, "get", f"/admin/reports/page-feedback/{first.pk}/")
    for _ in range(20):
        page = factories.ConditionPageFactory(parent=condition_index)
        answers(page, 3, 2, comments=["A comment", "Another"])
    answers(first, 10, 10, comments=["More"] * 10)
    assert count(client, "get", "/admin/reports/page-feedback/") == few
    assert (
        count(client, "get", f"/admin/reports/page-feedback/{first.pk}/") == detail_few
    )
