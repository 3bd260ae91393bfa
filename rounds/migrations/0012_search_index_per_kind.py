"""One search index table per kind (rounds, statements, events; see rounds/search.py), filled
from the stored records; the shared table of 0010 goes."""

from django.db import migrations

from ingest import search as engine
from rounds import search

SHARED = "rounds_search"
# As rounds.search.INDEXES names them now (constants here, so a later rename changes nothing
# this migration did).
TABLES = ("rounds_search_round", "rounds_search_statement", "rounds_search_event")


def forwards(apps, schema_editor):
    for table in TABLES:
        engine.create_index_table(schema_editor, table)
    search.search_rebuild(apps)
    engine.drop_index_table(schema_editor, SHARED)


def backwards(apps, schema_editor):
    engine.create_index_table(schema_editor, SHARED)  # empty: `manage.py search_rebuild` fills it
    for table in TABLES:
        engine.drop_index_table(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [("rounds", "0011_list_order_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
