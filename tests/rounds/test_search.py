"""The curated records' search entries follow the services' writes, and the API's
``search``/``q`` filter reads the same index as the page (SQLite and PostgreSQL alike)."""

import pytest

from dashboard import search as page_search
from rounds.models import Round
from rounds.services import curated_delete, curated_update, curated_write
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def _round_titles(query: str) -> list[str]:
    results = page_search.search(query=query)
    return [h.title for h in next(s for s in results.sections if s.key == "rounds").hits]


def _statement_titles(query: str) -> list[str]:
    results = page_search.search(query=query)
    return [h.title for h in next(s for s in results.sections if s.key == "statements").hits]


def test_a_round_is_searchable_as_soon_as_it_is_written_changed_and_gone():
    rnd = curated_write(
        Round(), data={"number": 99, "name": "Quokka meeting", "city": "Astana"}, reason="test"
    )
    assert _round_titles("quokka") == ["Round 99: Quokka meeting"]

    curated_update(rnd, data={"name": "Wombat meeting"}, reason="renamed")
    assert _round_titles("quokka") == []
    assert _round_titles("wombat") == ["Round 99: Wombat meeting"]

    curated_delete(rnd, reason="test over")
    assert _round_titles("wombat") == []


def test_a_statement_text_is_searchable_after_a_service_write():
    statement = StatementFactory.build(title="Note verbale", text="")
    curated_write(statement, data={}, reason="test")
    assert _statement_titles("platypus") == []

    curated_update(statement, data={"text": "The platypus clause was adopted."}, reason="text")

    assert _statement_titles("platypus") == ["Note verbale"]


def test_a_changed_head_of_delegation_is_found_on_the_round():
    rnd = Round.objects.get(number=8)
    delegation = rnd.delegations.select_related("participant").first()

    curated_update(delegation, data={"head_of_delegation": "Zebulon Ångström"}, reason="test")

    assert _round_titles("angstrom")[0] == "Round 8: " + rnd.name


@pytest.mark.parametrize("query", ["8", "Astana-8", "round 8", "8-й раунд", "8. tur"])
def test_api_round_search_puts_the_named_round_first(api_client, query):
    body = api_client.get("/api/v1/rounds/", {"search": query, "format": "json"}).json()

    assert body["results"][0]["number"] == 8


def test_api_search_and_q_read_the_same_index_as_the_page(api_client):
    by_search = api_client.get("/api/v1/rounds/", {"search": "Lavrentiev"}).json()
    by_q = api_client.get("/api/v1/rounds/", {"q": "Lavrentiev"}).json()

    page_numbers = [int(t.split(":")[0].split()[1]) for t in _round_titles("Lavrentiev")]
    assert page_numbers
    assert [r["number"] for r in by_q["results"]][: len(page_numbers)] == page_numbers
    assert by_search["results"] == by_q["results"]


def test_api_event_search_finds_by_place_alias(api_client):
    latin = api_client.get("/api/v1/events/", {"search": "Sochi"}).json()
    cyrillic = api_client.get("/api/v1/events/", {"search": "Сочи"}).json()

    assert latin["count"] > 0
    assert [e["slug"] for e in cyrillic["results"]] == [e["slug"] for e in latin["results"]]


def test_the_per_kind_migration_made_the_tables_the_index_uses():
    import importlib

    from rounds.search import INDEXES

    migration = importlib.import_module("rounds.migrations.0012_search_index_per_kind")
    assert set(migration.TABLES) == {index.table for index in INDEXES.values()}


def test_the_inline_vectors_migrations_name_the_tables_the_indexes_use():
    import importlib

    from ingest.search import ARTICLE_INDEX
    from rounds.search import INDEXES

    curated = importlib.import_module("rounds.migrations.0013_search_vectors_inline")
    articles = importlib.import_module("ingest.migrations.0004_search_vectors_inline")
    assert set(curated.TABLES) == {index.table for index in INDEXES.values()}
    assert ARTICLE_INDEX.table == articles.TABLE


@pytest.mark.postgres
@pytest.mark.django_db
def test_pg_every_search_index_keeps_its_vectors_in_its_rows():
    from django.db import connection

    from ingest.search import ARTICLE_INDEX
    from rounds.search import INDEXES

    tables = [ARTICLE_INDEX.table, *(index.table for index in INDEXES.values())]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attstorage FROM pg_attribute a JOIN pg_class c "
            "ON c.oid = a.attrelid WHERE a.attname = 'vector' AND c.relname = ANY(%s)",
            [tables],
        )
        storage = dict(cursor.fetchall())

    assert storage == dict.fromkeys(tables, "m")  # STORAGE MAIN


# --- small tables: places, participants and zones, matched in Python ----------------------


def test_a_place_is_found_by_its_names_in_every_language_and_its_aliases():
    from rounds.models import Place
    from rounds.search import folded_search_queryset

    place = Place.objects.create(
        slug="quokkaville",
        name="Quokkaville",
        name_ru="Квоккавиль",
        name_tr="Kuokkaköy",
        name_ar="كوكافيل",
        aliases=[{"name": "Вомбатово", "lang": "ru"}, {"name": "Wombatıköy", "lang": "tr"}],
    )
    fields = ["name", "slug", "country", "aliases"]

    for query in ("КВОККАВИЛЬ", "квоккавиль", "kuokkakoy", "كوكافيل", "вомбатово", "WOMBATIKOY"):
        found = folded_search_queryset(Place.objects.all(), fields, query)
        assert list(found) == [place], query
    # An alias's language is not a name: "ru" finds no place by its aliases' "lang".
    assert not folded_search_queryset(Place.objects.filter(pk=place.pk), fields, "ru").exists()


def test_a_small_table_search_keeps_the_other_filters_and_the_order():
    from rounds.models import Place
    from rounds.search import folded_search_queryset

    Place.objects.create(slug="b-wombat", name="B Wombat", kind="city")
    Place.objects.create(slug="a-wombat", name="A Wombat", kind="city")
    Place.objects.create(slug="c-wombat", name="C Wombat", kind="region")

    found = folded_search_queryset(Place.objects.filter(kind="city"), ["name"], "wombat")

    assert [p.slug for p in found] == ["a-wombat", "b-wombat"]


def test_a_query_of_no_words_leaves_a_small_table_unfiltered():
    from rounds.models import Place
    from rounds.search import folded_search_queryset

    everything = Place.objects.all()
    assert folded_search_queryset(everything, ["name"], " - ") is everything
