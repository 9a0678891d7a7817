"""The feedback form lives on cached pages: it must not stop them being cached, and a
vote or comment must not empty the cache (votes show on no public page)."""

import pytest

from feedback.models import PageVote
from netsite.page_cache import CACHE_STATUS_HEADER

from .conftest import comment_token, vote_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.PAGE_CACHE_MAX_AGE = 120


def test_pages_with_the_form_are_cached_and_stay_cached_after_feedback(
    client, clock, condition
):
    first = client.get(condition.url)
    assert first[CACHE_STATUS_HEADER] == "MISS"
    assert not first.cookies
    hit = client.get(condition.url)
    assert hit[CACHE_STATUS_HEADER] == "HIT"
    html = hit.content.decode()
    fields = vote_form(html)  # every visitor of the cached copy gets this token

    clock.advance(60)
    voted = client.post("/feedback/vote/", {**fields, "helpful": "no"})
    assert voted.status_code == 302 and not voted.cookies
    assert voted[CACHE_STATUS_HEADER] == "BYPASS"
    thanks = client.get(voted["Location"])
    assert thanks[CACHE_STATUS_HEADER] == "BYPASS"  # names one answer: never stored
    clock.advance(60)
    client.post(
        "/feedback/thanks/",
        {"vote": comment_token(voted["Location"]), "comment": "Costs"},
    )
    assert PageVote.objects.get().comment == "Costs"

    assert client.get(condition.url)[CACHE_STATUS_HEADER] == "HIT"
    assert not client.cookies
