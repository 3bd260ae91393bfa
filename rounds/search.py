"""Search over the curated records: rounds, statements and events, through the one engine in
``ingest/search.py``.

What each record's entry holds (A ranks above B above C):

- a round: A its number ("Round 8", "Astana-8"), name and city; B the heads and
  participants of its delegations and its outcomes; C its summary, venue, date note, the
  announcement of the next meeting and the titles of its documents;
- a statement: A its title; B its topics and round; C its text;
- an event: A its title; B where it took place and its details; C its description.

``rounds.services`` keeps the entries in step (``search_sync`` after a save,
``search_forget`` around a delete), in the writer's transaction; ``search_rebuild`` (the
``search_rebuild`` command, and the migration that creates the index) writes them all.

Places, participants and zones, tens to hundreds of rows, have no entries: their search
(``folded_search_queryset``) reads their names in every language and their aliases and matches
them in Python, folded as the index folds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models
from django.db.models import Prefetch, QuerySet

from ingest.search import (
    CANDIDATES,
    Document,
    Page,
    ParsedQuery,
    SearchIndex,
    matching_ids,
    parse_query,
    ranked,
    words,
)
from rounds.translations import TRANSLATED_FIELDS, translation_columns

# One index table per kind: a search of events scans only events' entries. (One table of all
# three kinds made a statement search read every round's and event's entry too: 12 ms instead
# of 2.5 ms for a common word at 100x on PostgreSQL.)
INDEXES = {
    kind: SearchIndex(table=f"rounds_search_{kind}", kinds=(kind,))
    for kind in ("round", "statement", "event")
}
KINDS = {"round": "rounds_round", "statement": "rounds_statement", "event": "rounds_event"}
# Records written per statement while rebuilding (each batch is a few queries).
REBUILD_BATCH = 500


def _json_text(value) -> str:
    if isinstance(value, dict):
        return " ".join(_json_text(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_json_text(v) for v in value)
    return "" if value is None else str(value)


def _translations(obj, *fields: str) -> str:
    """``obj``'s names in Russian, Turkish and Arabic (``rounds.translations``), so a reader
    finds a record by the name a page in their language shows."""
    return " ".join(filter(None, (getattr(obj, c, "") for c in translation_columns(fields))))


def round_document(rnd) -> Document:
    """The entry of a round; reads ``rnd.delegations`` (with participants) and
    ``rnd.statements``, prefetched when many rounds are indexed at once."""
    delegations = list(rnd.delegations.all())
    return Document(
        object_id=rnd.pk,
        kind="round",
        language="en",
        texts={
            "A": f"Round {rnd.number} Astana-{rnd.number} {rnd.name} {rnd.city} "
            + _translations(rnd, "name", "city"),
            "B": " · ".join(
                [d.head_of_delegation for d in delegations if d.head_of_delegation]
                + [
                    f"{d.participant.name} {d.participant.short_name} "
                    + _translations(d.participant, "name")
                    for d in delegations
                ]
                + [_json_text(rnd.outcomes)]
            ),
            "C": " · ".join(
                [rnd.summary, rnd.venue, rnd.date_note, rnd.next_meeting_text]
                + [s.title for s in rnd.statements.all()]
            ),
        },
    )


def round_excerpt_text(rnd, heads: Iterable[str], titles: Iterable[str]) -> str:
    """What a round's excerpt is cut from: its summary, outcomes, its delegations' ``heads``
    and its statements' ``titles``."""
    return " · ".join(
        part
        for part in [
            rnd.summary,
            _json_text(rnd.outcomes),
            " · ".join(h for h in heads if h),
            rnd.next_meeting_text,
            " · ".join(titles),
        ]
        if part
    )


def statement_document(statement) -> Document:
    return Document(
        object_id=statement.pk,
        kind="statement",
        language="en",
        texts={
            "A": f"{statement.title} {_translations(statement, 'title')}",
            "B": _json_text(statement.topics)
            + (f" Round {statement.round.number}" if statement.round_id else ""),
            "C": statement.text,
        },
    )


def statement_excerpt_text(statement) -> str:
    return " · ".join(p for p in [statement.text, _json_text(statement.topics)] if p) or (
        statement.title
    )


def event_document(event) -> Document:
    return Document(
        object_id=event.pk,
        kind="event",
        language="en",
        texts={
            "A": f"{event.title} {_translations(event, 'title')}",
            "B": f"{event.location_text} {_json_text(event.details)}",
            "C": event.description,
        },
    )


def event_excerpt_text(event) -> str:
    return " · ".join(
        p for p in [event.description, event.location_text, _json_text(event.details)] if p
    ) or (event.title)


def _models(apps=None):
    """Round, Statement, Event and Delegation: the current ones, or a migration's."""
    if apps is None:
        from rounds.models import Delegation, Event, Round, Statement

        return Round, Statement, Event, Delegation
    return tuple(
        apps.get_model("rounds", name) for name in ("Round", "Statement", "Event", "Delegation")
    )


def _rounds_with_documents(rounds: QuerySet, apps=None) -> QuerySet:
    _, Statement, _, Delegation = _models(apps)  # noqa: N806 - model classes
    return rounds.prefetch_related(
        Prefetch("delegations", queryset=Delegation.objects.select_related("participant")),
        Prefetch("statements", queryset=Statement.objects.only("pk", "round_id", "title")),
    )


def _index_rounds(round_ids: Iterable[int]) -> None:
    from rounds.models import Round

    ids = {i for i in round_ids if i}
    if ids:
        rounds = _rounds_with_documents(Round.objects.filter(pk__in=ids))
        INDEXES["round"].put("round", [round_document(r) for r in rounds])


def search_sync(instance: models.Model) -> None:
    """Bring the entries that show ``instance`` up to date after it was saved."""
    from rounds.models import Delegation, Event, Participant, Round, Statement

    if isinstance(instance, Round):
        _index_rounds([instance.pk])
    elif isinstance(instance, Statement):
        statement = Statement.objects.select_related("round").get(pk=instance.pk)
        INDEXES["statement"].put("statement", [statement_document(statement)])
        _index_rounds([statement.round_id])
    elif isinstance(instance, Event):
        INDEXES["event"].put("event", [event_document(instance)])
    elif isinstance(instance, Delegation):
        _index_rounds([instance.round_id])
    elif isinstance(instance, Participant):
        _index_rounds(instance.delegations.values_list("round_id", flat=True))


def search_forget(instance: models.Model, *, pk: int) -> None:
    """Bring the entries that show ``instance`` (whose primary key was ``pk``) up to date
    after it was deleted."""
    from rounds.models import Delegation, Event, Round, Statement

    if isinstance(instance, Round):
        INDEXES["round"].remove("round", [pk])
    elif isinstance(instance, Statement):
        INDEXES["statement"].remove("statement", [pk])
        _index_rounds([instance.round_id])
    elif isinstance(instance, Event):
        INDEXES["event"].remove("event", [pk])
    elif isinstance(instance, Delegation):
        _index_rounds([instance.round_id])


def search_rebuild(apps=None) -> dict[str, int]:
    """Write every curated record's entry again; returns how many of each kind. ``apps`` is
    a migration's app registry when a migration builds the index."""
    Round, Statement, Event, _ = _models(apps)  # noqa: N806 - model classes

    for index in INDEXES.values():
        index.clear()
    counts = {}
    querysets = {
        "round": (_rounds_with_documents(Round.objects.order_by("pk"), apps), round_document),
        "statement": (Statement.objects.select_related("round").order_by("pk"), statement_document),
        "event": (Event.objects.order_by("pk"), event_document),
    }
    for kind, (queryset, build) in querysets.items():
        counts[kind] = 0
        batch = []
        for obj in queryset.iterator(chunk_size=REBUILD_BATCH):
            batch.append(build(obj))
            if len(batch) >= REBUILD_BATCH:
                INDEXES[kind].put(kind, batch)
                counts[kind] += len(batch)
                batch = []
        INDEXES[kind].put(kind, batch)
        counts[kind] += len(batch)
    return counts


# --- reads --------------------------------------------------------------------------------------


def _round_first(kind: str, parsed: ParsedQuery, ids: list[int]) -> list[int]:
    """``ids`` with the round the query names (if it exists) moved to the front."""
    if kind != "round" or parsed.round_number is None:
        return ids
    from rounds.models import Round

    named = Round.objects.filter(number=parsed.round_number).values_list("pk", flat=True).first()
    if named is None:
        return ids
    return [named, *[i for i in ids if i != named]]


def search_page(
    kind: str, parsed: ParsedQuery, *, limit: int, offset: int = 0, candidates: int = CANDIDATES
) -> Page:
    """One page of the ids of ``kind`` ("round", "statement", "event") matching ``parsed``,
    best first among the first ``candidates`` matches; for rounds, the round the query names
    comes first."""
    matches = INDEXES[kind].matches(kind, parsed, table=KINDS[kind], candidates=candidates)
    ids = _round_first(kind, parsed, [m.object_id for m in matches])
    return Page(ids=ids[offset : offset + limit], count=len(ids), capped=len(matches) >= candidates)


def search_queryset(queryset: QuerySet, kind: str, query: str) -> QuerySet:
    """``queryset`` restricted to the records of ``kind`` matching ``query``, best first (the
    first ``CANDIDATES``): what the API's ``search``/``q`` filter returns."""
    parsed = parse_query(query)
    if not parsed:
        return queryset
    return ranked(queryset, search_page(kind, parsed, limit=CANDIDATES).ids)


# --- small tables: places, participants, zones ---------------------------------------------------


def _names_text(value) -> str:
    """A field's value as text to match: a JSON list of aliases by their names (an alias's
    ``lang`` is not a name of the record)."""
    if isinstance(value, dict):
        return _names_text(value.get("name"))
    if isinstance(value, list | tuple):
        return "\n".join(_names_text(v) for v in value)
    return "" if value is None else str(value)


def folded_search_queryset(queryset: QuerySet, fields: Sequence[str], query: str) -> QuerySet:
    """``queryset`` restricted to the records holding every word of ``query`` in one of
    ``fields`` or their translations (``name`` brings ``name_ru``, ``name_tr`` and
    ``name_ar``; ``rounds.translations``), aliases by their names, in its own order: what the
    API's ``search``/``q`` filter returns for places, participants and zones.

    Words are matched in Python (``ingest.search.matching_ids``: case and diacritics folded
    in every script, as the index folds them; any part of a word, as ``icontains``) over one
    query reading those fields of every record in ``queryset``, then one filter by key: the
    same queries whatever matches, and the same answer on SQLite, whose LIKE folds the case
    of ASCII only and which stores a JSON list with non-ASCII letters escaped, and on
    PostgreSQL. For tables of tens to hundreds of rows; larger kinds use ``search_queryset``.
    A query without words leaves ``queryset`` as it is."""
    terms = words(query)
    if not terms:
        return queryset
    translated = TRANSLATED_FIELDS.get(queryset.model._meta.concrete_model._meta.label_lower, ())
    columns = [*fields, *translation_columns(tuple(f for f in fields if f in translated))]
    rows = queryset.order_by().values_list("pk", *columns)
    ids = matching_ids(((pk, [_names_text(v) for v in values]) for pk, *values in rows), terms)
    return queryset.filter(pk__in=ids)
