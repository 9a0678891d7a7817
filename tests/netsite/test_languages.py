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
