"""Create (or reset) the local `admin` superuser for `make run`, and print its login.

Development only: it refuses to run with DEBUG off, so a production database never
gets an account whose password was printed to a terminal. The password is generated
once per checkout and kept in `.dev-admin-password` (ignored by git).
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from intake.models import IntakeTeam
from netsite.paths import ADMIN_PREFIX

PASSWORD_FILE = Path(settings.BASE_DIR) / ".dev-admin-password"


class Command(BaseCommand):
    help = "Create or reset the local development superuser and print its login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="The address the site is served at (make run passes HOST and PORT).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin is for local development (DEBUG=True) only."
            )
        if PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        User = get_user_model()  # noqa: N806
        user, _ = User.objects.get_or_create(
            username="admin",
            defaults={
                "email": "admin@example.org",
                "first_name": "Local",
                "last_name": "Admin",
            },
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        # Families' requests are read only by their team's members: the local admin
        # joins every (demo) team, so requests sent to the demo site can be read.
        user.intake_teams.add(*IntakeTeam.objects.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login for local use: {options['url'].rstrip('/')}{ADMIN_PREFIX}  "
                f"username: admin  password: {password}"
            )
        )
