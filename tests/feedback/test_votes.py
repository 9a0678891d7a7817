"""“Was this page helpful?”: the vote, the comment step, and what is refused."""

import pytest
from django.core.cache import cache

from feedback import tokens
from feedback.models import PageVote
from tests import factories

from .conftest import comment_token, vote, vote_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["condition", "program", "trial"])
def test_the_form_is_on_condition_program_and_trial_pages(client, request, kind):
    page = request.getfixturevalue(kind)
    html = client.get(page.url).content.decode()
    assert "Was this page helpful?" in html
    assert vote_form(html)["page"] == str(page.pk)


def test_other_pages_have_no_form(client, home, site, condition_index):
    standard = factories.StandardPageFactory(parent=home)
    for page in (home, standard, condition_index):
        assert b"data-page-feedback" not in client.get(page.url).content


def test_a_vote_is_counted_and_leads_to_the_comment_step(client, clock, condition):
    response = vote(client, clock, condition, "no")
    assert response.status_code == 302
    assert response["Location"].startswith("/feedback/thanks/?vote=")
    [answer] = PageVote.objects.all()
    assert (answer.page_id, answer.helpful, answer.comment) == (
        condition.pk,
        False,
        None,
    )

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "What was missing?" in html
    assert "Please do not type any personal details" in html
    assert "no-store" in thanks["Cache-Control"]
    assert not thanks.cookies

    clock.advance(30)
    sent = client.post(
        "/feedback/thanks/",
        {
            "vote": comment_token(response["Location"]),
            "comment": "  What the scan is like  ",
            "website": "",
        },
    )
    assert sent.status_code == 302
    answer.refresh_from_db()
    assert answer.comment == "What the scan is like"
    after = client.get(sent["Location"]).content.decode()
    assert "Thank you for telling us" in after
    assert "<textarea" not in after


def test_one_comment_per_answer(client, clock, trial):
    token = comment_token(vote(client, clock, trial)["Location"])
    clock.advance(30)
    client.post("/feedback/thanks/", {"vote": token, "comment": "First"})
    client.post("/feedback/thanks/", {"vote": token, "comment": "Second"})
    assert list(PageVote.objects.values_list("comment", flat=True)) == ["First"]


def test_votes_set_no_cookie(client, clock, program):
    page = client.get(program.url)
    assert not page.cookies
    response = vote(client, clock, program)
    assert not response.cookies
    assert not client.cookies


def test_the_honeypot_is_not_counted(client, clock, condition):
    response = vote(client, clock, condition, data={"website": "http://spam.example"})
    assert response.status_code == 400
    assert b"We could not record your answer" in response.content
    assert not PageVote.objects.exists()


def test_too_fast_is_asked_again_with_a_fresh_form(client, clock, condition):
    response = vote(client, clock, condition, wait=0)
    assert response.status_code == 400
    html = response.content.decode()
    assert "quicker than we expected" in html
    assert not PageVote.objects.exists()
    # The form again, whose fresh token works once a person has read the page.
    fields = vote_form(html)
    clock.advance(5)
    again = client.post("/feedback/vote/", {**fields, "helpful": "yes"})
    assert again.status_code == 302
    assert PageVote.objects.count() == 1


def test_a_cached_page_token_works_for_its_lifetime_then_asks_again(
    client, clock, condition, settings
):
    settings.PAGE_CACHE_TIMEOUT, settings.PAGE_CACHE_MAX_AGE = 3600, 300
    fields = vote_form(client.get(condition.url).content.decode())
    clock.advance(3600 + 300 + 60)  # read from a cached copy near its end
    assert (
        client.post("/feedback/vote/", {**fields, "helpful": "no"}).status_code == 302
    )
    clock.advance(tokens.GRACE_SECONDS)
    late = client.post("/feedback/vote/", {**fields, "helpful": "no"})
    assert late.status_code == 400
    assert b"open for a long time" in late.content
    assert PageVote.objects.count() == 1


def test_a_token_is_for_one_page_only(client, clock, condition, program):
    fields = vote_form(client.get(condition.url).content.decode())
    clock.advance(5)
    response = client.post(
        "/feedback/vote/", {**fields, "page": program.pk, "helpful": "yes"}
    )
    assert response.status_code == 400
    assert not PageVote.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"page": "abc", "token": "x", "helpful": "yes"},
        {"page": "-1", "token": "x", "helpful": "yes"},
        {"page": "99999999999999999999", "token": "x", "helpful": "yes"},
        {"page": "1", "token": "x", "helpful": "maybe"},
        {"page": "1", "token": "x" * 5000, "helpful": "yes"},
        {"page": "1", "token": "not-signed", "helpful": "yes"},
    ],
)
def test_bad_votes_are_400_or_404_never_500(client, clock, condition, data):
    data = {**data, "page": data.get("page", "")}
    if data["page"] == "1":
        data["page"] = str(condition.pk)
    response = client.post("/feedback/vote/", data)
    assert response.status_code in (400, 404)
    assert not PageVote.objects.exists()


def test_unknown_and_unsuitable_pages_are_404(client, clock, home, site, condition):
    fields = vote_form(client.get(condition.url).content.decode())
    clock.advance(5)
    for page_id in (999_999, home.pk):
        response = client.post(
            "/feedback/vote/", {**fields, "page": page_id, "helpful": "yes"}
        )
        assert response.status_code == 404
    condition.unpublish()
    response = client.post("/feedback/vote/", {**fields, "helpful": "yes"})
    assert response.status_code == 404
    assert not PageVote.objects.exists()


def test_wrong_methods_are_405(client, site):
    assert client.get("/feedback/vote/").status_code == 405
    assert client.put("/feedback/vote/").status_code == 405
    assert client.delete("/feedback/thanks/").status_code == 405


@pytest.mark.parametrize(
    "comment, message",
    [
        ("x" * 1001, "Please keep it under 1000 characters"),
        ("bad \x1b[31m escape", "special (invisible) characters"),
        ("reversed \u202e text", "special (invisible) characters"),
        ("nul \x00 byte", "Null characters are not allowed"),
    ],
)
def test_bad_comments_get_the_form_again_with_the_error(
    client, clock, condition, comment, message
):
    token = comment_token(vote(client, clock, condition)["Location"])
    clock.advance(30)
    response = client.post("/feedback/thanks/", {"vote": token, "comment": comment})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert b"<textarea" in response.content
    assert PageVote.objects.get().comment is None


def test_a_damaged_or_old_thank_you_link_is_400(client, clock, condition):
    assert client.get("/feedback/thanks/?vote=forged").status_code == 400
    assert client.get("/feedback/thanks/").status_code == 400
    location = vote(client, clock, condition)["Location"]
    clock.advance(tokens.COMMENT_MAX_AGE + 1)
    response = client.get(location)
    assert response.status_code == 400
    assert b"This link has expired" in response.content


def test_past_the_rate_limit_a_clear_429(client, clock, condition, settings):
    settings.FEEDBACK_RATE = "3/h"
    cache.clear()
    for _ in range(3):
        assert vote(client, clock, condition).status_code == 302
    response = vote(client, clock, condition)
    assert response.status_code == 429
    assert b"Please try again later" in response.content
    assert PageVote.objects.count() == 3
    # Another address is not held back.
    other = vote(client, clock, condition, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_a_request_without_an_address_is_still_answered(client, clock, condition):
    assert vote(client, clock, condition, REMOTE_ADDR="").status_code == 302


def test_the_thank_you_page_links_back_only_while_the_page_is_public(
    client, clock, condition
):
    location = vote(client, clock, condition)["Location"]
    assert f'href="{condition.url}"' in client.get(location).content.decode()
    condition.unpublish()
    html = client.get(location).content.decode()
    assert "We counted your answer" in html
    assert f'href="{condition.url}"' not in html


def test_a_comment_is_encrypted_at_rest(client, clock, condition):
    """Read as the database holds it, what a visitor wrote is not there in plain text."""
    from django.db import connection  # noqa: PLC0415

    token = comment_token(vote(client, clock, condition)["Location"])
    clock.advance(30)
    client.post("/feedback/thanks/", {"vote": token, "comment": "My son Tom's MRI"})
    assert PageVote.objects.get().comment == "My son Tom's MRI"
    with connection.cursor() as cursor:
        cursor.execute("SELECT comment FROM feedback_pagevote")
        (stored,) = cursor.fetchone()
    assert b"Tom" not in bytes(stored)
