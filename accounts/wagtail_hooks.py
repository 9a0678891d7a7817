"""Admin additions: two-factor sign-in set-up and verification screens."""

from django.urls import path
from wagtail import hooks

from . import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path(
            "two-factor/setup/", two_factor.setup_view, name="accounts_two_factor_setup"
        ),
        path(
            "two-factor/verify/",
            two_factor.verify_view,
            name="accounts_two_factor_verify",
        ),
    ]


hooks.register("register_account_menu_item", two_factor.account_menu_item)
