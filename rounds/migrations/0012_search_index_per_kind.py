"""One search index table per kind (rounds, statements, events; see rounds/search.py), filled
from the stored records; the shared table of 0010 goes."""

from django.db import migrations

from ingest import search as engine
from rounds import search

SHARED = "rounds_search"


def forwards(apps, schema_editor):
    for index in search.INDEXES.values():
        engine.create_index_table(schema_editor, index.table)
    search.search_rebuild(apps)
    engine.drop_index_table(schema_editor, SHARED)


def backwards(apps, schema_editor):
    engine.create_index_table(schema_editor, SHARED)  # empty: `manage.py search_rebuild` fills it
    for index in search.INDEXES.values():
        engine.drop_index_table(schema_editor, index.table)


class Migration(migrations.Migration):
    dependencies = [("rounds", "0011_list_order_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
