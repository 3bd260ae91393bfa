"""Reads of events: lists, an event's page and family, the API."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Prefetch,
    QuerySet,
)

from rounds.models import (
    Citation,
    Event,
    Place,
    Statement,
)
from rounds.selectors.base import (
    built_once,
    with_kept_relations,
    with_sparse_relation,
    with_translations,
)
from rounds.selectors.citations import citations_prefetch


def event_list() -> QuerySet[Event]:
    return Event.objects.select_related("place", "round", "parent").prefetch_related("participants")


def event_page_queryset() -> QuerySet[Event]:
    return event_list().prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("article"))
    )


@dataclass(frozen=True)
class EventFamily:
    """An event with its chain of parents and everything that descends from it."""

    ancestors: list[Event]
    descendants: list[tuple[int, Event]]  # (depth, event), depth 1 = direct child


def event_family(event: Event) -> EventFamily:
    """Ancestors and descendants of an event in two queries, however deep the tree."""
    links = dict(Event.objects.values_list("pk", "parent_id"))
    children: dict[int, list[int]] = {}
    for pk, parent in links.items():
        if parent:
            children.setdefault(parent, []).append(pk)
    ancestor_ids, seen = [], {event.pk}
    parent = links.get(event.pk)
    while parent and parent not in seen:
        ancestor_ids.append(parent)
        seen.add(parent)
        parent = links.get(parent)
    order: list[tuple[int, int]] = []

    def walk(pk: int, depth: int) -> None:
        for child in children.get(pk, []):
            if child not in seen:
                seen.add(child)
                order.append((depth, child))
                walk(child, depth + 1)

    walk(event.pk, 1)
    wanted = set(ancestor_ids) | {pk for _, pk in order}
    by_pk = {e.pk: e for e in Event.objects.select_related("place").filter(pk__in=wanted)}
    descendants = sorted(
        ((d, by_pk[pk]) for d, pk in order if pk in by_pk),
        key=lambda item: (item[1].start_date or datetime.date.max, item[0]),
    )
    return EventFamily(
        ancestors=[by_pk[pk] for pk in reversed(ancestor_ids) if pk in by_pk],
        descendants=descendants,
    )


def statements_during(event: Event) -> list[Statement]:
    """Documents dated within an event's days (e.g. a congress's final statement)."""
    if not event.start_date:
        return []
    return list(
        Statement.objects.filter(
            date__gte=event.start_date, date__lte=event.end_date or event.start_date
        )
    )


@built_once
def event_api_list(
    *,
    expand: frozenset[str] | None = None,
    citations_limit: int | None = None,
    lang: str | None = None,
) -> QuerySet[Event]:
    """Events with their place, round and parent; with ``expand`` (None: everything) their
    participants and citations (at most ``citations_limit`` an event). A list reads the place's
    name in ``lang`` only, when given."""
    everything = expand is None
    expand = expand or frozenset()
    if everything:
        qs = Event.objects.select_related("place", "round", "parent")
    else:  # a list shows the place by slug and name, the round by number, the parent by slug
        qs = with_kept_relations(  # few places and rounds, kept in the process
            Event.objects.all(),
            place=with_translations(Place, "slug", "name", lang=lang),
            round=("number",),
        )
        qs = with_sparse_relation(qs, "parent", ("slug",))  # few events have one
    if everything or "participants" in expand:
        qs = qs.prefetch_related("participants")
    if everything or "citations" in expand:
        qs = qs.prefetch_related(citations_prefetch(citations_limit))
    return qs
