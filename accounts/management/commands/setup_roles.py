"""Re-apply the staff roles, their permissions and the Medical review workflow.

The migration does this on a fresh database and new sections are set up as they are
created; run this after moving sections around, or to put a group's permissions back
to what accounts/roles.py says after someone changed them in the admin.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import roles


class Command(BaseCommand):
    help = (
        "Reset the Communications editors, Medical reviewers and Site administrators "
        "groups to their defined permissions and attach Medical review where missing. "
        "Group members are kept."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            roles.create_permission_rows(apps, "default")
            roles.create_roles(apps, "default")
        self.stdout.write(
            self.style.SUCCESS("Roles and the Medical review workflow are set up.")
        )
