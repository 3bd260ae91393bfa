"""Reads of the curated domain, shaped for pages, API and charts (queries bounded)."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast

from rounds.models import (
    Citation,
    Delegation,
    Event,
    Governorate,
    Guarantor,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)


def round_list() -> QuerySet[Round]:
    return Round.objects.select_related("place", "next_meeting_place").prefetch_related(
        Prefetch(
            "delegations",
            queryset=Delegation.objects.select_related("participant").order_by(
                "role", "participant__name"
            ),
        )
    )


def round_detail_queryset() -> QuerySet[Round]:
    return round_list().prefetch_related(
        Prefetch("statements", queryset=Statement.objects.prefetch_related("issuers")),
        Prefetch("events", queryset=Event.objects.select_related("place")),
        "citations",
    )


def event_list() -> QuerySet[Event]:
    return Event.objects.select_related("place", "round", "parent").prefetch_related("participants")


def statement_list() -> QuerySet[Statement]:
    return Statement.objects.select_related("round").prefetch_related("issuers")


def zone_list() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related("status_changes", "governorates")


# --- API reads: each queryset fetches everything its representation shows, in a fixed number
# of queries however many rows a page holds.


def round_api_list() -> QuerySet[Round]:
    """Rounds with delegations, documents, events, the announced place and citations."""
    return round_list().prefetch_related(
        Prefetch("statements", queryset=Statement.objects.order_by("date", "slug")),
        Prefetch("events", queryset=Event.objects.select_related("place")),
        "citations",
    )


def participant_api_list() -> QuerySet[Participant]:
    return Participant.objects.prefetch_related("citations")


def guarantor_api_list() -> QuerySet[Guarantor]:
    return Guarantor.objects.prefetch_related("citations")


def statement_api_list() -> QuerySet[Statement]:
    return statement_list().prefetch_related("citations")


def event_api_list() -> QuerySet[Event]:
    return event_list().prefetch_related("citations")


def zone_api_list() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related(
        Prefetch("status_changes", queryset=ZoneStatusChange.objects.order_by("date", "pk")),
        Prefetch("governorates", queryset=Governorate.objects.only("pk", "pcode", "name_common")),
        "citations",
    )


def place_api_list() -> QuerySet[Place]:
    return Place.objects.select_related("governorate").defer("governorate__geometry")


def citation_api_list() -> QuerySet[Citation]:
    """Citations with ``target_key``: the public key (number or slug) of the cited record."""
    keys = {Round: "number", Participant: "slug", Statement: "slug", Event: "slug"}
    keys |= {Zone: "slug", Place: "slug"}
    target_key = Case(
        *(
            When(
                content_type__app_label="rounds",
                content_type__model=model._meta.model_name,
                then=Cast(
                    Subquery(model.objects.filter(pk=OuterRef("object_id")).values(field)[:1]),
                    CharField(),
                ),
            )
            for model, field in keys.items()
        ),
        default=Value(None),
        output_field=CharField(),
    )
    return Citation.objects.select_related("content_type").annotate(target_key=target_key)


# --- Changes feed: every create, update and delete of a curated record, from its history ----

# Feed type name -> (model, field that addresses it in the API, or None).
CHANGE_FEED_TYPES: dict[str, tuple[type, str | None]] = {
    "citation": (Citation, "id"),
    "delegation": (Delegation, None),
    "event": (Event, "slug"),
    "governorate": (Governorate, "pcode"),
    "participant": (Participant, "slug"),
    "place": (Place, "slug"),
    "round": (Round, "number"),
    "statement": (Statement, "slug"),
    "zone": (Zone, "slug"),
    "zone_status_change": (ZoneStatusChange, None),
}
CHANGE_ACTIONS = {"+": "created", "~": "updated", "-": "deleted"}


@dataclass(frozen=True, order=True)
class ChangePosition:
    """A point in the feed: entries are ordered by (time, type, history_id), all unique."""

    time: datetime.datetime
    type: str = ""
    history_id: int = 0


@dataclass(frozen=True)
class Change:
    position: ChangePosition
    type: str
    id: int
    key: str | int | None
    action: str
    user: str | None
    reason: str | None
    parent: tuple[str, str | int] | None = None  # (type, key) of the record it belongs to


def _after(position: ChangePosition, type_name: str) -> Q:
    """History rows of ``type_name`` strictly after ``position`` in feed order."""
    if type_name > position.type:
        return Q(history_date__gte=position.time)
    if type_name < position.type:
        return Q(history_date__gt=position.time)
    return Q(history_date__gt=position.time) | Q(
        history_date=position.time, history_id__gt=position.history_id
    )


def change_feed(
    *, after: ChangePosition, types: list[str] | None = None, limit: int = 100
) -> tuple[list[Change], bool]:
    """Changes strictly after ``after``, oldest first, at most ``limit``; and whether more follow.

    One query per history table (limit + 1 rows each), merged; two more resolve the rounds and
    zones that delegations and zone status changes belong to.
    """
    rows = []
    for type_name in sorted(types or CHANGE_FEED_TYPES):
        model, key_field = CHANGE_FEED_TYPES[type_name]
        fields = ["history_id", "history_date", "history_type", "history_change_reason", "id"]
        fields += ["history_user__username"]
        if key_field and key_field != "id":
            fields.append(key_field)
        if model is Delegation:
            fields.append("round_id")
        if model is ZoneStatusChange:
            fields.append("zone_id")
        history = (
            model.history.filter(_after(after, type_name))
            .order_by("history_date", "history_id")
            .values(*fields)[: limit + 1]
        )
        rows += [(type_name, key_field, row) for row in history]
    rows.sort(key=lambda r: (r[2]["history_date"], r[0], r[2]["history_id"]))
    more = len(rows) > limit
    rows = rows[:limit]

    round_numbers = dict(
        Round.objects.filter(
            pk__in={r["round_id"] for t, _, r in rows if t == "delegation"}
        ).values_list("pk", "number")
    )
    zone_slugs = dict(
        Zone.objects.filter(
            pk__in={r["zone_id"] for t, _, r in rows if t == "zone_status_change"}
        ).values_list("pk", "slug")
    )
    changes = []
    for type_name, key_field, row in rows:
        parent = None
        if type_name == "delegation" and row["round_id"] in round_numbers:
            parent = ("round", round_numbers[row["round_id"]])
        elif type_name == "zone_status_change" and row["zone_id"] in zone_slugs:
            parent = ("zone", zone_slugs[row["zone_id"]])
        changes.append(
            Change(
                position=ChangePosition(row["history_date"], type_name, row["history_id"]),
                type=type_name,
                id=row["id"],
                key=row[key_field] if key_field else None,
                action=CHANGE_ACTIONS.get(row["history_type"], row["history_type"]),
                user=row["history_user__username"],
                reason=row["history_change_reason"],
                parent=parent,
            )
        )
    return changes, more


def round_calendar() -> list[tuple[int, datetime.date, datetime.date, str]]:
    """(number, start, end, city) of every dated round: what ingestion knows of the calendar."""
    return [
        (n, start, end or start, city)
        for n, start, end, city in Round.objects.filter(start_date__isnull=False)
        .order_by("number")
        .values_list("number", "start_date", "end_date", "city")
    ]
