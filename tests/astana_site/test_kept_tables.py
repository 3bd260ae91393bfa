"""astana_site.cache.kept_rows: a small table read once per data version and process."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from astana_site import cache as kept
from rounds.models import Place

pytestmark = pytest.mark.django_db

COLUMNS = ("id", "slug", "name")


def _read(attnames=COLUMNS):
    with CaptureQueriesContext(connection) as captured:
        rows = kept.kept_rows(Place, attnames, "default")
    return rows, len(captured)


def test_a_table_is_read_once_per_data_version(kept_tables):
    rows, queries = _read()
    assert queries == 1
    assert rows == {pk: (pk, slug, name) for pk, slug, name in Place.objects.values_list(*COLUMNS)}
    assert _read() == (rows, 0)
    assert _read(("id", "slug"))[1] == 1  # other columns, another table

    kept.data_changed()  # what a service calls when it writes
    Place.objects.filter(pk=next(iter(rows))).update(name="Renamed")
    again, queries = _read()
    assert queries == 1 and "Renamed" in {name for _, _, name in again.values()}


def test_the_version_a_request_read_is_the_one_judged_by(kept_tables):
    version = kept.data_version()
    with kept.reading_at(version):
        rows, _ = _read()
        kept.data_changed()  # a write while the request runs: it goes on at what it read
        assert _read() == (rows, 0)
        assert kept.current_data_version() == version
    assert kept.current_data_version() > version
    assert _read()[1] == 1  # the next request reads it again


def test_nothing_is_kept_when_keeping_is_off_or_the_table_is_large(settings, monkeypatch):
    settings.KEPT_TABLES_ENABLED = False
    assert _read() == (None, 0)

    settings.KEPT_TABLES_ENABLED = True
    monkeypatch.setattr(kept, "KEPT_TABLE_ROWS", Place.objects.count() - 1)
    assert _read() == (None, 1)  # read (one row too many), not kept
    assert _read() == (None, 0)  # known to be too large at this version


def test_a_kept_table_is_read_again_once_as_old_as_a_cached_read(kept_tables, monkeypatch):
    """Should a write's bump of the version be missed (the cache out of reach when it
    commits), a kept table is as stale as a cached page at most."""
    now = [1000.0]
    monkeypatch.setattr(kept.time, "monotonic", lambda: now[0])
    rows, queries = _read()
    assert queries == 1
    now[0] += kept.READ_CACHE_SECONDS - 1
    assert _read() == (rows, 0)
    now[0] += 1
    assert _read() == (rows, 1)
