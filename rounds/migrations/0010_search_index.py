"""The curated records' search index (see rounds/search.py): one table of rounds, statements
and events at first. 0012 split it into one table per kind and fills those."""

from django.db import migrations

from ingest import search as engine

TABLE = "rounds_search"


def forwards(apps, schema_editor):
    engine.create_index_table(schema_editor, TABLE)


def backwards(apps, schema_editor):
    engine.drop_index_table(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("rounds", "0009_translations"), ("ingest", "0003_search_index")]

    operations = [migrations.RunPython(forwards, backwards)]
