from django.apps import AppConfig
from django.db.models.signals import post_save


class NetsiteConfig(AppConfig):
    name = "netsite"
    verbose_name = "Site"

    def ready(self):
        # Pages created directly under the home page (from the admin, the demo-content
        # loader or any other code) get their role permissions and, for the conditions
        # index and trial listing, the Medical review workflow. See netsite/roles.py.
        from wagtail.models import get_page_models

        from .roles import section_created

        for model in get_page_models():
            post_save.connect(
                section_created,
                sender=model,
                dispatch_uid=f"netsite-section-{model._meta.label}",
            )

        # Anonymous visitors' cached pages go stale on any publish or content change.
        from .page_cache import connect_invalidation_signals

        connect_invalidation_signals()
