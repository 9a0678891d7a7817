"""Search: synonyms, typos, labels, pagination, promotions, recording, query counts."""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from conditions.models import ConditionSynonym, ConditionType
from netsite.models import StandardPage
from search import engine as site_search
from search import matching
from search.views import NO_RESULTS_PREFIX
from tests import factories

pytestmark = pytest.mark.django_db

RESULT_TITLE = re.compile(r'class="search-result__title"><a href="([^"]*)">([^<]*)</a>')
RESULT_TYPE = re.compile(r'class="search-result__type">([^<]*)<')


def result_titles(response) -> list[str]:
    return [title for _url, title in RESULT_TITLE.findall(response.content.decode())]


NET_TITLE = "Neuroendocrine tumors"
IMAGING_TRIAL = "Sample study: imaging to find hidden neuroendocrine tumors"
MEDICINE_TRIAL = (
    "Sample study: a targeted medicine for children with progressive "
    "neuroendocrine tumors"
)


@pytest.fixture
def demo(site, home, condition_index, program_index, trial_listing):
    """A site built here, not read from the demo copy: a NET page with its other names
    and types, two trials that only say "neuroendocrine tumors", a program and a
    contact page. Returns the NET page."""
    net = factories.ConditionPageFactory(
        parent=condition_index,
        title=NET_TITLE,
        slug="neuroendocrine-tumors",
        short_name="NETs",
        summary="Growths that develop from hormone-producing neuroendocrine tissue.",
    )
    for name in ("NETs", "Carcinoid tumors", "Islet cell tumors"):
        factories.ConditionAliasFactory(page=net, name=name)
    for name in ("Insulinoma", "VIPoma"):
        ConditionType.objects.create(page=net, name=name, description="A type.")
    net.save_revision().publish()  # indexes the aliases and types with the page
    for number, title in enumerate((IMAGING_TRIAL, MEDICINE_TRIAL), start=1):
        trial = factories.ClinicalTrialPageFactory(
            parent=trial_listing, title=title, nct_id=f"NCT0999000{number}"
        )
        trial.conditions.set([net])
        trial.save_revision().publish()
    factories.ProgramPageFactory(
        parent=program_index,
        title="Endocrine-Oncology Program",
        summary="One program for children with endocrine tumors.",
    )
    factories.StandardPageFactory(
        parent=home,
        title="Contact us",
        slug="contact",
        summary="How to reach us. In an emergency, call 911.",
    )
    return net


@pytest.fixture
def other_conditions(demo):
    """Conditions whose words overlap the NET page's, so "first" means something."""
    condition_index = demo.get_parent()
    factories.ConditionPageFactory(
        parent=condition_index,
        title="Adrenal tumors",
        summary="Tumors of the adrenal glands, which sit on top of the kidneys.",
    )
    factories.ConditionPageFactory(
        parent=condition_index,
        title="Pancreatoblastoma",
        summary="A rare tumor of the pancreas in young children.",
    )
    factories.ConditionPageFactory(
        parent=condition_index,
        title="Neuroblastoma",
        summary="A tumor that grows from nerve cells outside the brain.",
    )


# --- The five queries of the issue, on the demo content -------------------------------


@pytest.mark.parametrize(
    "query", ["carcinoid", "islet cell", "NETs", "nueroendocrine", "VIPoma"]
)
def test_issue_queries_find_the_net_page_first(demo, other_conditions, client, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    titles = result_titles(response)
    assert titles, f"no results for {query!r}"
    assert titles[0] == "Neuroendocrine tumors"


def test_a_typo_is_corrected_and_the_correction_offered(demo, client):
    response = client.get("/search/", {"q": "nueroendocrine"})

    assert "including results for “<a" in response.content.decode()
    assert response.context["search"].corrected_query == "neuroendocrine"
    # The corrected word also reaches the backend: trials about NETs are found too.
    assert IMAGING_TRIAL in result_titles(response)


def test_two_typos_in_a_long_word_still_match(demo, client):
    response = client.get("/search/", {"q": "neuroendocrnie tumros"})

    assert result_titles(response)[0] == "Neuroendocrine tumors"


def test_short_words_are_not_fuzzed(demo):
    """ "NET" must not become "VET" or "NEW": 3-letter words match exactly or never."""
    vocabulary = matching.load_vocabulary()

    assert matching.match_word("nex", vocabulary).candidates == {}


def test_an_alias_query_also_finds_pages_that_use_the_title(demo, client):
    """“carcinoid” finds trials that only say “neuroendocrine tumors”."""
    titles = result_titles(client.get("/search/", {"q": "carcinoid"}))

    assert MEDICINE_TRIAL in titles


def test_results_are_labelled_by_type_with_their_summary(demo, client):
    response = client.get("/search/", {"q": "neuroendocrine"})
    html = response.content.decode()

    labels = RESULT_TYPE.findall(html)
    assert labels[0] == "Condition"
    assert "Clinical trial" in labels
    assert demo.summary in html
    # A trial shows its status and NCT ID next to its label.
    assert "NCT0999000" in html


def test_programs_and_standard_pages_are_searched_too(demo, client):
    assert "Endocrine-Oncology Program" in result_titles(
        client.get("/search/", {"q": "endocrine oncology"})
    )
    assert "Contact us" in result_titles(client.get("/search/", {"q": "emergency"}))


def test_drafts_and_private_pages_are_not_found(condition_index, client):
    factories.ConditionPageFactory(parent=condition_index, title="Ewing sarcoma")
    draft = factories.ConditionPageFactory(
        parent=condition_index, title="Hidden draft sarcoma", live=False
    )
    factories.ConditionAliasFactory(page=draft, name="Secret sarcoma")
    private = factories.ConditionPageFactory(
        parent=condition_index, title="Private sarcoma"
    )
    factories.ConditionAliasFactory(page=private, name="Staff-only sarcoma")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert result_titles(client.get("/search/", {"q": "sarcoma"})) == ["Ewing sarcoma"]
    # The hidden pages' aliases match nothing; "sarcoma" alone still finds the live
    # page.
    for query in ("secret sarcoma", "staff-only sarcoma"):
        assert result_titles(client.get("/search/", {"q": query})) == ["Ewing sarcoma"]
    assert result_titles(client.get("/search/", {"q": "staff-only"})) == []


# --- Editors' synonyms ----------------------------------------------------------------


def test_a_synonym_added_by_an_editor_works_at_once(demo, client):
    """An old name for carcinoid tumors in no page's text: only the synonym finds it."""
    assert result_titles(client.get("/search/", {"q": "argentaffinoma"})) == []

    ConditionSynonym.objects.create(term="Argentaffinoma", condition=demo)

    titles = result_titles(client.get("/search/", {"q": "argentaffinoma"}))
    assert titles[0] == "Neuroendocrine tumors"
    # …and typos of it too, like any other name.
    assert result_titles(client.get("/search/", {"q": "argentafinoma"}))[0] == (
        "Neuroendocrine tumors"
    )


def test_synonyms_are_managed_as_a_snippet(demo, admin_client):
    ConditionSynonym.objects.create(
        term="gut tumor", condition=demo, note="From the report"
    )

    listing = admin_client.get("/admin/snippets/conditions/conditionsynonym/")
    assert listing.status_code == 200
    assert b"gut tumor" in listing.content

    found = admin_client.get("/admin/snippets/conditions/conditionsynonym/?q=gut")
    assert b"gut tumor" in found.content
    filtered = admin_client.get(
        f"/admin/snippets/conditions/conditionsynonym/?condition={demo.pk}"
    )
    assert b"gut tumor" in filtered.content


def test_synonym_terms_are_unique_per_condition_whatever_the_case(demo):
    ConditionSynonym.objects.create(term="Gut tumor", condition=demo)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConditionSynonym.objects.create(term="gut TUMOR", condition=demo)


# --- Promotions, recording, pagination ------------------------------------------------


def test_editors_promotions_come_first(demo, client):
    contact = StandardPage.objects.get(slug="contact")
    SearchPromotion.objects.create(
        query=Query.get("carcinoid"),
        page=contact,
        description="Call us to talk it over.",
    )

    response = client.get("/search/", {"q": "Carcinoid"})
    html = response.content.decode()

    assert result_titles(response)[0] == "Contact us"
    assert "Recommended" in html
    assert "Call us to talk it over." in html
    assert result_titles(response)[1] == "Neuroendocrine tumors"


def test_search_terms_are_recorded_for_the_report(demo, client):
    client.get("/search/", {"q": "  Carcinoid  "})
    client.get("/search/", {"q": "carcinoid"})
    client.get(
        "/search/", {"q": "carcinoid", "page": "2"}
    )  # paging is not a new search
    client.get("/search/", {"q": ""})
    client.get("/search/", {"q": "   "})

    assert Query.get("carcinoid").hits == 2
    assert not Query.objects.filter(query_string="").exists()


def test_searches_that_find_nothing_are_recorded_separately(demo, client):
    client.get("/search/", {"q": "xyzzyqq"})

    assert Query.get("xyzzyqq").hits == 1
    assert Query.get(NO_RESULTS_PREFIX + "xyzzyqq").hits == 1
    assert not Query.objects.filter(
        query_string=NO_RESULTS_PREFIX + "carcinoid"
    ).exists()


def test_no_results_offers_the_a_to_z_and_the_phone_number(demo, client):
    response = client.get("/search/", {"q": "xyzzyqq"})
    html = response.content.decode()

    assert "We found nothing for “xyzzyqq”" in html
    assert 'href="/conditions/"' in html
    assert "tel:6175550100" in html


def test_results_are_paginated_keeping_the_query(condition_index, client):
    for number in range(25):
        factories.ConditionPageFactory(
            parent=condition_index,
            title=f"Rhabdoid variant {number:02d}",
            summary="Rare rhabdoid tumour.",
        )

    first = client.get("/search/", {"q": "rhabdoid"})
    assert len(result_titles(first)) == site_search.RESULTS_PER_PAGE
    assert "Page 1 of 3" in first.content.decode()
    assert "?q=rhabdoid&amp;page=2" in first.content.decode()

    third = client.get("/search/", {"q": "rhabdoid", "page": "3"})
    assert len(result_titles(third)) == 5
    seen = set(result_titles(first)) | set(
        result_titles(client.get("/search/", {"q": "rhabdoid", "page": "2"}))
    )
    assert seen.isdisjoint(result_titles(third))

    # A bad or too-large page number gives a normal page, not an error.
    assert client.get("/search/", {"q": "rhabdoid", "page": "x"}).status_code == 200
    last = client.get("/search/", {"q": "rhabdoid", "page": "999"})
    assert "Page 3 of 3" in last.content.decode()


# --- Bad input ------------------------------------------------------------------------


def test_the_query_is_capped_and_cleaned():
    text, truncated = site_search.clean_query("a\x00b\tc\u202e" + "x" * 500)

    assert "\x00" not in text and "\u202e" not in text
    assert text.startswith("a b c")
    assert len(text) <= site_search.MAX_QUERY_LENGTH
    assert truncated


def test_empty_and_long_queries_get_a_normal_page(site, client):
    empty = client.get("/search/")
    assert empty.status_code == 200
    assert b"Type a word or two" in empty.content

    long = client.get("/search/", {"q": "tumor " * 2000})
    assert long.status_code == 200
    assert b"first 200 characters" in long.content


def test_the_query_is_escaped_in_the_page(site, client):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert" in response.content


def test_the_search_page_has_breadcrumbs_and_is_not_indexed(site, client):
    html = client.get("/search/", {"q": "x"}).content.decode()

    assert 'aria-label="Breadcrumb"' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '"@type":"BreadcrumbList"' in html


# --- Query counts ---------------------------------------------------------------------


def count_search_queries(client, query):
    # A first request warms what is cached across requests (navigation, view
    # restrictions, the recorded search term), so both measurements see the
    # same steady state.
    client.get("/search/", {"q": query})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(queries), response


def test_search_answers_in_a_fixed_number_of_queries(
    condition_index, trial_listing, client
):
    """5 matching pages or 60, and 1 or 21 conditions in the vocabulary: same count."""
    condition = factories.ConditionPageFactory(
        parent=condition_index, title="Osteosarcoma"
    )
    factories.ConditionAliasFactory(page=condition, name="Bone cancer")

    def add_trials(start, stop):
        for n in range(start, stop):
            factories.ClinicalTrialPageFactory(
                parent=trial_listing, title=f"Osteosarcoma study {n}"
            )

    add_trials(0, 4)
    few, response = count_search_queries(client, "osteosarcoma")
    assert response.context["search"].total == 5
    assert result_titles(response)[0] == "Osteosarcoma"

    add_trials(4, 59)
    for n in range(20):
        other = factories.ConditionPageFactory(
            parent=condition_index, title=f"Other {n}"
        )
        factories.ConditionAliasFactory(page=other, name=f"Another name {n}")
    many, response = count_search_queries(client, "osteosarcoma")
    assert response.context["search"].total == 60
    assert len(result_titles(response)) == site_search.RESULTS_PER_PAGE
    assert result_titles(response)[0] == "Osteosarcoma"

    assert few == many


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the unranked fallback is SQLite's only"
)
def test_sqlite_lists_very_many_matches_newest_first_in_the_same_queries(
    condition_index, trial_listing, client, monkeypatch
):
    """Past SQLITE_RANKED_LIMIT matches, SQLite skips relevance scoring (seconds at
    scale): every match is still found, newest first, and no query is added."""
    for n in range(4):
        factories.ClinicalTrialPageFactory(
            parent=trial_listing, title=f"Hepatoblastoma study {n}"
        )
    ranked, response = count_search_queries(client, "hepatoblastoma")
    assert response.context["search"].total == 4

    monkeypatch.setattr(site_search, "SQLITE_RANKED_LIMIT", 2)
    unranked, response = count_search_queries(client, "hepatoblastoma")

    assert response.context["search"].total == 4
    assert result_titles(response) == [
        f"Hepatoblastoma study {n}" for n in (3, 2, 1, 0)
    ]
    assert unranked == ranked


def test_vocabulary_is_read_in_three_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(3):
        vocabulary = matching.load_vocabulary()
    names = {term.text for term in vocabulary.terms}
    assert {"Neuroendocrine tumors", "NETs", "Carcinoid tumors", "VIPoma"} <= names


def test_vocabulary_is_kept_until_content_changes(
    demo, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_TIMEOUT = 300  # the page cache on: a shared generation
    first = matching.load_vocabulary()
    with django_assert_num_queries(0):
        assert matching.load_vocabulary() is first

    ConditionSynonym.objects.create(term="Argentaffinoma", condition=demo)

    with django_assert_num_queries(3):
        again = matching.load_vocabulary()
    assert "Argentaffinoma" in {term.text for term in again.terms}


@pytest.mark.parametrize("page_cache", ["down", "off"])
def test_vocabulary_is_read_every_time_without_a_shared_generation(
    demo, monkeypatch, settings, page_cache
):
    """A cache that is down, or off (production without Redis, where each worker
    would keep its own generation): every search reads the names afresh."""
    if page_cache == "down":
        settings.PAGE_CACHE_TIMEOUT = 300
        monkeypatch.setattr(matching, "current_generation", lambda: None)
    else:
        settings.PAGE_CACHE_TIMEOUT = 0
    first = matching.load_vocabulary()
    with CaptureQueriesContext(connection) as queries:
        second = matching.load_vocabulary()

    assert second is not first
    assert any("conditions_conditionalias" in q["sql"] for q in queries)


# --- PostgreSQL's fuzzy fallback ------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram fuzzy search needs PostgreSQL"
)
def test_postgres_fuzzy_fallback_finds_typos_outside_condition_names(demo, client):
    """ "Endocirne-Oncolgy" is not a condition name, so only trigram search helps."""
    response = client.get("/search/", {"q": "Oncolgoy Programm"})

    assert response.context["search"].fuzzy
    assert "Endocrine-Oncology Program" in result_titles(response)
