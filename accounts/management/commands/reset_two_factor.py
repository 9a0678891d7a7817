"""Turn off two-factor sign-in for one account, e.g. after its owner lost their phone.

    python manage.py reset_two_factor <username>

The account keeps its password. If two-factor sign-in is required for it (superusers,
Site administrators), its next sign-in asks it to pair a new authenticator app.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove an account's authenticator apps (two-factor sign-in)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account to reset.")

    def handle(self, *args, username, **options):
        User = get_user_model()  # noqa: N806
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {removed} authenticator app(s) from {username}; "
            "the next sign-in will ask to set one up if it is required."
        )
