"""The changes feed: every create, update and delete of curated records, from history."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Q,
)

from rounds.models import (
    Citation,
    Delegation,
    Event,
    Governorate,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)

# Feed type name -> (model, field giving an entry's ``key``): the field that addresses it in
# the API, or its id for a type with no public key of its own (shown inside its parent).
CHANGE_FEED_TYPES: dict[str, tuple[type, str]] = {
    "citation": (Citation, "id"),
    "delegation": (Delegation, "id"),
    "event": (Event, "slug"),
    "governorate": (Governorate, "pcode"),
    "participant": (Participant, "slug"),
    "place": (Place, "slug"),
    "round": (Round, "number"),
    "statement": (Statement, "slug"),
    "zone": (Zone, "slug"),
    "zone_status_change": (ZoneStatusChange, "id"),
}

CHANGE_ACTIONS = {"+": "created", "~": "updated", "-": "deleted"}


@dataclass(frozen=True, order=True)
class ChangePosition:
    """A point in the feed: entries are ordered by (time, type, history_id), all unique.

    Either an entry's own position (a feed type and a history id, 1 or more), or the start of
    a time: type "" and history id 0, before every entry at that time because "" sorts before
    every type name. ``since`` starts at the start of its time, and an empty page returns
    where it started, so the feed issues both kinds as cursors.
    """

    time: datetime.datetime
    type: str = ""
    history_id: int = 0

    def is_issuable(self) -> bool:
        """Whether the feed can hand out this position: an entry's, or the start of a time."""
        if self.type == "":
            return self.history_id == 0
        return self.type in CHANGE_FEED_TYPES and self.history_id > 0


@dataclass(frozen=True)
class Change:
    position: ChangePosition
    type: str
    id: int
    key: str | int
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

    One query per history table (limit + 1 rows each), merged in Python: the query count does
    not depend on the page size.
    """
    rows = []
    for type_name in sorted(types or CHANGE_FEED_TYPES):
        model, key_field = CHANGE_FEED_TYPES[type_name]
        fields = ["history_id", "history_date", "history_type", "history_change_reason", "id"]
        fields += ["history_user__username"]
        if key_field != "id":
            fields.append(key_field)
        if model is Delegation:
            fields.append("round__number")  # the round as it is now (null once deleted)
        if model is ZoneStatusChange:
            fields.append("zone__slug")
        history = (
            model.history.filter(_after(after, type_name))
            .order_by("history_date", "history_id")
            .values(*fields)[: limit + 1]
        )
        rows += [(type_name, key_field, row) for row in history]
    rows.sort(key=lambda r: (r[2]["history_date"], r[0], r[2]["history_id"]))
    more = len(rows) > limit
    rows = rows[:limit]

    changes = []
    for type_name, key_field, row in rows:
        parent = None
        if type_name == "delegation" and row["round__number"] is not None:
            parent = ("round", row["round__number"])
        elif type_name == "zone_status_change" and row["zone__slug"] is not None:
            parent = ("zone", row["zone__slug"])
        changes.append(
            Change(
                position=ChangePosition(row["history_date"], type_name, row["history_id"]),
                type=type_name,
                id=row["id"],
                key=row[key_field],
                action=CHANGE_ACTIONS.get(row["history_type"], row["history_type"]),
                user=row["history_user__username"],
                reason=row["history_change_reason"],
                parent=parent,
            )
        )
    return changes, more
