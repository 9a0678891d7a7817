"""The site in each of its languages: which page is this one in the other language.

English pages are at today's URLs and Spanish ones under ``/es/`` (``i18n_patterns`` in
netsite/urls.py); a Spanish page is a wagtail-localize translation of an English one,
sharing its ``translation_key``. The language link and the ``hreflang`` alternates both
come from ``language_versions``: the same page in each language when a live, public
translation exists, else that language's home page. It costs one query per page (the
page's translations) once there is a second language; locales and home pages are kept
until content changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .page_cache import cached_fragment
from .querysets import is_public


@dataclass(frozen=True)
class LanguageVersion:
    """This page (or the nearest equivalent) in one of the site's languages."""

    code: str
    name: str
    url: str
    #: The same page translated, rather than the language's home page.
    is_translation: bool
    is_current: bool


def current_language() -> str:
    """The active language as the site names it ("en" or "es")."""
    return translation.get_language() or settings.LANGUAGE_CODE


def locale_codes() -> dict[int, str]:
    """Locale id → language code, read once until content changes."""
    return cached_fragment(
        "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def home_urls(request) -> dict[str, str]:
    """Each language's home page URL on the request's site (live translations of the
    site's root page)."""
    site = Site.find_for_request(request)
    if site is None:
        return {}

    def find():
        codes = locale_codes()
        homes = Page.objects.filter(
            translation_key=site.root_page.translation_key
        ).live()
        return {codes.get(home.locale_id, ""): home.get_url(request) for home in homes}

    return cached_fragment(f"home-urls:{site.pk}", find)


def page_translations(page) -> dict[str, Page]:
    """Language code → the live, public translations of ``page`` (itself included)."""
    cached = getattr(page, "_netsite_translations", None)
    if cached is not None:
        return cached
    codes = locale_codes()
    found = {codes.get(page.locale_id, ""): page}
    if page.pk:
        for other in (
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .exclude(pk=page.pk)
            .only("id", "path", "depth", "url_path", "locale_id", "translation_key")
        ):
            if is_public(other):
                found[codes.get(other.locale_id, "")] = other
    page._netsite_translations = found
    return found


def language_versions(request, page=None) -> list[LanguageVersion]:
    """Every site language, with where its link goes from this page (or view).

    Empty while the site has a home page in one language only: there is no other
    language to link to (and no query is spent on the page's translations).
    """
    homes = home_urls(request) if request is not None else {}
    if len(homes) < 2:
        return []
    current = current_language()
    translations = page_translations(page) if page is not None else {}
    versions = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url, is_translation = translations[code].get_url(request), True
        elif page is None:
            # Not a page (search, feeds): the same view in that language.
            url, is_translation = translate_url(request.get_full_path(), code), True
        else:
            url, is_translation = homes.get(code, ""), False
        if url:
            versions.append(
                LanguageVersion(code, name, url, is_translation, code == current)
            )
    return versions
