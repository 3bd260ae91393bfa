"""Reads shaped for the public pages and the pure figure builders in ``dashboard.charts``:
plain values, every function a fixed number of queries however many rounds, events or zones
there are. Querysets of the curated records come from ``rounds.selectors``."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from astana_site.dates import date_span
from astana_site.db import PeriodStart, years_of
from ingest.models import Article
from review.filtersets import ArticleFilterSet
from rounds.choices import (
    SOURCE_TIER_RANK,
    DelegationRole,
    EventKind,
    EventStatus,
    RoundStatus,
    ZoneStatus,
)
from rounds.filtersets import DelegationFilterSet, EventFilterSet, RoundFilterSet
from rounds.models import (
    Citation,
    Event,
    Governorate,
    Participant,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)
from rounds.models.base import OVERDUE_LABEL, meeting_overdue
from rounds.selectors import (
    attendance_list,
    attendance_sources,
    event_list,
    round_list,
    round_statement_text,
)
from rounds.translations import (
    TRANSLATED_FIELDS,
    TRANSLATION_LANGUAGES,
    column,
    translation_columns,
    translations_of,
)

# Event kinds grouped into the timeline's lanes, top to bottom under the rounds.
EVENT_LANES: list[tuple[str, tuple[str, ...]]] = [
    (gettext_noop("Sochi congress"), (EventKind.CONGRESS, EventKind.PREPARATORY_MEETING)),
    (gettext_noop("Summits and ministers"), (EventKind.SUMMIT, EventKind.MINISTERIAL)),
    (
        gettext_noop("Zone agreements"),
        (EventKind.ZONE_AGREEMENT, EventKind.ZONE_IMPLEMENTATION, EventKind.RELATED_AGREEMENT),
    ),
    (
        gettext_noop("Working groups"),
        (EventKind.WORKING_GROUP, EventKind.EXPERT_MEETING, EventKind.CONFIDENCE_BUILDING),
    ),
    (gettext_noop("Geneva track"), (EventKind.GENEVA_TRACK,)),
    (gettext_noop("War and process"), (EventKind.MILITARY, EventKind.PROCESS_STATUS)),
    (gettext_noop("Background"), (EventKind.BACKGROUND, EventKind.OTHER)),
]


def status_text(status: str) -> str:
    """A status as ``_shown_status`` gives it ("held", or the overdue wording already in the
    active language), as lower-case text in the active language."""
    labels = {**dict(RoundStatus.choices), **dict(EventStatus.choices)}
    return str(labels.get(status, status)).lower()


LANE_OF_KIND = {kind: lane for lane, kinds in EVENT_LANES for kind in kinds}
# The timeline's top lane (``dashboard.charts.style.ROUNDS_LANE`` names it the same).
ROUNDS_LANE = "Rounds"

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
            year=int(year) if year.isdecimal() and 2000 <= int(year) <= 2100 else None,
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
    status: str = "held"  # as a reader sees it: "held", "scheduled", "overdue — not confirmed"…
    # The record's names in ru/tr/ar (rounds.translations.translations_of), for {% tr %}.
    translations: dict = field(default_factory=dict, compare=False)

    @property
    def dates(self) -> str:
        return date_span(self.start, self.end)

    @property
    def status_label(self) -> str:
        return status_text(self.status)


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
    translations: dict = field(default_factory=dict, compare=False)

    @property
    def dates(self) -> str:
        return date_span(self.start, self.end)

    @property
    def status_label(self) -> str:
        return status_text(self.status)


@dataclass(frozen=True)
class StatusSegment:
    status: str
    start: datetime.date
    end: datetime.date | None  # None: still in this status

    @property
    def label(self) -> str:
        return (
            str(ZoneStatus(self.status).label) if self.status in ZoneStatus.values else self.status
        )


@dataclass(frozen=True)
class ZoneLifetime:
    slug: str
    short_name: str
    url: str
    segments: list[StatusSegment]
    translations: dict = field(default_factory=dict, compare=False)


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
    # Its dates have passed and nothing records it as held (or moved, or cancelled).
    overdue: bool = False

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
    translations: dict = field(default_factory=dict, compare=False)


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
    """Events filtered by ``EventFilterSet`` (``year``, ``participant``, ``kind``, ...), with
    their place, round and parent; the participants, which no page lists, are not fetched."""
    return EventFilterSet(params, queryset=event_list().prefetch_related(None)).qs


def filtered_articles(params):
    """Ingested articles for the page, filtered by ``ArticleFilterSet`` (same as the API:
    ``round``, ``language``, ``status``, ``year``, ``q``); invalid values are ignored."""
    return ArticleFilterSet(params, queryset=article_list()).qs


@dataclass(frozen=True)
class AttendanceRow:
    """One delegation on the attendance page."""

    round_number: int
    round_url: str
    dates: str
    city: str
    participant: str
    participant_slug: str
    role: str
    head: str
    note: str
    uncertain: bool
    sources: list
    sources_of: str


@dataclass(frozen=True)
class Attendance:
    rows: list[AttendanceRow]
    rounds: int
    participants: int
    errors: dict = field(default_factory=dict)


def attendance(params) -> Attendance:
    """Delegations for ``/attendance/``, filtered by ``DelegationFilterSet`` (the API's:
    ``participant``, ``year``, ``round``, ``role``); invalid values are ignored and reported
    in ``errors``. Three queries."""
    filterset = DelegationFilterSet(params, queryset=attendance_list())
    rows = []
    for d in filterset.qs:
        sources, sources_of = attendance_sources(d)
        rows.append(
            AttendanceRow(
                round_number=d.round.number,
                round_url=d.round.get_absolute_url(),
                dates=date_span(d.round.start_date, d.round.end_date),
                city=d.round.city,
                participant=d.participant.name,
                participant_slug=d.participant.slug,
                role=d.role_label,
                head=d.head_of_delegation,
                note=d.note,
                uncertain=d.uncertain,
                sources=sources,
                sources_of=sources_of,
            )
        )
    return Attendance(
        rows=rows,
        rounds=len({r.round_number for r in rows}),
        participants=len({r.participant_slug for r in rows}),
        errors={k: [str(e) for e in v] for k, v in filterset.errors.items()},
    )


def attendance_choices() -> dict:
    """Options for the attendance filters: participants with a delegation, round years,
    round numbers and roles."""
    return {
        "participants": list(
            Participant.objects.filter(delegations__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
        "years": years_of(Round.objects.all(), "start_date"),
        "rounds": list(Round.objects.order_by("number").values_list("number", flat=True)),
        "roles": DelegationRole.choices,
    }


def filter_choices() -> dict:
    """Options for the shared filter form: years with rounds or events, participants, kinds."""
    years = sorted(
        {*years_of(Round.objects.all(), "start_date"), *years_of(Event.objects.all(), "start_date")}
    )
    return {
        "years": years,
        "participants": list(Participant.objects.values_list("slug", "name")),
        "kinds": EventKind.choices,
    }


def _status_seen(row: dict, today: datetime.date) -> str:
    """A round's or event's status as a reader sees it (from its ``values()`` row), lower
    case: the recorded one, or "overdue — not confirmed" once its dates have passed without a
    record of it being held."""
    overdue = meeting_overdue(row["status"], row["start_date"], row["end_date"], today)
    return gettext(OVERDUE_LABEL).lower() if overdue else row["status"]


def _row_translations(row: dict, label: str) -> dict[str, dict[str, str]]:
    """``translations_of`` for a ``values()`` row of the model ``label`` (its translation
    columns selected)."""
    fields = TRANSLATED_FIELDS[label]
    return {
        lang: {f: row.get(column(f, lang)) or "" for f in fields} for lang in TRANSLATION_LANGUAGES
    }


def zone_lifetimes() -> list[ZoneLifetime]:
    """Each zone's status periods, for the timeline (two queries)."""
    prefix = reverse("dashboard:zone-list")
    return [
        ZoneLifetime(
            slug=z.slug,
            short_name=z.short_name,
            url=f"{prefix}{z.slug}/",
            segments=_segments([(c.date, c.status) for c in z.status_changes.all()]),
            translations=translations_of(z),
        )
        for z in Zone.objects.prefetch_related("status_changes")
    ]


def _in_range(queryset: QuerySet, start: datetime.date | None, end: datetime.date | None):
    queryset = queryset.exclude(start_date=None)
    if start:
        queryset = queryset.filter(start_date__gte=start)
    if end:
        queryset = queryset.filter(start_date__lte=end)
    return queryset


def timeline(
    params=None,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    latest: int | None = None,
    zones: list[ZoneLifetime] | None = None,
) -> Timeline:
    """Rounds, events and zone lifetimes for the dashboard timeline (four queries; two when
    ``zones`` are given, as read by ``timeline_counts``).

    ``params``: the shared list filters (see ``filtered_rounds`` and ``filtered_events``);
    ``start`` and ``end``: only rounds and events starting within these days (inclusive);
    ``latest``: only the last ``latest`` rounds and events to start (still oldest first).
    """
    params = params if params is not None else {}
    filters = DashboardFilters.from_query(params)
    # One reverse() per list, not per row: a page's address is the list's plus its key.
    round_prefix = reverse("dashboard:round-list")
    event_prefix = reverse("dashboard:event-list")
    # Plain values, not model instances: a few hundred rows cost milliseconds, not a second.
    round_rows = (
        _in_range(filtered_rounds(params), start, end)
        .select_related(None)
        .prefetch_related(None)
        .values(
            "number",
            "name",
            "city",
            "start_date",
            "end_date",
            "outcomes",
            "status",
            *translation_columns(TRANSLATED_FIELDS["rounds.round"]),
        )
    )
    event_rows = (
        _in_range(filtered_events(params), start, end)
        .select_related(None)
        .values(
            "slug",
            "title",
            "kind",
            "start_date",
            "end_date",
            "status",
            *translation_columns(TRANSLATED_FIELDS["rounds.event"]),
        )
    )
    if latest == 0:
        round_rows, event_rows = [], []
    elif latest is not None:
        round_rows = list(round_rows.order_by("-start_date", "-number")[:latest])[::-1]
        event_rows = list(event_rows.order_by("-start_date", "-slug")[:latest])[::-1]
    today = timezone.localdate()
    kind_labels = dict(EventKind.choices)
    rounds = [
        TimelineRound(
            number=r["number"],
            name=r["name"],
            city=r["city"],
            start=r["start_date"],
            end=r["end_date"],
            outcomes=list(r["outcomes"] or []),
            url=f"{round_prefix}{r['number']}/",
            status=_status_seen(r, today),
            translations=_row_translations(r, "rounds.round"),
        )
        for r in round_rows
    ]
    events = [
        TimelineEvent(
            slug=e["slug"],
            title=e["title"],
            kind=e["kind"],
            kind_label=kind_labels.get(e["kind"], e["kind"]),
            lane=LANE_OF_KIND.get(e["kind"], "Background"),
            start=e["start_date"],
            end=e["end_date"],
            status=_status_seen(e, today),
            url=f"{event_prefix}{e['slug']}/",
            prominent=e["kind"] in PROMINENT_KINDS,
            translations=_row_translations(e, "rounds.event"),
        )
        for e in event_rows
    ]
    return Timeline(
        rounds=rounds,
        events=events,
        zones=zone_lifetimes() if zones is None else zones,
        year=filters.year,
    )


@dataclass(frozen=True)
class TimelineCounts:
    """How many rounds and events the timeline would draw, per lane and month (the first of
    the month), with the zones' lifetimes: what an aggregated timeline shows."""

    months: dict[tuple[str, datetime.date], int]
    zones: list[ZoneLifetime]
    year: int | None = None

    @property
    def total(self) -> int:
        return sum(self.months.values())


def timeline_counts(
    params=None,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    zones: list[ZoneLifetime] | None = None,
) -> TimelineCounts:
    """Rounds and events per lane and month under the same filters and range as ``timeline``
    (two queries grouped in the database however many rows there are; four without
    ``zones``)."""
    params = params if params is not None else {}
    months: dict[tuple[str, datetime.date], int] = {}
    rounds = _in_range(filtered_rounds(params), start, end)
    events = _in_range(filtered_events(params), start, end)
    # Counted distinct only where a filter joined other rows (a participant's delegations).
    for row in (
        rounds.select_related(None)
        .prefetch_related(None)
        .order_by()
        .annotate(month=PeriodStart("start_date", "month"))
        .values("month")
        .annotate(n=Count("pk", distinct=rounds.query.distinct))
    ):
        months[(ROUNDS_LANE, row["month"])] = row["n"]
    for row in (
        events.select_related(None)
        .order_by()
        .annotate(month=PeriodStart("start_date", "month"))
        .values("kind", "month")
        .annotate(n=Count("pk", distinct=events.query.distinct))
    ):
        key = (LANE_OF_KIND.get(row["kind"], "Background"), row["month"])
        months[key] = months.get(key, 0) + row["n"]
    return TimelineCounts(
        months=months,
        zones=zone_lifetimes() if zones is None else zones,
        year=DashboardFilters.from_query(params).year,
    )


@dataclass(frozen=True)
class TimelineVersion:
    """What a cached timeline is valid for: ``token`` changes whenever anything the timeline
    draws may have changed (a record added, edited or removed, or a new day, on which statuses
    turn overdue); ``last_modified``: when a record it draws last changed."""

    token: str
    last_modified: datetime.datetime | None


def timeline_version(*, today: datetime.date) -> TimelineVersion:
    """The timeline's version on ``today`` (four small aggregate queries)."""
    parts = [today.isoformat()]
    stamps = []
    for model in (Round, Event, Zone, ZoneStatusChange):
        agg = model.objects.aggregate(n=Count("pk"), last=Max("modified"))
        parts.append(f"{agg['n']}:{agg['last'].isoformat() if agg['last'] else ''}")
        if agg["last"]:
            stamps.append(agg["last"])
    return TimelineVersion(token="/".join(parts), last_modified=max(stamps, default=None))


PENDING_ROUND_STATUSES = (RoundStatus.SCHEDULED, RoundStatus.POSTPONED)
PENDING_EVENT_STATUSES = (EventStatus.ANNOUNCED, EventStatus.POSTPONED)


def _starting_after(queryset: QuerySet, after: datetime.date | None, field: str) -> QuerySet:
    if after is None:
        return queryset
    return queryset.filter(Q(**{f"{field}__gt": after}) | Q(**{field: None}))


def announced_meetings(
    *, today: datetime.date | None = None, after: datetime.date | None = None
) -> list[AnnouncedMeeting]:
    """Meetings announced, dated ones by start then undated ones (two queries): events still
    announced or postponed, rounds scheduled or postponed, and every round's announced
    next-meeting window.

    A round's window is kept even once the meeting happened (the calendar records what was
    announced); ``headline`` picks the one still ahead. A meeting whose dates are before
    ``today`` (default: the local date) is marked ``overdue``; a window only while no later
    round is on record. ``after``: only meetings starting after that day, or undated (the
    headline's candidates), read without loading every round.
    """
    today = today or timezone.localdate()
    meetings = [
        AnnouncedMeeting(
            uid=f"event-{e.slug}",
            title=e.title,
            start=e.start_date,
            end=e.end_date,
            wording=gettext(OVERDUE_LABEL) if e.is_overdue(today) else e.get_status_display(),
            url=e.get_absolute_url(),
            place=str(e.place or e.location_text),
            overdue=e.is_overdue(today),
        )
        for e in _starting_after(
            Event.objects.select_related("place").filter(status__in=PENDING_EVENT_STATUSES),
            after,
            "start_date",
        )
    ]
    rounds = Round.objects.select_related("place", "next_meeting_place").annotate(
        successor_on_record=Exists(Round.objects.filter(number=OuterRef("number") + 1))
    )
    if after is not None:
        rounds = rounds.filter(
            Q(status__in=PENDING_ROUND_STATUSES, start_date__gt=after)
            | Q(status__in=PENDING_ROUND_STATUSES, start_date=None)
            | Q(next_meeting_start__gt=after)
        )
    for r in rounds:
        if r.status in PENDING_ROUND_STATUSES:
            meetings.append(
                AnnouncedMeeting(
                    uid=f"round-{r.number}",
                    title=gettext("Round %(number)s") % {"number": r.number}
                    + (f", {r.city}" if r.city else ""),
                    start=r.start_date,
                    end=r.end_date,
                    wording=r.date_note or r.status_label,
                    url=r.get_absolute_url(),
                    place=str(r.place or r.city),
                    overdue=r.is_overdue(today),
                )
            )
        if r.next_meeting_start:
            meetings.append(
                AnnouncedMeeting(
                    uid=f"round-{r.number}-next-meeting",
                    title=gettext("Next meeting announced at round %(number)s")
                    % {"number": r.number},
                    start=r.next_meeting_start,
                    end=r.next_meeting_end,
                    wording=r.next_meeting_text,
                    url=r.get_absolute_url(),
                    place=str(r.next_meeting_place or ""),
                    window=True,
                    superseded=r.successor_on_record,
                    overdue=not r.successor_on_record
                    and meeting_overdue(
                        "announced", r.next_meeting_start, r.next_meeting_end, today
                    ),
                )
            )
    return sorted(meetings, key=lambda m: (m.start is None, m.start or datetime.date.min, m.uid))


def headline(*, today: datetime.date) -> Headline:
    """The dashboard's headline figures on ``today``.

    The next meeting comes from the records whatever their status, among those after the
    latest round held: the earliest one not yet over on ``today``; else the latest overdue one
    (its dates passed and nothing records it as held, which the headline says); else the first
    one announced without a date.
    """
    held = Round.objects.filter(status=RoundStatus.HELD)
    latest = held.select_related("place").order_by("-start_date", "-number").first()
    latest_day = latest and (latest.end_date or latest.start_date)
    candidates = [
        m
        for m in announced_meetings(today=today, after=latest_day)
        if not m.superseded and (m.start is None or latest_day is None or m.start > latest_day)
    ]
    dated = [m for m in candidates if m.start is not None]
    ahead = [m for m in dated if (m.end or m.start) >= today]
    passed = [m for m in dated if (m.end or m.start) < today]
    upcoming = ahead + passed[::-1] + [m for m in candidates if m.start is None]
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
            translations=translations_of(z),
        )
        for z in Zone.objects.prefetch_related("status_changes")
    ]


def article_list():
    """Ingested articles with the curated records that cite them (rounds resolved, 3 queries)."""
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


# How much of a round's sources and cited articles its page lists; the rest is a link away
# (the articles list filtered by the round, the citations API filtered by the round).
ROUND_SOURCES_SHOWN = 50
ROUND_ARTICLES_SHOWN = 20
# An untitled article is labelled by its text's first line: this much of the text is read.
ARTICLE_HEAD_CHARS = 1000


@dataclass(frozen=True)
class Bounded:
    """The first rows of a longer list, and how many there are in all."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _with_article_labels(citations: QuerySet[Citation]) -> QuerySet[Citation]:
    """Citations with the few columns of their article a page shows (address, title, date,
    language) and the head of its text for a label: never the fetched document, the whole
    text or the extraction, which are most of an article's bytes."""
    return (
        citations.select_related("article")
        .defer(
            "article__text",
            "article__raw",
            "article__fingerprint",
            "article__extraction",
            "article__error",
        )
        .annotate(article_head=Substr("article__text", 1, ARTICLE_HEAD_CHARS))
    )


def _labelled(citations) -> list[Citation]:
    rows = list(citations)
    for c in rows:
        if c.article_id:
            # The head stands in for the deferred text: ``Article.label`` reads its first line.
            c.article.text = c.article_head
    return rows


@dataclass(frozen=True)
class RoundCitations:
    """What a round's page lists of its citations: the best sources and the newest articles."""

    sources: Bounded
    articles: Bounded


def round_citations(
    rnd: Round,
    *,
    sources: int = ROUND_SOURCES_SHOWN,
    articles: int = ROUND_ARTICLES_SHOWN,
) -> RoundCitations:
    """The round's first ``sources`` sources, best tier first (primary, agency, press, other)
    and then in the order recorded, and its first ``articles`` cited ingested articles, newest
    first, with how many of each there are: three queries however many are cited."""
    tier_rank = Case(
        *(When(tier=tier, then=Value(rank)) for tier, rank in SOURCE_TIER_RANK.items()),
        default=Value(len(SOURCE_TIER_RANK)),
        output_field=IntegerField(),
    )
    cited = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Round), object_id=rnd.pk
    )
    totals = cited.aggregate(
        sources=Count("pk"), articles=Count("pk", filter=Q(article__isnull=False))
    )
    best = _with_article_labels(cited).order_by(tier_rank, "pk")[:sources]
    newest = _with_article_labels(cited.filter(article__isnull=False)).order_by(
        Coalesce("article__published", Value(datetime.date.min)).desc(), "-article_id"
    )[:articles]
    return RoundCitations(
        sources=Bounded(items=_labelled(best), total=totals["sources"]),
        articles=Bounded(items=[c.article for c in _labelled(newest)], total=totals["articles"]),
    )


def round_comparison_gap(rnd: Round, previous: Round | None) -> str:
    """Why a round's page cannot compare it with the previous round ("" when it can): the
    first round, a round not held yet (or overdue: its dates passed, nothing records it as
    held), or one with nothing on record."""
    if previous is None:
        return gettext("This is the first round.")
    if rnd.is_overdue():
        return gettext(
            "Round %(number)s is not on record as held (%(status)s): "
            "there is nothing to compare with round %(previous)s."
        ) % {
            "number": rnd.number,
            "status": str(rnd.status_label).lower(),
            "previous": previous.number,
        }
    if rnd.status != RoundStatus.HELD:
        return gettext(
            "Round %(number)s has not been held yet (%(status)s): "
            "there is nothing to compare with round %(previous)s."
        ) % {
            "number": rnd.number,
            "status": rnd.get_status_display().lower(),
            "previous": previous.number,
        }
    if not (round_statement_text(rnd) or rnd.outcomes or rnd.statements.all()):
        return gettext(
            "Nothing is on record for round %(number)s yet (no statement text, documents "
            "or outcomes) to compare with round %(previous)s."
        ) % {"number": rnd.number, "previous": previous.number}
    return ""
