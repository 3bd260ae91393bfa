"""rounds.selectors.base.built_once: a selector's queryset built once per set of arguments,
each caller getting a copy of its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds.models import Delegation, Round
from rounds.selectors import attendance_list
from rounds.selectors.base import built_once


def test_each_set_of_arguments_is_built_once_and_every_call_gets_a_copy():
    built = []

    @built_once
    def rounds_in(*, city: str | None = None):
        built.append(city)
        rows = Round.objects.order_by("number")
        return rows if city is None else rows.filter(city=city)

    first, second = rounds_in(city="Astana"), rounds_in(city="Astana")
    other = rounds_in(city="Sochi")
    assert built == ["Astana", "Sochi"]
    assert first is not second
    assert str(first.query) == str(second.query) != str(other.query)
    # A copy filtered further leaves the kept queryset, and later copies, as they were.
    narrowed = first.filter(number=8)
    assert "8" in str(narrowed.query) and str(rounds_in(city="Astana").query) == str(second.query)
    assert rounds_in.build(city="Astana") is not first and built[-1] == "Astana"


@pytest.mark.django_db
def test_a_copy_evaluated_leaves_the_next_one_to_read_the_database_again():
    first = attendance_list(expand=frozenset(), citations_limit=20)
    rows = list(first[:5])
    assert [d.pk for d in rows] == list(
        Delegation.objects.order_by("round__number", "role", "participant__name").values_list(
            "pk", flat=True
        )[:5]
    )
    Delegation.objects.filter(pk=rows[0].pk).delete()  # a change the next copy must see
    with CaptureQueriesContext(connection) as captured:
        again = list(attendance_list(expand=frozenset(), citations_limit=20)[:5])
    assert len(captured) == 1  # read, not a result kept from the first copy
    assert rows[0].pk not in [d.pk for d in again]
    # Sources prefetched through copies of the kept Prefetch objects, copy after copy.
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            listed = list(attendance_list(expand=frozenset({"sources"}), citations_limit=2)[:30])
            counts = [len(d.citations.all()) + len(d.round.citations.all()) for d in listed]
        assert len(captured) == 3  # the rows, their own sources, their rounds' sources
        assert any(counts) and all(len(d.citations.all()) <= 2 for d in listed)


@pytest.mark.django_db
def test_a_sparse_relation_is_read_by_one_query_for_the_rows_that_have_it():
    from rounds.models import Event
    from rounds.selectors.base import with_sparse_relation

    congress, preparatory, other = Event.objects.order_by("start_date", "slug")[:3]
    Event.objects.filter(pk__in=[preparatory.pk, other.pk]).update(parent=congress)
    events = with_sparse_relation(Event.objects.order_by("start_date", "slug"), "parent", ("slug",))

    with CaptureQueriesContext(connection) as captured:
        listed = list(events.filter(pk__in=[congress.pk, preparatory.pk, other.pk]))
        parents = [e.parent.slug if e.parent else None for e in listed]
    assert parents == [None, congress.slug, congress.slug]
    assert len(captured) == 2  # the rows, then their parents' slugs, once
    assert "JOIN" not in captured[0]["sql"]
    assert listed[1].parent is listed[2].parent  # one record per parent, as a prefetch gives

    with CaptureQueriesContext(connection) as none:
        alone = list(events.filter(pk=congress.pk))
        assert alone[0].parent is None  # known to have none: no query for it
    assert len(none) == 1

    # Rows as values, counts and slices of copies are the plain queryset's.
    assert events.count() == Event.objects.count()
    assert list(events.values_list("pk", flat=True)[:3]) == [
        congress.pk,
        preparatory.pk,
        other.pk,
    ]


@pytest.mark.django_db
def test_the_events_list_shows_each_parent_without_a_query_per_event(api_client):
    from rounds.models import Event

    first, second, third = Event.objects.order_by("start_date", "slug")[:3]
    Event.objects.filter(pk__in=[second.pk, third.pk]).update(parent=first)
    with CaptureQueriesContext(connection) as captured:
        rows = api_client.get("/api/v1/events/?page_size=3").json()["results"]
    assert [r["parent"] for r in rows] == [None, first.slug, first.slug]
    parents_read = [
        q for q in captured if '"rounds_event"."slug"' in q["sql"] and "IN (" in q["sql"]
    ]
    assert len(parents_read) == 1


@pytest.mark.django_db
def test_a_listed_relation_gives_what_djangos_prefetch_gives_in_three_queries():
    from django.db.models import Prefetch

    from astana_site.reads import listed_as
    from rounds.models import Participant, Statement
    from rounds.selectors.base import with_listed_relation

    statements = Statement.objects.order_by("date", "slug")
    # A statement with issuers in an order their keys do not give, and one with none.
    issued, bare = statements[0], statements[1]
    guarantors = list(Participant.objects.filter(is_guarantor=True).order_by("-name"))
    issued.issuers.set([*guarantors, *Participant.objects.filter(is_guarantor=False)[:2]])
    bare.issuers.clear()

    prefetched = statements.prefetch_related(
        Prefetch("issuers", queryset=Participant.objects.only("pk", "slug"), to_attr="by_django")
    )
    expected = {s.pk: [p.slug for p in s.by_django] for s in prefetched}
    listed = with_listed_relation(statements, "issuers", ("slug",))
    with CaptureQueriesContext(connection) as captured:
        records = list(listed)
        got = {s.pk: [p.slug for p in s.__dict__[listed_as("issuers")]] for s in records}
    assert got == expected
    assert got[bare.pk] == [] and len(got[issued.pk]) == len(guarantors) + 2
    assert len(captured) == 3  # the statements, their issuers' keys, the issuers in order
    # One record per participant, shared by the lists that name it.
    holders = [s.__dict__[listed_as("issuers")] for s in records]
    firsts = {id(p) for ps in holders for p in ps if p.slug == guarantors[-1].slug}
    assert len(firsts) == 1

    with CaptureQueriesContext(connection) as none:
        alone = list(listed.filter(pk=bare.pk))
    assert alone[0].__dict__[listed_as("issuers")] == [] and len(none) == 2


@pytest.mark.django_db
def test_the_kept_querysets_prefetch_lookups_are_not_written_by_a_copys_evaluation():
    from django.db.models import Prefetch

    from rounds.selectors.base import built_once

    @built_once
    def delegations_with_sources():
        from rounds.models import Citation

        return Delegation.objects.order_by("pk").prefetch_related(
            Prefetch("citations", queryset=Citation.objects.order_by("pk"))
        )

    copy = delegations_with_sources()
    list(copy[:5])
    again = delegations_with_sources()
    lookups = again._prefetch_related_lookups
    assert lookups[0] is not copy._prefetch_related_lookups[0]
    assert lookups[0].queryset is not copy._prefetch_related_lookups[0].queryset
    assert lookups[0].queryset._hints == {}  # no record of an earlier evaluation


@pytest.mark.django_db
def test_relations_attach_to_records_read_with_their_keys_and_pickle():
    import pickle

    from rounds.models import Event, Statement
    from rounds.selectors.base import with_listed_relation, with_sparse_relation

    with pytest.raises(TypeError):
        with_sparse_relation(Event.objects.values("slug"), "parent", ("slug",))
    deferred = with_sparse_relation(Event.objects.order_by("pk"), "parent", ("slug",))
    with pytest.raises(ValueError, match="parent_id is deferred"):
        list(deferred.only("slug")[:3])
    listed = with_listed_relation(Statement.objects.order_by("pk"), "issuers", ("slug",))
    restored = pickle.loads(pickle.dumps(listed[:3]))  # noqa: S301 - our own bytes
    assert [s.pk for s in restored] == [s.pk for s in listed[:3]]


def _shared_by_key(records, relation: str) -> dict:
    """Each related key the records join, with the identities of the records they hold."""
    held: dict = {}
    for record in records:
        related = getattr(record, relation)
        if related is not None:
            held.setdefault(related.pk, set()).add(id(related))
    return held


@pytest.mark.django_db
def test_rows_joining_the_same_related_row_share_its_record():
    from django.db.models.query import ModelIterable

    from rounds.models import Event
    from rounds.selectors.base import with_related_columns

    joined = with_related_columns(
        Delegation.objects.order_by("round__number", "pk"),
        round=("number", "name"),
        participant=("slug",),
    )
    plain = joined.all()
    plain._iterable_class = ModelIterable  # Django's own reading of the same query
    expected = [(d.pk, d.round.pk, d.round.number, d.round.name, d.participant.slug) for d in plain]
    for rows in (joined, joined.iterator()):
        with CaptureQueriesContext(connection) as captured:
            records = list(rows)
            got = [
                (d.pk, d.round.pk, d.round.number, d.round.name, d.participant.slug)
                for d in records
            ]
        assert len(captured) == 1 and got == expected
        for relation in ("round", "participant"):
            held = _shared_by_key(records, relation)
            # One record per related row, shared by the rows that join it.
            assert len(held) > 1 and all(len(ids) == 1 for ids in held.values())
            assert len(set().union(*held.values())) == len(held) < len(records)
    # A null relation stays None; the rows that have one share it.
    with CaptureQueriesContext(connection) as captured:
        events = list(with_related_columns(Event.objects.order_by("pk"), round=("number",)))
        held = _shared_by_key(events, "round")
    assert len(captured) == 1
    assert any(e.round is None for e in events) and all(len(ids) == 1 for ids in held.values())
    assert sum(e.round is not None for e in events) > len(held)


@pytest.mark.django_db
@pytest.mark.parametrize("keeping", [True, False])
def test_a_kept_relation_gives_what_a_join_gives(settings, monkeypatch, keeping):
    from rounds.models import Event, Place
    from rounds.selectors.base import with_kept_relations, with_related_columns

    settings.KEPT_TABLES_ENABLED = keeping
    columns = {"place": ("slug", "name", "name_ru"), "round": ("number",)}
    joined = with_related_columns(Event.objects.order_by("pk"), **columns)
    kept = with_kept_relations(Event.objects.order_by("pk"), **columns)

    def shown(events):
        return [
            (
                e.pk,
                e.place and (e.place.pk, e.place.slug, e.place.name, e.place.name_ru),
                e.round and (e.round.pk, e.round.number),
            )
            for e in events
        ]

    expected = shown(joined)
    assert any(row[1] is None for row in expected) and any(row[2] is None for row in expected)
    made = []
    from_db = Place.from_db.__func__

    def counted(cls, db, field_names, values):
        made.append(values[field_names.index("id")])
        return from_db(cls, db, field_names, values)

    monkeypatch.setattr(Place, "from_db", classmethod(counted))
    with CaptureQueriesContext(connection) as first:
        records = list(kept)
        assert shown(records) == expected
    assert "JOIN" not in first[0]["sql"]
    assert len(first) == 3  # the rows; then each table, whole (kept) or by key
    with CaptureQueriesContext(connection) as again:
        assert shown(kept.all()) == expected
    assert len(again) == (1 if keeping else 3)  # kept: the rows alone
    # Of the related rows, only the columns named were read; the rows that name the same
    # place share one record.
    place = next(e.place for e in records if e.place is not None)
    assert place.get_deferred_fields() >= {"country", "name_ar", "latitude"}
    held = _shared_by_key(records, "place")
    assert all(len(ids) == 1 for ids in held.values())
    assert sum(e.place is not None for e in records) > len(held)
    # One record made per place named, in each read; none for the places no row names.
    named = {e.place_id for e in records} - {None}
    assert sorted(made) == sorted([*named, *named])
    assert len(named) < Place.objects.count()


@pytest.mark.django_db
def test_a_row_written_since_its_table_was_kept_is_read_by_key(kept_tables):
    from rounds.models import Event, Place
    from rounds.selectors.base import with_kept_relations
    from tests.factories import EventFactory

    events = with_kept_relations(Event.objects.order_by("-pk"), place=("slug",))
    list(events[:1])  # the places kept at this data version
    # Written without a service, so the data version stands: the kept table lacks it.
    newcomer = Place.objects.create(slug="newcomer", name="Newcomer", kind="city")
    EventFactory(slug="held-in-a-new-place", place=newcomer)
    with CaptureQueriesContext(connection) as captured:
        first = list(events[:1])[0]
    assert (first.slug, first.place.slug) == ("held-in-a-new-place", "newcomer")
    assert len(captured) == 2  # the row, then the place it names, by key
    assert "IN (" in captured[1]["sql"]


def test_a_kept_relation_is_a_key_to_a_row_with_no_json_of_it():
    from rounds.models import Delegation, Event, Zone
    from rounds.selectors.base import with_kept_relations

    with pytest.raises(ValueError, match="foreign key"):
        with_kept_relations(Event.objects.all(), participants=("slug",))
    with pytest.raises(ValueError, match="foreign key"):
        with_kept_relations(Zone.objects.all(), status_changes=("date",))
    with pytest.raises(ValueError, match="JSON"):
        with_kept_relations(Delegation.objects.all(), round=("number", "outcomes"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "ar"])
def test_the_lists_read_the_same_with_their_tables_kept(api_client, settings, language):
    settings.READ_CACHE_ENABLED = False
    urls = [
        f"/api/v1/{name}/?page_size=500&lang={language}"
        for name in ("rounds", "events", "statements", "places")
    ]
    answers, queries = {}, {}
    for keeping in (False, True, True):  # by key; the tables read and kept; kept
        settings.KEPT_TABLES_ENABLED = keeping
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                response = api_client.get(url)
            assert response.status_code == 200
            answers.setdefault(url, []).append(response.json())
            queries.setdefault(url, []).append(len(captured))
    for url, (by_key, reading, kept) in answers.items():
        assert by_key["results"], url
        assert by_key == reading == kept, url
        # Kept: fewer queries than by key (the related rows read by none).
        assert queries[url][2] < queries[url][0], (url, queries[url])
