"""Indexes that let PostgreSQL answer site search from an index instead of a scan.

Measured on the bench data set (500 conditions, 5,000 trials; bench/search_bench.py):

- Wagtail's database backend filters on ``title || body @@ query``, but its table has
  GIN indexes on each column alone, so every search read every index entry (about
  60 ms for the count and again for the ranked page). A GIN index on the expression
  itself finds the matches directly.
- It joins entries to pages on ``page.id::varchar = object_id``; with no index on that
  cast, a search matching thousands of pages took a nested loop over every page for
  each match (1.9 s once the GIN index made that plan look cheap). A btree index on the
  cast makes the join one index probe per match.
- The fuzzy fallback compares trigrams with every entry's title and body text (0.3 s);
  trigram GIN indexes let ``search.engine`` pick the candidates with ``<%`` first.

Does nothing on SQLite. The expressions must stay exactly those the backend writes, or
PostgreSQL will not use the indexes (tests/search/test_search_postgres.py checks the
plans).
"""

from django.db import migrations

INDEXES = {
    "search_entry_title_body_gin": (
        "wagtailsearch_indexentry USING gin ((title || body))"
    ),
    "search_entry_title_text_trgm": (
        "wagtailsearch_indexentry USING gin (title_text gin_trgm_ops)"
    ),
    "search_entry_body_text_trgm": (
        "wagtailsearch_indexentry USING gin (body_text gin_trgm_ops)"
    ),
    "search_page_id_as_text": "wagtailcore_page ((id::varchar(50)))",
}


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        has_trigram = cursor.fetchone() is not None
        for name, target in INDEXES.items():
            if "gin_trgm_ops" in target and not has_trigram:
                continue  # 0001 warned already; the fuzzy fallback is off
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_enable_trigram"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
