"""Template helpers used by the site's base templates."""

import logging

from django import template
from wagtail.models import Page, Site

from netsite.i18n import current_language, language_versions
from netsite.models import SiteSettings
from netsite.page_cache import cached_fragment
from netsite.schema import (
    json_ld_script,
    page_graph,
    page_share_image,
    site_root_url,
)

register = template.Library()
logger = logging.getLogger(__name__)


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as written ("617-555-0100") to a tel: link target ("tel:6175550100")."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The home page's live children marked "show in menus", with the current one
    flagged: in the page's language (the children of that language's home page)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "path", "")

    language = current_language()

    def menu_pages():
        home = (
            Page.objects.filter(translation_key=site.root_page.translation_key)
            .filter(locale__language_code=language)
            .first()
        ) or site.root_page
        pages = Page.objects.child_of(home).live().public().in_menu()
        return [(page.title, page.get_url(request), page.path) for page in pages]

    # The same menu on every page of a language: read once, kept until content changes.
    entries = cached_fragment(f"main-nav:{site.pk}:{language}", menu_pages)
    return [
        {
            "title": title,
            "url": url,
            "current": bool(current_path) and current_path.startswith(path),
        }
        for title, url, path in entries
    ]


# --- Languages (see netsite/i18n.py) ----------------------------------------------


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other languages' versions of this page (or their home pages), for the
    language link in the header."""
    versions = language_versions(context.get("request"), context.get("page"))
    return [version for version in versions if not version.is_current]


@register.inclusion_tag("components/hreflang.html", takes_context=True)
def hreflang_links(context):
    """``<link rel="alternate" hreflang>`` for each language the page exists in."""
    request, page = context.get("request"), context.get("page")
    if request is None:
        return {"alternates": []}
    versions = [v for v in language_versions(request, page) if v.is_translation]
    if len(versions) < 2:
        return {"alternates": []}
    # Absolute as the canonical link writes them: from the Site, not the Host header.
    root = site_root_url(request).rstrip("/")

    def absolute(url):
        return root + url if url.startswith("/") else url

    return {
        "alternates": [(v.code, absolute(v.url)) for v in versions],
        "x_default": absolute(versions[0].url),
    }


# --- Structured data and sharing (see netsite/schema.py) -------------------------


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD in a ``<script type="application/ld+json">``."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_full_url"):
        return ""
    try:
        document = page_graph(page, request, context.flatten())
    except Exception:
        # Structured data is for machines; a bug in it must not take the page down.
        logger.exception("Structured data failed for page %s", page.pk)
        return ""
    return json_ld_script(document)


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph and Twitter card tags for the page, with a 1200 × 630 share image."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_full_url"):
        return {"page": None}
    site_settings = SiteSettings.for_request(request)
    return {
        "page": page,
        "title": page.seo_title or page.title,
        "description": getattr(page, "meta_description", "") or page.search_description,
        "url": page.get_full_url(request),
        "type": "website" if page.depth <= 2 else "article",
        "site_name": site_settings.center_name,
        "image": page_share_image(page, request),
    }
