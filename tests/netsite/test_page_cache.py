"""The anonymous page cache: what it serves, what it never does, when it empties."""

import gzip
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from netsite.models import SiteSettings
from netsite.page_cache import CACHE_STATUS_HEADER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache is off in tests by default (settings/test.py); on here."""
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.PAGE_CACHE_MAX_AGE = 120


@pytest.fixture
def about(home, site):
    return factories.StandardPageFactory(parent=home, title="About the center")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "e@example.org", "pw-123456789"
    )


def status(response) -> str:
    return response[CACHE_STATUS_HEADER]


def test_second_anonymous_visit_is_served_from_the_cache(client, about):
    first = client.get(about.url)
    second = client.get(about.url)
    assert (status(first), status(second)) == ("MISS", "HIT")
    assert second.content == first.content
    assert "About the center" in second.content.decode()
    assert second["Cache-Control"] == "public, max-age=120"


def test_a_cached_page_still_gets_fresh_headers(client, about):
    client.get(about.url)
    hit = client.get(about.url, HTTP_X_REQUEST_ID="second-visit")
    assert status(hit) == "HIT"
    assert hit["X-Request-ID"] == "second-visit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_query_strings_are_cached_separately(client, trial_listing):
    factories.ClinicalTrialPageFactory(parent=trial_listing, title="Open study")
    factories.ClinicalTrialPageFactory(
        parent=trial_listing, title="Finished study", overall_status="COMPLETED"
    )
    open_only = client.get(trial_listing.url)
    everything = client.get(trial_listing.url + "?status=all")
    assert status(everything) == "MISS"
    assert "Finished study" not in open_only.content.decode()
    assert "Finished study" in everything.content.decode()


def test_publishing_a_page_empties_the_cache(client, about):
    client.get(about.url)
    about.title = "About our center"
    about.save_revision().publish()
    response = client.get(about.url)
    assert status(response) == "MISS"
    assert "About our center" in response.content.decode()


def test_unpublishing_a_page_removes_it_at_once(client, about):
    assert client.get(about.url).status_code == 200
    about.unpublish()
    assert client.get(about.url).status_code == 404


def test_a_draft_does_not_empty_the_cache(client, about):
    client.get(about.url)
    about.title = "Draft title"
    about.save_revision()  # saved, not published: visitors still see the live page
    response = client.get(about.url)
    assert status(response) == "HIT"
    assert "Draft title" not in response.content.decode()


def test_editing_a_snippet_empties_the_cache(client, program_index):
    program = factories.ProgramPageFactory(parent=program_index)
    person = factories.PersonFactory(name="Dana Smith")
    factories.ProgramTeamMemberFactory(page=program, person=person)
    assert "Dana Smith" in client.get(program.url).content.decode()
    person.name = "Dana Smith-Jones"
    person.save()
    response = client.get(program.url)
    assert status(response) == "MISS"
    assert "Dana Smith-Jones" in response.content.decode()


def test_changing_site_settings_empties_the_cache(client, about, site):
    client.get(about.url)
    settings_row = SiteSettings.for_site(site)
    settings_row.center_name = "Renamed Cancer Center"
    settings_row.save()
    assert "Renamed Cancer Center" in client.get(about.url).content.decode()


def test_signed_in_editors_never_get_or_leave_a_cached_page(client, about, editor):
    anonymous = client.get(about.url)
    assert status(anonymous) == "MISS"

    client.force_login(editor)
    signed_in = client.get(about.url)
    assert status(signed_in) == "BYPASS"
    assert "private" in signed_in["Cache-Control"]
    assert "no-cache" in signed_in["Cache-Control"]
    assert "wagtail-userbar" in signed_in.content.decode()

    client.logout()
    client.cookies.clear()
    again = client.get(about.url)
    assert status(again) == "HIT"
    assert "wagtail-userbar" not in again.content.decode()


def test_an_editors_page_is_not_stored_for_visitors(client, about, editor):
    client.force_login(editor)
    client.get(about.url)
    client.logout()
    client.cookies.clear()
    response = client.get(about.url)
    assert status(response) == "MISS"
    assert "wagtail-userbar" not in response.content.decode()


def test_any_session_cookie_bypasses_the_cache(client, about):
    client.get(about.url)
    client.cookies["sessionid"] = "not-a-real-session"
    assert status(client.get(about.url)) == "BYPASS"


def test_a_pending_message_bypasses_the_cache(client, about):
    client.get(about.url)
    client.cookies["messages"] = "something"
    assert status(client.get(about.url)) == "BYPASS"


def test_post_is_never_cached(client, about):
    client.get(about.url)
    response = client.post(about.url)
    assert status(response) == "BYPASS"


def test_head_is_answered_from_a_cached_get(client, about):
    client.get(about.url)
    assert status(client.head(about.url)) == "HIT"


def test_errors_are_not_cached(client, home, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert status(response) == "BYPASS"
    assert "private" in response["Cache-Control"]


def test_the_admin_is_never_cached(client, home):
    response = client.get("/admin/login/")
    assert status(response) == "BYPASS"
    assert "no-cache" in response["Cache-Control"]


def test_a_page_that_sets_a_cookie_is_not_cached(client, about):
    """A password-protected page shows a form with a CSRF token (a cookie)."""
    PageViewRestriction.objects.create(
        page=about,
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret-word",
    )
    first = client.get(about.url)
    assert first.status_code == 200
    assert "csrftoken" in first.cookies
    client.cookies.clear()
    second = client.get(about.url)
    assert status(second) == "BYPASS"
    assert 'type="password"' in second.content.decode()


def test_a_restricted_page_is_never_served_from_an_earlier_public_copy(client, about):
    client.get(about.url)
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(about.url)
    assert response.status_code == 302  # to the login page
    assert "login" in response["Location"]


def test_a_page_cache_outage_still_serves_the_page(client, about):
    broken = mock.Mock(**{"get.side_effect": ConnectionError("redis is down")})
    with mock.patch("netsite.page_cache.page_cache", return_value=broken):
        response = client.get(about.url)
    assert response.status_code == 200
    assert status(response) == "BYPASS"
    assert "About the center" in response.content.decode()


def test_the_cache_can_be_switched_off(client, about, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get(about.url)
    assert status(client.get(about.url)) == "BYPASS"


def test_cached_pages_are_sent_gzipped_to_clients_that_accept_it(client, about):
    plain = client.get(
        about.url
    )  # stored compressed, sent unpacked: no Accept-Encoding
    assert "Content-Encoding" not in plain
    packed = client.get(about.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert status(packed) == "HIT"
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    assert gzip.decompress(packed.content) == plain.content
    again = client.get(about.url)
    assert again.content == plain.content
    assert int(again["Content-Length"]) == len(plain.content)


def test_pages_that_are_not_shared_are_never_compressed(client, about):
    client.cookies["sessionid"] = "x"
    response = client.get(about.url, HTTP_ACCEPT_ENCODING="gzip")
    assert status(response) == "BYPASS"
    assert "Content-Encoding" not in response
