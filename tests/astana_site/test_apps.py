"""A plain ``migrate`` leaves a working site: the database cache's table is made with it."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "astana_cache_probe",
    }
}


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_database_cache_table():
    assert "astana_cache_probe" not in connection.introspection.table_names()
    with override_settings(CACHES=DB_CACHE):
        call_command("migrate", verbosity=0)
    assert "astana_cache_probe" in connection.introspection.table_names()
    with connection.schema_editor() as editor:
        editor.execute(editor.sql_delete_table % {"table": editor.quote_name("astana_cache_probe")})
