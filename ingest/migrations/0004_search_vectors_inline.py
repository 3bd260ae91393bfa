"""The article search index keeps its vectors in its rows (``ingest.search.keep_vectors_inline``),
and the rows already stored are rewritten so (PostgreSQL only)."""

from django.db import migrations

from ingest import search as engine

TABLE = "ingest_article_search"  # as ingest.search.ARTICLE_INDEX names it now


def forwards(apps, schema_editor):
    engine.keep_vectors_inline(schema_editor, TABLE, rewrite=True)


class Migration(migrations.Migration):
    atomic = False  # VACUUM FULL runs outside a transaction

    dependencies = [("ingest", "0003_search_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
