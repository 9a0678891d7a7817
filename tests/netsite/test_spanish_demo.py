"""The Spanish demo site `make run` shows: /es/, the NET page, a program and the
trial listing in Spanish, marked as demo text nobody medically reviewed."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

SPANISH_PAGES = (
    "/es/",
    "/es/enfermedades/",
    "/es/enfermedades/tumores-neuroendocrinos/",
    "/es/programas/",
    "/es/programas/programa-oncologia-endocrina/",
    "/es/ensayos/",
)
# Words of the English interface that must not be on a Spanish page (a crawler's list).
ENGLISH_INTERFACE = (
    "Skip to main content",
    "Search the site",
    ">Search<",
    "Call us",
    "Request an appointment",
    "On this page",
    "Where they form",
    "How we care",
    "Clinical trials for",
    "Also known as",
    "Talk to",
    "Filter trials",
    "Open to new patients",
    "Any condition",
    "Functioning (makes hormones)",
    "Medically reviewed",
    "Phone:",
    "This is a demonstration site",
)


def load_demo():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def demo(home, django_capture_on_commit_callbacks):
    # wagtail-localize publishes a translation once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_every_spanish_demo_page_is_spanish(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert '<html lang="es">' in html
    for words in ENGLISH_INTERFACE:
        assert words not in html, f"{url}: {words!r}"
    assert 'hreflang="en"' in html and 'hreflang="es"' in html


def test_the_spanish_pages_say_they_are_demo_text_not_medically_reviewed(client, demo):
    for url in SPANISH_PAGES[2:]:
        if url.endswith("/programas/"):
            continue
        text = visible_text(client.get(url).text)
        assert "no ha sido revisada por ningún médico" in text, url
    net = client.get("/es/enfermedades/tumores-neuroendocrinos/").text
    assert "Revisado por" not in net  # no claim of a review that did not happen


def test_the_language_links_pair_the_net_pages(client, demo):
    english = client.get("/conditions/neuroendocrine-tumors/").text
    assert (
        '<a href="/es/enfermedades/tumores-neuroendocrinos/" lang="es" hreflang="es">'
        "Español</a>" in english
    )
    spanish = client.get("/es/enfermedades/tumores-neuroendocrinos/").text
    assert (
        '<a href="/conditions/neuroendocrine-tumors/" lang="en" hreflang="en">'
        "English</a>" in spanish
    )


def test_the_spanish_listing_shows_the_registry_trials_marked_english(client, demo):
    html = client.get("/es/ensayos/").text
    assert "en inglés" in html  # the plain note
    assert re.search(r'<a href="/trials/nct09990001[^"]*" lang="en">', html)
    assert "Abierto a pacientes nuevos" in html
    # And the Spanish NET page lists the trials of the English one.
    net = client.get("/es/enfermedades/tumores-neuroendocrinos/").text
    assert "NCT09990001" in net


def test_loading_the_spanish_demo_twice_changes_nothing(
    demo, django_capture_on_commit_callbacks
):
    before = sorted(Page.objects.values_list("id", "url_path", "latest_revision_id"))
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    after = sorted(Page.objects.values_list("id", "url_path", "latest_revision_id"))
    assert before == after


# --- Search in Spanish: /es/search/ searches the Spanish pages by their Spanish names --


@pytest.mark.parametrize(
    "query",
    [
        "tumores neuroendocrinos",
        "Tumores Neuroendócrinos",  # an accent that is not there
        "tumor carcinoide",
        "tumores neuroendocrinso",  # one typo
        "TNE",
    ],
)
def test_spanish_queries_find_the_spanish_net_page_first(client, demo, query):
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    first = re.search(r'class="search-result__title"><a href="([^"]+)"', response.text)
    assert first, query
    assert first.group(1) == "/es/enfermedades/tumores-neuroendocrinos/", query


def test_english_search_finds_only_english_pages(client, demo):
    html = client.get("/search/", {"q": "neuroendocrine"}).text
    assert "/conditions/neuroendocrine-tumors/" in html
    assert (
        "/es/" not in re.sub(r'hreflang="es" href="[^"]+"', "", html).split("<main")[1]
    )
