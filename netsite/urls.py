from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .paths import ADMIN_PREFIX

urlpatterns = [
    path(ADMIN_PREFIX.lstrip("/"), include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Feature apps are included by module path: the shell imports none of them.
    path("search/", include("search.urls")),
    path("feeds/trials/", include("trials.urls")),
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

urlpatterns += [path("", include(wagtail_urls))]
