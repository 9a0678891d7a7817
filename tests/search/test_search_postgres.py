"""Site search on PostgreSQL answers from indexes (search/migrations/0002).

The planner picks a scan on a table this small whatever the indexes, so each test turns
sequential scans off: an index that does not match the backend's expression exactly
is then still not used, and the test fails.
"""

import pytest
from django.db import connection
from wagtail.search.models import IndexEntry
from wagtail.search.query import Fuzzy, PlainText

from search import engine as site_search
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the indexes are PostgreSQL's"
    ),
]


def plan(queryset) -> str:
    return explain(*queryset.query.sql_with_params())


@pytest.fixture
def trials(trial_listing):
    return [
        factories.ClinicalTrialPageFactory(
            parent=trial_listing, title=f"Osteosarcoma study {n}"
        )
        for n in range(3)
    ]


def explain(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_full_text_search_expressions_are_indexed(trials):
    """The backend's filter and join, written as it writes them, are index lookups.

    Which plan PostgreSQL picks depends on the data; what the migration promises is
    that each expression the backend writes has an index that serves it.
    """
    results = site_search._base_queryset([]).search(PlainText("osteosarcoma"))
    sql = str(results.get_queryset().query)
    entry = '"wagtailsearch_indexentry"'
    match = f'({entry}."title" || {entry}."body") @@'
    join = '("wagtailcore_page"."id")::varchar(50)'
    assert match in sql and join in sql
    assert results.count() == 3

    assert "search_entry_title_body_gin" in explain(
        f"SELECT id FROM wagtailsearch_indexentry WHERE {match} to_tsquery('x')"  # noqa: S608
    )
    assert "search_page_id_as_text" in explain(
        f"SELECT 1 FROM wagtailcore_page WHERE {join} = %s",  # noqa: S608
        ["1"],
    )


def test_fuzzy_candidates_come_from_the_trigram_indexes(trials):
    query_plan = plan(IndexEntry.objects.filter(site_search.trigram_match("osteosarc")))

    assert "search_entry_title_text_trgm" in query_plan
    assert "search_entry_body_text_trgm" in query_plan


@pytest.mark.parametrize(
    "words", ["osteosarcom", "Ostesarcoma studdy", "xqzzyvmplk", "study"]
)
def test_fuzzy_candidates_keep_every_result_of_the_backends_own_test(trials, words):
    """The trigram prefilter drops nothing the backend alone would have found."""
    alone = site_search._base_queryset([]).search(Fuzzy(words))
    expected = [page.pk for page in alone]

    fuzzy = site_search._fuzzy_backend(words, [])

    assert [page.pk for page in fuzzy] == expected


def test_the_fuzzy_read_leaves_no_setting_behind(trials):
    site_search._trigram_candidates("osteosarcom")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), "
            "current_setting('pg_trgm.word_similarity_threshold')"
        )
        assert cursor.fetchone() == ("on", "0.6")  # PostgreSQL's defaults
