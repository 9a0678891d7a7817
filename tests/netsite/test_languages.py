"""The site in English at today's URLs and in Spanish under /es/ (netsite/i18n.py):
<html lang>, the language link, hreflang alternates, the sitemap and JSON-LD."""

import json
import re

import pytest
from django.test import override_settings

from tests import factories
from tests.conftest import translate

pytestmark = pytest.mark.django_db


def links_to(html: str, rel_hreflang: str) -> str:
    match = re.search(
        rf'<link rel="alternate" hreflang="{rel_hreflang}" href="([^"]+)">', html
    )
    return match.group(1) if match else ""


def language_link(html: str) -> tuple[str, str]:
    match = re.search(
        r'<p class="site-header__languages">\s*<a href="([^"]+)" lang="(\w+)"', html
    )
    return match.groups() if match else ("", "")


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_english_stays_at_its_urls_with_lang_en(client, site, home, es_home):
    factories.StandardPageFactory(parent=home, title="About us", slug="about")
    response = client.get("/about/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


def test_spanish_home_is_under_es_with_lang_es(client, es_home):
    response = client.get("/es/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="es">' in html
    # The other language's link goes to the English home page.
    assert language_link(html) == ("/", "en")
    assert links_to(html, "en") == "http://testserver/"
    assert links_to(html, "es") == "http://testserver/es/"
    assert links_to(html, "x-default") == "http://testserver/"
    graph = json_ld(html)["@graph"]
    assert {node.get("inLanguage") for node in graph if "inLanguage" in node} == {"es"}


def test_language_link_goes_to_the_translation_when_there_is_one(client, home, es_home):
    about = factories.StandardPageFactory(parent=home, title="About us", slug="about")
    only_english = factories.StandardPageFactory(
        parent=home, title="Visiting", slug="visiting"
    )
    acerca = translate(about)
    acerca.slug = "acerca"
    acerca.save_revision().publish()

    html = client.get("/about/").text
    assert language_link(html) == ("/es/acerca/", "es")
    assert links_to(html, "es") == "http://testserver/es/acerca/"
    html = client.get("/es/acerca/").text
    assert language_link(html) == ("/about/", "en")
    # No translation: the link goes to the Spanish home, and no hreflang pair claims
    # a translation that does not exist.
    html = client.get(only_english.url).text
    assert language_link(html) == ("/es/", "es")
    assert "hreflang=" not in html.split("</head>")[0]


def test_an_unpublished_translation_is_not_linked(client, home, es_home):
    about = factories.StandardPageFactory(parent=home, title="About us", slug="about")
    draft = translate(about, publish=False)
    assert not draft.live
    assert language_link(client.get("/about/").text) == ("/es/", "es")


def test_no_language_link_while_there_is_no_spanish_site(client, site, home):
    html = client.get("/").text
    assert "site-header__languages" not in html
    assert client.get("/es/").status_code == 404


def test_sitemap_lists_both_languages_with_alternates(client, home, es_home):
    about = factories.StandardPageFactory(parent=home, title="About us", slug="about")
    translate(about)
    xml = client.get("/sitemap.xml").text
    assert "<loc>http://testserver/es/about/</loc>" in xml
    assert "<loc>http://testserver/about/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="es" href="http://testserver/es/about/"/>'
        in xml
    )
    assert xml.count('hreflang="en" href="http://testserver/about/"') == 2


def test_search_has_a_spanish_address(client, es_home):
    response = client.get("/es/search/", {"q": "tumor"})
    assert response.status_code == 200
    assert '<html lang="es">' in response.text
    assert language_link(response.text) == ("/search/?q=tumor", "en")


@override_settings(PAGE_CACHE_TIMEOUT=60)
def test_the_page_cache_keeps_each_language_apart(client, home, es_home):
    assert '<html lang="en">' in client.get("/").text
    assert '<html lang="es">' in client.get("/es/").text
    # Served from the cache now, each in its own language.
    english, spanish = client.get("/"), client.get("/es/")
    assert english["X-Page-Cache"] == spanish["X-Page-Cache"] == "HIT"
    assert '<html lang="en">' in english.text
    assert '<html lang="es">' in spanish.text


def test_browser_language_does_not_change_an_english_url(client, es_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


# --- The interface in Spanish (locale/es/LC_MESSAGES/django.po) -----------------

ENGLISH_INTERFACE = (
    "Skip to main content",
    "Search the site",
    "On this page",
    "Clinical trials",
    "Request an appointment",
    "Medically reviewed",
    "Who treats",
)


def test_a_spanish_condition_page_has_a_spanish_interface(
    client, condition_index, es_home
):
    import datetime

    condition = factories.ConditionPageFactory(
        parent=condition_index,
        title="Neuroendocrine tumors",
        last_reviewed=datetime.date(2026, 3, 2),
        reviewed_by="Rita Reviewer, MD",
    )
    condition.save_revision().publish()
    translate(condition_index)
    spanish = translate(condition)
    # A translation starts unreviewed; its own review is written on it.
    assert spanish.last_reviewed is None
    spanish.last_reviewed = condition.last_reviewed
    spanish.reviewed_by = "Rita Reviewer, MD"
    spanish.save_revision().publish()
    html = client.get(spanish.url).text
    assert '<html lang="es">' in html
    for words in (
        "Saltar al contenido principal",
        "En esta página",
        "Ensayos clínicos",
        "Revisado por Rita Reviewer, MD el",
        "2 de marzo de 2026",
    ):
        assert words in html
    for words in ENGLISH_INTERFACE:
        assert words not in html, words
    # The English page is as before.
    html = client.get(condition.url).text
    assert "On this page" in html
    assert "Medically reviewed by Rita Reviewer, MD on" in html
    assert "March 2, 2026" in html


def test_ages_and_statuses_are_said_in_the_language_of_the_page():
    from django.utils import translation

    from trials.registry.values import (
        OVERALL_STATUS_LABELS,
        Age,
        describe_age_range,
        describe_phases,
    )

    six_months, twenty_one = Age(6, "month"), Age(21, "year")
    assert describe_age_range(six_months, twenty_one) == "6 months to 21 years"
    with translation.override("es"):
        assert describe_age_range(six_months, twenty_one) == "6 meses a 21 años"
        assert describe_age_range(Age(1, "year"), None) == "1 año o más"
        assert describe_phases(["PHASE1", "PHASE2"]) == "Fase 1/2"
        assert str(OVERALL_STATUS_LABELS["RECRUITING"]) == "Abierto a pacientes nuevos"
