"""Reads of the curated domain, shaped for pages, API and charts (queries bounded)."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Count,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from rounds.choices import EventKind, EventStatus, RoundStatus, ZoneStatus
from rounds.filtersets import EventFilterSet, RoundFilterSet
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
    Suggestion,
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


# --- Reader dashboard -------------------------------------------------------------------------
# Plain values for pages and the pure figure builders in ``rounds.charts``: every function below
# runs a fixed number of queries, however many rounds, events or zones there are.

# Event kinds grouped into the timeline's lanes, top to bottom under the rounds.
EVENT_LANES: list[tuple[str, tuple[str, ...]]] = [
    ("Sochi congress", (EventKind.CONGRESS, EventKind.PREPARATORY_MEETING)),
    ("Summits and ministers", (EventKind.SUMMIT, EventKind.MINISTERIAL)),
    (
        "Zone agreements",
        (EventKind.ZONE_AGREEMENT, EventKind.ZONE_IMPLEMENTATION, EventKind.RELATED_AGREEMENT),
    ),
    (
        "Working groups",
        (EventKind.WORKING_GROUP, EventKind.EXPERT_MEETING, EventKind.CONFIDENCE_BUILDING),
    ),
    ("Geneva track", (EventKind.GENEVA_TRACK,)),
    ("War and process", (EventKind.MILITARY, EventKind.PROCESS_STATUS)),
    ("Background", (EventKind.BACKGROUND, EventKind.OTHER)),
]
LANE_OF_KIND = {kind: lane for lane, kinds in EVENT_LANES for kind in kinds}
PROMINENT_KINDS = {EventKind.CONGRESS, EventKind.PREPARATORY_MEETING}


@dataclass(frozen=True)
class DashboardFilters:
    """The filters the dashboard and list pages share, as read from the URL."""

    year: int | None = None
    participant: str | None = None
    kind: str | None = None

    @classmethod
    def from_query(cls, data) -> "DashboardFilters":
        """Parse ``?year=&participant=&kind=``; unknown or malformed values are ignored."""
        year = data.get("year", "")
        kind = data.get("kind", "")
        return cls(
            year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
            participant=(data.get("participant") or "").strip()[:64] or None,
            kind=kind if kind in EventKind.values else None,
        )

    @property
    def active(self) -> bool:
        return any((self.year, self.participant, self.kind))


@dataclass(frozen=True)
class TimelineRound:
    number: int
    name: str
    city: str
    start: datetime.date
    end: datetime.date | None
    outcomes: list[str]
    url: str

    @property
    def dates(self) -> str:
        return date_span(self.start, self.end)


@dataclass(frozen=True)
class TimelineEvent:
    slug: str
    title: str
    kind: str
    kind_label: str
    lane: str
    start: datetime.date
    end: datetime.date | None
    status: str
    url: str
    prominent: bool = False

    @property
    def dates(self) -> str:
        return date_span(self.start, self.end)


@dataclass(frozen=True)
class StatusSegment:
    status: str
    start: datetime.date
    end: datetime.date | None  # None: still in this status


@dataclass(frozen=True)
class ZoneLifetime:
    slug: str
    short_name: str
    url: str
    segments: list[StatusSegment]


@dataclass(frozen=True)
class Timeline:
    rounds: list[TimelineRound]
    events: list[TimelineEvent]
    zones: list[ZoneLifetime]
    year: int | None = None


@dataclass(frozen=True)
class AnnouncedMeeting:
    """A meeting announced for the future: an announced event, a scheduled or postponed round,
    or the next-meeting window a round announced."""

    uid: str
    title: str
    start: datetime.date | None  # None: announced without a date
    end: datetime.date | None
    wording: str
    url: str
    place: str = ""
    window: bool = False  # a round's announced next-meeting window
    # A window announced at a round whose successor is already on record (scheduled, postponed
    # or held): the calendar keeps it, the headline shows the round itself instead.
    superseded: bool = False

    @property
    def label(self) -> str:
        """How the headline names it: a window as announced, anything else by its title."""
        return self.wording if self.window and self.wording else self.title


@dataclass(frozen=True)
class Headline:
    rounds_held: int
    latest_round: Round | None
    next_meeting: AnnouncedMeeting | None
    zones_in_force: list[str]
    first_year: int | None = None  # of the rounds held
    last_year: int | None = None


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    geometry: dict


@dataclass(frozen=True)
class MapZone:
    slug: str
    short_name: str
    name: str
    url: str
    geometry: dict | None
    approximate: bool
    history: list[tuple[datetime.date, str]] = field(default_factory=list)


def date_span(start: datetime.date | None, end: datetime.date | None) -> str:
    """'23–24 Jan 2017', '30 Jul – 1 Aug 2018', '29 Dec 2016'."""
    if not start:
        return "date unknown"
    if not end or end == start:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def status_on(history: list[tuple[datetime.date, str]], day: datetime.date) -> str | None:
    """A status history's value on ``day`` (None before its first change). Pure."""
    status = None
    for date, value in sorted(history):
        if date <= day:
            status = value
    return status


def _segments(history: list[tuple[datetime.date, str]]) -> list[StatusSegment]:
    ordered = sorted(history)
    segments = []
    for i, (date, status) in enumerate(ordered):
        if status == ZoneStatus.ENDED:
            continue
        end = ordered[i + 1][0] if i + 1 < len(ordered) else None
        segments.append(StatusSegment(status=status, start=date, end=end))
    return segments


def filtered_rounds(params) -> QuerySet[Round]:
    """Rounds for the page and timeline, filtered by ``RoundFilterSet`` (same as the API).

    ``params`` is the request's query (``year``, ``participant``, ``role``, ``city``, ...);
    invalid values are ignored rather than failing the page.
    """
    return RoundFilterSet(params, queryset=round_list()).qs


def filtered_events(params) -> QuerySet[Event]:
    """Events filtered by ``EventFilterSet`` (``year``, ``participant``, ``kind``, ...)."""
    return EventFilterSet(params, queryset=event_list()).qs


def filtered_articles(params):
    """Ingested articles for the page, filtered by ``ArticleFilterSet`` (same as the API:
    ``round``, ``language``, ``status``, ``year``, ``q``); invalid values are ignored."""
    from rounds.filtersets import ArticleFilterSet

    return ArticleFilterSet(params, queryset=article_list()).qs


def filter_choices() -> dict:
    """Options for the shared filter form: years with rounds or events, participants, kinds."""
    years = sorted(
        {d.year for d in Round.objects.exclude(start_date=None).dates("start_date", "year")}
        | {d.year for d in Event.objects.exclude(start_date=None).dates("start_date", "year")}
    )
    return {
        "years": years,
        "participants": list(Participant.objects.values_list("slug", "name")),
        "kinds": EventKind.choices,
    }


def timeline(params=None) -> Timeline:
    """Rounds, events and zone lifetimes for the dashboard timeline (four queries).

    ``params``: the shared list filters (see ``filtered_rounds`` and ``filtered_events``).
    """
    params = params if params is not None else {}
    filters = DashboardFilters.from_query(params)
    rounds = [
        TimelineRound(
            number=r.number,
            name=r.name,
            city=r.city,
            start=r.start_date,
            end=r.end_date,
            outcomes=list(r.outcomes or []),
            url=r.get_absolute_url(),
        )
        for r in filtered_rounds(params)
        .select_related(None)
        .prefetch_related(None)
        .only("number", "name", "city", "start_date", "end_date", "outcomes")
        if r.start_date
    ]
    events = [
        TimelineEvent(
            slug=e.slug,
            title=e.title,
            kind=e.kind,
            kind_label=e.get_kind_display(),
            lane=LANE_OF_KIND.get(e.kind, "Background"),
            start=e.start_date,
            end=e.end_date,
            status=e.status,
            url=e.get_absolute_url(),
            prominent=e.kind in PROMINENT_KINDS,
        )
        for e in filtered_events(params).select_related(None).prefetch_related(None)
        if e.start_date
    ]
    zones = [
        ZoneLifetime(
            slug=z.slug,
            short_name=z.short_name,
            url=z.get_absolute_url(),
            segments=_segments([(c.date, c.status) for c in z.status_changes.all()]),
        )
        for z in Zone.objects.prefetch_related("status_changes")
    ]
    return Timeline(rounds=rounds, events=events, zones=zones, year=filters.year)


PENDING_ROUND_STATUSES = (RoundStatus.SCHEDULED, RoundStatus.POSTPONED)


def announced_meetings() -> list[AnnouncedMeeting]:
    """Meetings announced, dated ones by start then undated ones (two queries): events still
    announced, rounds scheduled or postponed, and every round's announced next-meeting window.

    A round's window is kept even once the meeting happened (the calendar records what was
    announced); ``headline`` picks the one still ahead.
    """
    meetings = [
        AnnouncedMeeting(
            uid=f"event-{e.slug}",
            title=e.title,
            start=e.start_date,
            end=e.end_date,
            wording=e.get_status_display(),
            url=e.get_absolute_url(),
            place=str(e.place or e.location_text),
        )
        for e in Event.objects.select_related("place").filter(status=EventStatus.ANNOUNCED)
    ]
    rounds = list(Round.objects.select_related("place", "next_meeting_place"))
    on_record = {r.number for r in rounds}
    for r in rounds:
        if r.status in PENDING_ROUND_STATUSES:
            meetings.append(
                AnnouncedMeeting(
                    uid=f"round-{r.number}",
                    title=f"Round {r.number}" + (f", {r.city}" if r.city else ""),
                    start=r.start_date,
                    end=r.end_date,
                    wording=r.date_note or r.get_status_display(),
                    url=r.get_absolute_url(),
                    place=str(r.place or r.city),
                )
            )
        if r.next_meeting_start:
            meetings.append(
                AnnouncedMeeting(
                    uid=f"round-{r.number}-next-meeting",
                    title=f"Next meeting announced at round {r.number}",
                    start=r.next_meeting_start,
                    end=r.next_meeting_end,
                    wording=r.next_meeting_text,
                    url=r.get_absolute_url(),
                    place=str(r.next_meeting_place or ""),
                    window=True,
                    superseded=r.number + 1 in on_record,
                )
            )
    return sorted(meetings, key=lambda m: (m.start is None, m.start or datetime.date.min, m.uid))


def headline(*, today: datetime.date) -> Headline:
    """The dashboard's headline figures on ``today``.

    The next meeting is the earliest announced one not yet over on ``today`` and after the
    latest round held, or else the first one announced without a date.
    """
    held = Round.objects.filter(status=RoundStatus.HELD)
    latest = held.select_related("place").order_by("-start_date", "-number").first()
    latest_day = latest and (latest.end_date or latest.start_date)
    upcoming = [
        m
        for m in announced_meetings()
        if not m.superseded
        and (
            m.start is None
            or ((m.end or m.start) >= today and (latest_day is None or m.start > latest_day))
        )
    ]
    span = held.aggregate(
        count=Count("pk"), first=Min("start_date"), last=Max(Coalesce("end_date", "start_date"))
    )
    in_force = [
        z.short_name
        for z in Zone.objects.prefetch_related("status_changes")
        if z.status_on(today) not in (None, ZoneStatus.ENDED)
    ]
    return Headline(
        rounds_held=span["count"],
        latest_round=latest,
        next_meeting=upcoming[0] if upcoming else None,
        zones_in_force=in_force,
        first_year=span["first"].year if span["first"] else None,
        last_year=span["last"].year if span["last"] else None,
    )


def map_areas() -> list[MapArea]:
    return [
        MapArea(code=g.pcode, name=g.name_common, geometry=g.geometry)
        for g in Governorate.objects.only("pcode", "name_common", "geometry")
    ]


def map_zones() -> list[MapZone]:
    return [
        MapZone(
            slug=z.slug,
            short_name=z.short_name,
            name=z.name,
            url=z.get_absolute_url(),
            geometry=z.polygon,
            approximate=z.polygon_approximate,
            history=[(c.date, c.status) for c in z.status_changes.all()],
        )
        for z in Zone.objects.prefetch_related("status_changes")
    ]


def zone_detail_queryset() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related(
        "governorates",
        Prefetch("status_changes", queryset=ZoneStatusChange.objects.prefetch_related("citations")),
        Prefetch("citations", queryset=Citation.objects.select_related("article")),
    )


def round_page_queryset() -> QuerySet[Round]:
    """A round with everything its page shows, cited articles included (fixed query count)."""
    return round_list().prefetch_related(
        Prefetch(
            "statements",
            queryset=Statement.objects.prefetch_related("issuers").order_by("date", "slug"),
        ),
        Prefetch("events", queryset=Event.objects.select_related("place")),
        Prefetch("citations", queryset=Citation.objects.select_related("article")),
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


def statement_page_queryset() -> QuerySet[Statement]:
    return statement_list().prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("article"))
    )


def statement_choices() -> list[tuple[int, str]]:
    return [
        (pk, f"{date:%Y-%m-%d} · {title[:90]}" if date else title[:90])
        for pk, date, title in Statement.objects.values_list("pk", "date", "title")
    ]


@dataclass(frozen=True)
class EventFamily:
    """An event with its chain of parents and everything that descends from it."""

    ancestors: list[Event]
    descendants: list[tuple[int, Event]]  # (depth, event), depth 1 = direct child


def event_page_queryset() -> QuerySet[Event]:
    return event_list().prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("article"))
    )


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


def article_list():
    """Ingested articles with the curated records that cite them (rounds resolved, 3 queries)."""
    from ingest.models import Article

    return Article.objects.select_related("source").prefetch_related(
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("content_type").filter(
                content_type=ContentType.objects.get_for_model(Round)
            ),
            to_attr="round_citations",
        )
    )


def rounds_by_pk(pks) -> dict[int, Round]:
    return {r.pk: r for r in Round.objects.filter(pk__in=set(pks)).only("pk", "number", "name")}


def feed_items(*, limit: int = 50) -> list:
    """The newest rounds, statements and events (by when they were recorded), newest first."""
    items = [
        *Round.objects.order_by("-created")[:limit],
        *Statement.objects.select_related("round").order_by("-created")[:limit],
        *Event.objects.order_by("-created")[:limit],
    ]
    return sorted(items, key=lambda o: (o.created, o.pk), reverse=True)[:limit]


def rounds_mentioning_articles(rnd: Round) -> list:
    """Ingested articles cited as a source for the round (citations prefetched on ``rnd``)."""
    return [c.article for c in rnd.citations.all() if c.article_id]


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
    return (
        Place.objects.select_related("governorate")
        .defer("governorate__geometry")
        .prefetch_related("citations")
    )


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

    One query per history table (limit + 1 rows each), merged in Python: the query count does
    not depend on the page size.
    """
    rows = []
    for type_name in sorted(types or CHANGE_FEED_TYPES):
        model, key_field = CHANGE_FEED_TYPES[type_name]
        fields = ["history_id", "history_date", "history_type", "history_change_reason", "id"]
        fields += ["history_user__username"]
        if key_field and key_field != "id":
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


# --- Ingestion: sources, articles, suggestions ------------------------------------------------


def source_list():
    from ingest.models import Source

    return Source.objects.order_by("name", "pk")


def article_api_list():
    """Articles with the numbers of the rounds citing them, suggestions and sightings
    (four queries for any page size)."""
    from ingest.models import Article

    round_citations = (
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(Round))
        .annotate(
            round_number=Subquery(Round.objects.filter(pk=OuterRef("object_id")).values("number"))
        )
        .only("pk", "object_id", "article_id")
    )
    return (
        Article.objects.defer("raw", "fingerprint")
        .prefetch_related(
            Prefetch("citations", queryset=round_citations, to_attr="round_citations"),
            Prefetch(
                "suggestions",
                queryset=Suggestion.objects.only("pk", "kind", "status", "article_id"),
            ),
            "sightings",
        )
        .order_by("-published", "-pk")
    )


def suggestion_list():
    return Suggestion.objects.select_related("content_type", "reviewed_by").prefetch_related(
        "target"
    )
