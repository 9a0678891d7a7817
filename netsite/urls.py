from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .paths import ADMIN_PREFIX
from .sitemap import Sitemap


def feature_urls():
    """Each local app's public URLs (its own ``urls`` module, paths in full), found from
    ``settings.LOCAL_APPS`` as the demo loader finds demo modules: the shell names no
    feature app."""
    return [
        path("", include(f"{app}.urls"))
        for app in settings.LOCAL_APPS
        if app != "netsite" and find_spec(f"{app}.urls") is not None
    ]


urlpatterns = [
    path(ADMIN_PREFIX.lstrip("/"), include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
]

if getattr(settings, "SERVE_MEDIA", False):
    # Development only; production serves media from shared storage or the proxy.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Pages and the features' public URLs in each language: English at today's URLs (no
# prefix), Spanish under /es/ (search at /es/search/ searches the Spanish pages).
urlpatterns += i18n_patterns(
    *feature_urls(),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
