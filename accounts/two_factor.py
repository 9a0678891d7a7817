"""Two-factor sign-in for the Wagtail admin: an authenticator app code after the password.

Built on django-otp (TOTP devices, with its own throttling of wrong codes); the Wagtail
2FA packages do not support Wagtail 8 (docs/operations.md). The rules:

- Anyone with admin access may set up an authenticator app (account menu → "Two-factor
  sign-in"). Once they have, every sign-in asks for a code.
- Superusers and members of ``TWO_FACTOR_REQUIRED_GROUPS`` (Site administrators) must
  set one up before they can use the admin, when ``TWO_FACTOR_REQUIRED`` is on (the
  production default; off for local development and the test suite, whose own tests
  switch it on).
- An administrator who loses their phone is reset with ``manage.py reset_two_factor``.
"""

from __future__ import annotations

from base64 import b32encode, b64encode
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from netsite.paths import ADMIN_PREFIX

DEVICE_NAME = "Authenticator app"
# Admin addresses a signed-in user may reach before giving a code: signing in and out,
# these views, and the two scripts and icons every admin page (these included) loads.
OPEN_PATHS = tuple(
    f"{ADMIN_PREFIX}{path}"
    for path in ("login/", "logout/", "two-factor/", "jsi18n/", "sprite/")
)


def two_factor_required(user) -> bool:
    """Must this user have a second factor before using the admin?"""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", False):
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "TWO_FACTOR_REQUIRED_GROUPS", ())
    return user.groups.filter(name__in=groups).exists()


class AdminTwoFactorMiddleware:
    """Send a signed-in admin user to give a code, or to set up an app, as the rules say.

    After django-otp's OTPMiddleware, which marks the user verified for this session once
    a code was accepted. On public pages, someone who has given their password but not
    yet the code they owe (they have an authenticator, or must set one up) is not
    signed in: they see what any visitor sees, and no page restricted to signed-in
    staff. A stolen password alone opens nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(OPEN_PATHS)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            query = urlencode({"next": request.get_full_path()})
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('accounts_two_factor_verify')}?{query}")
            if two_factor_required(user):
                return redirect(f"{reverse('accounts_two_factor_setup')}?{query}")
        elif (
            not path.startswith(ADMIN_PREFIX)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and (user_has_device(user, confirmed=True) or two_factor_required(user))
        ):
            request.user = AnonymousUser()
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        min_length=6,
        help_text="Six digits. A new code appears every 30 seconds.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError("Enter the digits only.")
        return code


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _qr_code_data_url(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code image (drawn here, no outside
    service), as a data: URL for an <img> (the admin's CSP allows data: images)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + b64encode(buffer.getvalue()).decode()


def _secret_for_typing(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def setup_view(request):
    """Pair an authenticator app: scan the QR code (or type the key), enter one code."""
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect(reverse("accounts_two_factor_verify"))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            messages.success(
                request, "Two-factor sign-in is on: each sign-in will ask for a code."
            )
            return redirect(_next_url(request))
        form.add_error("code", "That code did not match. Check the time on your phone.")
    return TemplateResponse(
        request,
        "accounts/admin/two_factor_setup.html",
        {
            "form": form,
            "qr_code": _qr_code_data_url(device),
            "secret": _secret_for_typing(device),
            "next": _next_url(request),
            "required": two_factor_required(user),
            "replacing": user_has_device(user, confirmed=True),
        },
    )


@never_cache
def verify_view(request):
    """Ask for the current code after the password, once per sign-in."""
    user = request.user
    if not user_has_device(user, confirmed=True):
        return redirect(reverse("accounts_two_factor_setup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "That code did not match, or too many wrong codes were entered: wait a "
            "moment and use the newest code.",
        )
    return TemplateResponse(
        request,
        "accounts/admin/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def account_menu_item(request):
    """The "Two-factor sign-in" entry on the admin's account page."""
    on = user_has_device(request.user, confirmed=True)
    return {
        "url": reverse("accounts_two_factor_setup"),
        "label": "Two-factor sign-in",
        "help_text": (
            "On: each sign-in asks for a code from your authenticator app. Open this "
            "to move it to a new phone."
            if on
            else "Off: turn it on to ask for a code from an authenticator app at each "
            "sign-in."
        ),
    }
