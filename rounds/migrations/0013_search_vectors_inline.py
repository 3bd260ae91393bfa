"""The curated records' search indexes keep their vectors in their rows
(``ingest.search.keep_vectors_inline``), and the rows already stored are rewritten so
(PostgreSQL only)."""

from django.db import migrations

from ingest import search as engine

# As rounds.search.INDEXES names them now.
TABLES = ("rounds_search_round", "rounds_search_statement", "rounds_search_event")


def forwards(apps, schema_editor):
    for table in TABLES:
        engine.keep_vectors_inline(schema_editor, table, rewrite=True)


class Migration(migrations.Migration):
    atomic = False  # VACUUM FULL runs outside a transaction

    dependencies = [("rounds", "0012_search_index_per_kind")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
