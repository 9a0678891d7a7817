import logging

from django.apps import AppConfig
from django.conf import settings


class NetsiteConfig(AppConfig):
    name = "netsite"
    verbose_name = "Site"

    def ready(self):
        # Anonymous visitors' cached pages go stale on any publish or content change.
        from .page_cache import connect_invalidation_signals

        connect_invalidation_signals()
        if reason := getattr(settings, "PAGE_CACHE_OFF_REASON", ""):
            logging.getLogger("netsite").warning(reason)
