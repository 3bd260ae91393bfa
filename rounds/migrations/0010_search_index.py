"""The curated records' search index (see rounds/search.py), filled from the stored rounds,
statements and events."""

from django.db import migrations

from ingest import search as engine
from rounds import search


def forwards(apps, schema_editor):
    engine.create_index_table(schema_editor, search.INDEX.table)
    search.search_rebuild(apps)


def backwards(apps, schema_editor):
    engine.drop_index_table(schema_editor, search.INDEX.table)


class Migration(migrations.Migration):
    dependencies = [("rounds", "0009_translations"), ("ingest", "0003_search_index")]

    operations = [migrations.RunPython(forwards, backwards)]
