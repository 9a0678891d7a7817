"""Admin sign-in protection: django-axes lockout per account and per address, the unlock
command, client addresses behind a proxy, sessions and passwords."""

import datetime
import importlib
import io

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from accounts.security import client_ip, describe_duration
from tests.roles_fixtures import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"  # what make_user sets
LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    """Axes is off in the test settings (Wagtail's test login() passes no request)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.fixture
def password_checks(monkeypatch):
    """Count how many times a password is actually checked against the hash."""
    calls = []
    original = AbstractBaseUser.check_password

    def counting(self, raw_password):
        calls.append(self.get_username())
        return original(self, raw_password)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counting)
    return calls


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_eleven_wrong_passwords_do_not_all_reach_the_password_check(
    client, axes_on, password_checks
):
    make_user("editor", "Communications editors")
    responses = [sign_in(client, "editor", f"wrong-{n}") for n in range(11)]

    assert len(password_checks) == 5  # the limit; the other six were refused unchecked
    assert [r.status_code for r in responses[:4]] == [
        200
    ] * 4  # the normal form, with an error
    assert all(r.status_code == 429 for r in responses[5:])
    page = responses[-1].content.decode()
    assert "Sign-in paused" in page
    assert "30 minutes" in page
    assert "ask a site administrator to unlock" in page

    # The right password is refused too while the lock lasts, and never checked.
    checks_before = len(password_checks)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    assert len(password_checks) == checks_before


def test_an_administrator_unlocks_the_account_with_the_documented_command(
    client, axes_on
):
    make_user("editor", "Communications editors")
    for n in range(6):
        sign_in(client, "editor", f"wrong-{n}")
    assert sign_in(client, "editor", PASSWORD).status_code == 429

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_the_lock_ends_after_the_cool_off(client, axes_on):
    from axes.models import AccessAttempt

    make_user("editor", "Communications editors")
    for n in range(5):
        sign_in(client, "editor", f"wrong-{n}")
    assert sign_in(client, "editor", PASSWORD).status_code == 429

    # 31 minutes later (the cool-off is 30).
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - datetime.timedelta(minutes=31)
    )
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert signed_in(client)


def test_one_account_is_locked_whatever_address_the_guesses_come_from(client, axes_on):
    make_user("editor", "Communications editors")
    for n in range(5):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n + 1}")
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.50").status_code == 429


def test_one_address_is_locked_whatever_accounts_it_tries(client, axes_on):
    make_user("editor", "Communications editors")
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong", address="198.51.100.9")
    assert (
        sign_in(client, "editor", PASSWORD, address="198.51.100.9").status_code == 429
    )
    # The same account from elsewhere is not affected.
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.50").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, axes_on):
    make_user("editor", "Communications editors")
    for n in range(4):
        sign_in(client, "editor", f"wrong-{n}")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for n in range(4):
        sign_in(client, "editor", f"wrong-again-{n}")
    assert sign_in(client, "editor", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (
            0,
            "198.51.100.1",
            "10.0.0.2",
        ),  # no proxy: the header is the client's own claim
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry is ignored
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2"
    )
    assert client_ip(request) == expected


def test_cool_off_is_described_in_words():
    assert describe_duration(datetime.timedelta(minutes=30)) == "30 minutes"
    assert describe_duration(datetime.timedelta(hours=1)) == "1 hour"
    assert describe_duration(datetime.timedelta(minutes=90)) == "1 hour 30 minutes"


def test_weak_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("short1")
    with pytest.raises(ValidationError):
        validate_password("password1234")  # common
    validate_password("correct horse battery staple")


def test_sessions_expire(settings):
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_production_cookies_are_https_only(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@localhost/db")
    monkeypatch.setenv("REQUESTS_ENCRYPTION_KEYS", "k" * 40)
    production = importlib.import_module("netsite.settings.production")
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.TRUSTED_PROXY_COUNT == 1
    assert "axes.middleware.AxesMiddleware" == production.MIDDLEWARE[-1]
    assert "django.contrib.admin" not in production.INSTALLED_APPS


def test_there_is_no_django_admin(client):
    assert client.get("/django-admin/").status_code == 404
    assert reverse("wagtailadmin_login") == LOGIN
