from django.apps import AppConfig


class NetsiteConfig(AppConfig):
    name = "netsite"
    verbose_name = "Site"

    def ready(self):
        # Anonymous visitors' cached pages go stale on any publish or content change.
        from .page_cache import connect_invalidation_signals

        connect_invalidation_signals()
