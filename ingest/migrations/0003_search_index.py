"""The articles' search index (see ingest/search.py): a tsvector table with a GIN index on
PostgreSQL, an FTS5 table on SQLite, filled from the stored articles."""

from django.db import migrations

from ingest import search


def forwards(apps, schema_editor):
    search.create_headline_configs(schema_editor)
    search.create_index_table(schema_editor, search.ARTICLE_INDEX.table)
    search.article_search_rebuild(apps)


def backwards(apps, schema_editor):
    search.drop_index_table(schema_editor, search.ARTICLE_INDEX.table)
    search.drop_headline_configs(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("ingest", "0002_article_outlet_and_history")]

    operations = [migrations.RunPython(forwards, backwards)]
