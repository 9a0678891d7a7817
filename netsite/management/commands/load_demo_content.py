"""Build the demo site: the page tree of DESIGN.md with each app's demo content.

Each local app that has demo content keeps it in its own ``demo`` module with a
``load(home)`` function; this command calls them in the order of
``settings.LOCAL_APPS`` (the shell, then programs, conditions and trials, which link
to what came before). Idempotent: anything that already exists (found by slug, name or
NCT ID) is left as it is, so running it twice changes nothing and never overwrites an
editor's work.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from netsite.models import HomePage


def demo_modules():
    """The ``demo`` module of every local app that has one, in dependency order."""
    return [
        import_module(f"{app}.demo")
        for app in settings.LOCAL_APPS
        if find_spec(f"{app}.demo") is not None
    ]


class Command(BaseCommand):
    help = "Load the demo content (safe to run again: existing content is kept)."

    def handle(self, *args, **options):
        home = Site.objects.get(is_default_site=True).root_page.specific
        if not isinstance(home, HomePage):
            raise CommandError("The default site's root page is not a HomePage.")
        created = 0
        for module in demo_modules():
            # One transaction per app: a failure leaves the apps before it loaded
            # and nothing half-written of its own (trials import one per record).
            with transaction.atomic():
                created += module.load(home)
            home.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({created} objects created).")
        )
