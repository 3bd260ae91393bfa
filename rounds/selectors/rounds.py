"""Reads of rounds: the lists, a round's page, its neighbours, the API and the calendar
understanding uses to date a round."""

import datetime

from django.db.models import (
    Prefetch,
    QuerySet,
)

from rounds.choices import StatementKind
from rounds.models import (
    Delegation,
    Event,
    Round,
    Statement,
)
from rounds.selectors.base import built_once, with_kept_relations
from rounds.selectors.citations import citations_prefetch


def round_list() -> QuerySet[Round]:
    return Round.objects.select_related("place", "next_meeting_place").prefetch_related(
        Prefetch(
            "delegations",
            queryset=Delegation.objects.select_related("participant").order_by(
                "role", "participant__name"
            ),
        )
    )


def round_page_queryset() -> QuerySet[Round]:
    """A round with the delegations, documents and events its page shows (fixed query count).
    Its citations, which can run to thousands, are read a bounded page at a time by the
    dashboard's ``round_sources`` and ``round_articles``."""
    return round_list().prefetch_related(
        Prefetch(
            "statements",
            queryset=Statement.objects.prefetch_related("issuers").order_by("date", "slug"),
        ),
        Prefetch("events", queryset=Event.objects.select_related("place")),
    )


def next_round(rnd: Round) -> Round | None:
    """The round numbered after ``rnd`` (scheduled or not), for the page's navigation."""
    return (
        Round.objects.filter(number__gt=rnd.number)
        .only("pk", "number", "name")
        .order_by("number")
        .first()
    )


def previous_round(rnd: Round) -> Round | None:
    return (
        Round.objects.filter(number__lt=rnd.number)
        .prefetch_related(
            Prefetch("statements", queryset=Statement.objects.order_by("date", "slug"))
        )
        .order_by("-number")
        .first()
    )


@built_once
def round_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Round]:
    """Rounds with the places they name; with ``expand`` (None: everything) their
    delegations, documents, events and citations (at most ``citations_limit`` a round)."""
    everything = expand is None
    expand = expand or frozenset()
    if everything:
        qs = Round.objects.select_related("place", "next_meeting_place")
    else:  # a list shows the places by slug (few places, kept in the process)
        qs = with_kept_relations(Round.objects.all(), place=("slug",), next_meeting_place=("slug",))
    lookups = []
    if everything or "delegations" in expand:
        lookups.append(
            Prefetch(
                "delegations",
                queryset=Delegation.objects.select_related("participant").order_by(
                    "role", "participant__name"
                ),
            )
        )
    if everything or "documents" in expand:
        lookups.append(
            Prefetch(
                "statements", queryset=Statement.objects.defer("text").order_by("date", "slug")
            )
        )
    if everything or "events" in expand:
        lookups.append(Prefetch("events", queryset=Event.objects.select_related("place")))
    if everything or "citations" in expand:
        lookups.append(citations_prefetch(citations_limit))
    return qs.prefetch_related(*lookups)


def round_calendar() -> list[tuple[int, datetime.date, datetime.date, str]]:
    """(number, start, end, city) of every dated round: what ingestion knows of the calendar."""
    return [
        (n, start, end or start, city)
        for n, start, end, city in Round.objects.filter(start_date__isnull=False)
        .order_by("number")
        .values_list("number", "start_date", "end_date", "city")
    ]


def round_statement_text(rnd: Round) -> str:
    """The text of a round's joint (or final) statement, if any is on record ("" if none).
    Uses the prefetched ``statements`` of ``round_page_queryset``."""
    for s in rnd.statements.all():
        if s.kind in (StatementKind.JOINT_STATEMENT, StatementKind.FINAL_STATEMENT) and s.text:
            return s.text
    return ""
