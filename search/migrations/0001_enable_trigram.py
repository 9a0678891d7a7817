"""Enable PostgreSQL's pg_trgm so site search can fall back to the backend's fuzzy search.

Does nothing on SQLite. On PostgreSQL, pg_trgm is a "trusted" extension (PostgreSQL 13+),
so the database owner may create it; where the role may not, the migration warns instead
of failing, and search still corrects typos from its own vocabulary (search.engine).
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def enable_trigram(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        logger.warning(
            "Could not create the pg_trgm extension; fuzzy search fallback is off. "
            "Ask a database administrator to run: CREATE EXTENSION pg_trgm;"
        )


class Migration(migrations.Migration):

    dependencies = []

    # The extension may be shared with other apps, so it is left in place on reversal.
    operations = [migrations.RunPython(enable_trigram, migrations.RunPython.noop, elidable=True)]
