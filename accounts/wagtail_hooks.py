"""Admin additions: two-factor sign-in screens, and the audit log's role changes."""

from django.urls import path
from wagtail import hooks
from wagtail.log_actions import LogFormatter

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


@hooks.register("register_log_actions")
def register_role_change_action(actions):
    @actions.register_action("accounts.change_roles")
    class ChangeRoles(LogFormatter):
        label = "Change roles"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            parts = []
            was, now = data.get("superuser", [False, False])
            if was != now:
                parts.append("made a superuser" if now else "superuser status removed")
            if data.get("added"):
                parts.append("added to " + ", ".join(data["added"]))
            if data.get("removed"):
                parts.append("removed from " + ", ".join(data["removed"]))
            return "Roles changed: " + ("; ".join(parts) or "no change")
