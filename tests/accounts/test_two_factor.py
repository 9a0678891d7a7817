"""Two-factor sign-in for the admin: required for administrators, open to everyone else.

Codes are computed the way an authenticator app does (TOTP from the device's key), and
every step goes through the real sign-in form and admin views.
"""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from tests.roles_fixtures import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"  # what make_user sets
SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"
TARGET = "/admin/account/"  # any admin page every staff member may open


@pytest.fixture(autouse=True)
def required(settings):
    """On, as in production (the test settings leave it off for the other tests)."""
    settings.TWO_FACTOR_REQUIRED = True
    return settings


def app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` × 30 s from now)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "the password was refused"
    return client.get("/admin/")


def pair_app(client) -> TOTPDevice:
    """Open the set-up page and enter the app's first code."""
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    assert page.context["secret"].replace(" ", "")  # a key to type instead of scanning
    assert '<img src="data:image/svg+xml;base64,' in page.content.decode()  # drawn here
    response = client.post(SETUP, {"code": app_code(device), "next": TARGET})
    assert response.status_code == 302 and response["Location"] == TARGET
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_administrator_must_set_up_an_app_before_using_the_admin(client):
    admin = make_user("ada", roles.ADMINISTRATORS)

    response = sign_in(client, admin)

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    assert client.get("/admin/users/").status_code == 302  # every admin page
    pair_app(client)
    assert client.get("/admin/users/").status_code == 200


def test_superusers_must_too(client):
    boss = make_user("boss", is_superuser=True, is_staff=True)
    assert sign_in(client, boss)["Location"].startswith(SETUP)


def test_a_wrong_code_does_not_turn_it_on(client):
    sign_in(client, make_user("ada", roles.ADMINISTRATORS))
    client.get(SETUP)
    device = TOTPDevice.objects.get()
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(TARGET).status_code == 302


def test_every_later_sign_in_asks_for_a_code(client, django_user_model):
    admin = make_user("ada", roles.ADMINISTRATORS)
    sign_in(client, admin)
    device = pair_app(client)
    client.post("/admin/logout/")

    response = sign_in(client, admin)
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    refused = client.post(VERIFY, {"code": "000000", "next": TARGET})
    assert refused.status_code == 200
    assert client.get(TARGET).status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code above paused it for a second
    accepted = client.post(
        VERIFY, {"code": app_code(device, steps_ahead=1), "next": TARGET}
    )
    assert accepted["Location"] == TARGET
    assert client.get(TARGET).status_code == 200


def test_a_password_alone_cannot_pair_a_new_app(client):
    """Someone who knows the password must not get past the code by re-pairing."""
    admin = make_user("ada", roles.ADMINISTRATORS)
    sign_in(client, admin)
    pair_app(client)
    client.post("/admin/logout/")
    sign_in(client, admin)

    response = client.get(SETUP)

    assert response.status_code == 302 and response["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_other_staff_may_turn_it_on_and_then_need_it(client):
    editor = make_user("eddie", roles.EDITORS)
    assert sign_in(client, editor).status_code == 200  # not required
    account = client.get("/admin/account/").content.decode()
    assert "Two-factor sign-in" in account and SETUP in account

    pair_app(client)
    client.post("/admin/logout/")

    assert sign_in(client, editor)["Location"].startswith(VERIFY)


def test_off_unless_required_by_settings(client, required):
    required.TWO_FACTOR_REQUIRED = False
    admin = make_user("ada", roles.ADMINISTRATORS)
    assert sign_in(client, admin).status_code == 200


def test_public_pages_and_the_sign_in_page_are_never_redirected(client, home, site):
    sign_in(client, make_user("ada", roles.ADMINISTRATORS))
    assert client.get("/").status_code == 200
    login = client.get("/admin/login/")  # Wagtail sends a signed-in user on, itself
    assert not login.get("Location", "").startswith("/admin/two-factor/")


def test_an_outside_next_address_is_ignored(client):
    sign_in(client, make_user("ada", roles.ADMINISTRATORS))
    client.get(SETUP)
    device = TOTPDevice.objects.get()
    response = client.post(
        SETUP, {"code": app_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_the_reset_command_removes_the_app(client):
    admin = make_user("ada", roles.ADMINISTRATORS)
    sign_in(client, admin)
    pair_app(client)
    out = StringIO()

    call_command("reset_two_factor", "ada", stdout=out)

    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert "Removed 1" in out.getvalue()
    client.post("/admin/logout/")
    assert sign_in(client, admin)["Location"].startswith(SETUP)


def test_the_scripts_and_icons_of_the_code_pages_still_load(client):
    """Every admin page loads these two; redirected, the page would break."""
    sign_in(client, make_user("ada", roles.ADMINISTRATORS))
    assert client.get("/admin/jsi18n/").status_code == 200
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/pages/").status_code == 302


@pytest.fixture
def staff_only_page(home, site):
    from wagtail.models import PageViewRestriction

    from tests import factories

    page = factories.StandardPageFactory(parent=home, title="Staff rota")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    return page


def test_a_password_alone_does_not_open_a_staff_only_page(client, staff_only_page):
    """Password given, code not yet: the public site treats them as a visitor."""
    admin = make_user("ada", roles.ADMINISTRATORS)
    sign_in(client, admin)
    device = pair_app(client)
    client.post("/admin/logout/")
    sign_in(client, admin)  # the password again; the code is still owed

    response = client.get(staff_only_page.url)
    assert response.status_code == 302  # to the sign-in, like any visitor
    assert "Staff rota" not in response.content.decode()

    device.refresh_from_db()
    client.post(VERIFY, {"code": app_code(device, steps_ahead=1), "next": TARGET})
    response = client.get(staff_only_page.url)
    assert response.status_code == 200
    assert "Staff rota" in response.content.decode()


def test_someone_who_must_set_up_an_app_is_not_signed_in_on_the_site_either(
    client, staff_only_page
):
    sign_in(client, make_user("ada", roles.ADMINISTRATORS))
    assert client.get(staff_only_page.url).status_code == 302


def test_staff_without_two_factor_duties_still_see_staff_pages(client, staff_only_page):
    editor = make_user("eve", roles.EDITORS)
    sign_in(client, editor)
    assert client.get(staff_only_page.url).status_code == 200
