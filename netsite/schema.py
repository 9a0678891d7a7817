"""schema.org building blocks for JSON-LD, and its safe ``<script>`` output.

One ``@graph`` per page: the page itself (``WebPage`` or a subtype), what it is about,
and a ``BreadcrumbList``. Each page type says what it is about in its own
``structured_data(data)`` method (``BasePage`` gives a plain ``WebPage``); this module
only holds the pieces they share and names no page type. Builders read attributes and
the data the page's ``get_context`` already fetched, which keeps the number of queries
fixed however many aliases, trials or people a page has.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

logger = logging.getLogger(__name__)

SCHEMA = "https://schema.org"
SHARE_IMAGE = "img/share-default.png"


class PageData:
    """What every builder needs: the page, its URL, the request and template context."""

    def __init__(self, page, request, context):
        self.page = page
        self.request = request
        self.context = context
        self.url = page.get_full_url(request) or ""
        from .models import SiteSettings  # noqa: PLC0415 - models imports this module

        self.settings = SiteSettings.for_request(request)

    def ctx(self, name, default_factory):
        """A value from the page's context, or computed when missing there (preview)."""
        if name in self.context:
            return self.context[name]
        return default_factory()

    @property
    def home_url(self) -> str:
        return site_root_url(self.request)

    def ref(self, fragment: str) -> str:
        return f"{self.url}#{fragment}"


# --- Shared pieces --------------------------------------------------------------------


def site_root_url(request) -> str:
    """The home URL as canonical links write it (from the Site, not the Host header)."""
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/")).rstrip(
        "/"
    ) + "/"


def clean(data: dict) -> dict:
    """Drop empty values so the output carries no ``"name": ""`` or ``[]``."""
    return {
        key: value for key, value in data.items() if value not in (None, "", [], {})
    }


def organization_ref(data: PageData) -> dict:
    return {"@id": data.home_url + "#organization"}


def organization(data: PageData) -> dict:
    """The center itself, from the site settings."""
    settings = data.settings
    address = ", ".join(
        line.strip() for line in settings.address.splitlines() if line.strip()
    )
    return clean(
        {
            "@type": "MedicalOrganization",
            "@id": data.home_url + "#organization",
            "name": settings.center_name,
            "url": data.home_url,
            "telephone": settings.phone,
            "address": {"@type": "PostalAddress", "streetAddress": address}
            if address
            else None,
            "logo": data.request.build_absolute_uri(static(SHARE_IMAGE)),
        }
    )


def breadcrumb_list(data: PageData) -> dict:
    """Home › … › this page, as the visible breadcrumbs show it."""
    # The visible breadcrumbs' list (BasePage.breadcrumb_pages): one query for both.
    trail = [*data.page.breadcrumb_pages, data.page]
    return {
        "@type": "BreadcrumbList",
        "@id": data.ref("breadcrumb"),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(data.request),
            }
            for position, crumb in enumerate(trail, 1)
        ],
    }


def web_page(data: PageData, page_type: str = "WebPage", **extra) -> dict:
    """The page node: name, description, dates, publisher and breadcrumb."""
    page = data.page
    return clean(
        {
            "@type": page_type,
            "@id": data.ref("webpage"),
            "url": data.url,
            "name": page.seo_title or page.title,
            "description": getattr(page, "meta_description", "")
            or page.search_description,
            "inLanguage": translation.get_language() or settings.LANGUAGE_CODE,
            "dateModified": page.last_published_at.isoformat()
            if page.last_published_at
            else None,
            "publisher": organization_ref(data),
            "breadcrumb": {"@id": data.ref("breadcrumb")},
            **extra,
        }
    )


# --- Entry points ---------------------------------------------------------------------


def page_graph(page, request, context=None) -> dict:
    """A page's JSON-LD document: the nodes the page gives, plus its breadcrumbs."""
    data = PageData(page, request, context or {})
    return {
        "@context": SCHEMA,
        "@graph": [*page.structured_data(data), breadcrumb_list(data)],
    }


def to_script_json(document: dict) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` become ``\\u003c`` etc.

    Page titles can come from outside sources (a registry), so a title containing
    ``</script>`` must not be able to end the element. The escapes are still valid JSON for the same text.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def json_ld_script(document: dict) -> str:
    """``document`` in a ``<script type="application/ld+json">`` element."""
    # to_script_json escapes <, > and &, so nothing inside can close the element.
    return mark_safe(  # noqa: S308
        f'<script type="application/ld+json">{to_script_json(document)}</script>'
    )


def page_share_image(page, request) -> dict:
    """The share image for Open Graph / Twitter: the page's own, cropped to 1200 × 630,
    or the site's default. A missing or broken image file falls back to the default
    rather than failing the page."""
    image = getattr(page, "social_image", None)
    if image is not None:
        try:
            rendition = image.get_rendition("fill-1200x630")
        # SourceImageIOError (file missing from storage) is an OSError.
        except (OSError, ValueError):
            logger.warning(
                "Share image %s could not be rendered", image.pk, exc_info=True
            )
        else:
            return {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image.default_alt_text or image.title,
            }
    return {
        "url": request.build_absolute_uri(static(SHARE_IMAGE)),
        "width": 1200,
        "height": 630,
        "alt": "",
    }
