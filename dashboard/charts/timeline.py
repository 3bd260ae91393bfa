"""The dashboard's timeline: rounds, events in lanes by kind and the zones' lifetimes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, gettext_noop, ngettext

from astana_site.dates import iso_date as _iso
from dashboard.charts.style import (
    COMPACT_MAX_WIDTH,
    CONGRESS_COLOUR,
    FONT,
    FONT_SIZE,
    LABELLED_KINDS,
    LANE_COLOURS,
    ROUND_COLOUR,
    ROUNDS_LANE,
    SHORT_LANES,
    STATUS_COLOURS,
    STATUS_LABELS,
    escape,
)
from dashboard.selectors import (
    EVENT_LANES,
    Timeline,
    TimelineCounts,
    TimelineEvent,
    TimelineRound,
    ZoneLifetime,
    date_span,
    status_text,
)

# Past this many rounds and events in the period shown, the timeline draws how many there are
# per lane and period instead of a point each (a reader's screen shows a few hundred points;
# the figure JSON of every point at 100 times today's data is megabytes). The detail loads for
# the period the reader zooms into.
DETAIL_MAX_POINTS = 400
# An aggregated lane has at most this many points: the finest of month, quarter and year that
# keeps within it is chosen.
MAX_PERIODS = 60
PERIODS = ("month", "quarter", "year")


def _hover_lines(lines: Iterable[str], *, limit: int = 3, width: int = 90) -> str:
    out = []
    for line in list(lines)[:limit]:
        line = line if len(line) <= width else line[: width - 1] + "…"
        out.append("• " + escape(line))
    return "<br>".join(out)


def _zone_lane(name: str) -> str:
    return f"Zone: {name}"


def _lane_label(lane: str) -> str:
    """A lane's name as shown, in the active language (lanes are keyed by their English name)."""
    if lane.startswith("Zone: "):
        return gettext("Zone: %(name)s") % {"name": lane.removeprefix("Zone: ")}
    return gettext(lane)


def _label_positions(rounds: Sequence[TimelineRound], *, gap_days: int = 45) -> list[str]:
    """Round numbers above their point, alternating below when rounds are close together."""
    positions = []
    previous = None
    for r in rounds:
        close = previous is not None and (r.start - previous.start).days < gap_days
        above = not (close and positions[-1] == "top center")
        positions.append("top center" if above else "bottom center")
        previous = r
    return positions


def _round_trace(rounds: Sequence[TimelineRound]) -> dict:
    return {
        "type": "scatter",
        "mode": "markers+text",
        "name": gettext(ROUNDS_LANE),
        "x": [_iso(r.start) for r in rounds],
        "y": [_lane_label(ROUNDS_LANE)] * len(rounds),
        "text": [str(r.number) for r in rounds],
        "textposition": _label_positions(rounds),
        "textfont": {"size": 11, "color": ROUND_COLOUR},
        "marker": {
            "size": 13,
            "color": ROUND_COLOUR,
            "line": {"color": "#ffffff", "width": 1.5},
            # Filled: held. Open: not (yet) on record as held, overdue included.
            "symbol": ["circle" if r.status == "held" else "circle-open" for r in rounds],
        },
        "customdata": [
            [
                r.url,
                r.number,
                date_span(r.start, r.end),
                escape(r.city),
                _hover_lines(r.outcomes) or gettext("no outcomes recorded"),
                "" if r.status == "held" else f" ({escape(status_text(r.status))})",
            ]
            for r in rounds
        ],
        "hovertemplate": (
            "<b>"
            + gettext("Round %(number)s") % {"number": "%{customdata[1]}"}
            + "</b> · %{customdata[3]}<br>%{customdata[2]}%{customdata[5]}"
            "<br>%{customdata[4]}<extra></extra>"
        ),
        "cliponaxis": False,
        "showlegend": False,
    }


def _event_trace(name: str, events: Sequence[TimelineEvent], *, prominent: bool) -> dict:
    colour = LANE_COLOURS.get(name, "#555555")
    symbols = []
    sizes = []
    for e in events:
        if prominent:
            symbol = "star" if e.kind == "congress" else "diamond"
            size = 22 if e.kind == "congress" else 15
        else:
            symbol, size = "diamond", 11
        if e.status != "held":
            symbol += "-open"
        symbols.append(symbol)
        sizes.append(size)
    lanes = [e.lane for e in events]
    labels = {lane: _lane_label(lane) for lane in set(lanes)}  # translated once a lane
    return {
        "type": "scatter",
        "mode": "markers",
        "name": _lane_label(name),
        "x": [_iso(e.start) for e in events],
        "y": [labels[lane] for lane in lanes],
        "marker": {
            "size": sizes,
            "symbol": symbols,
            "color": colour,
            "line": {"color": "#ffffff", "width": 1},
        },
        "customdata": [
            [
                e.url,
                escape(e.title if len(e.title) <= 110 else e.title[:109] + "…"),
                date_span(e.start, e.end),
                escape(e.kind_label),
                escape(status_text(e.status)),
            ]
            for e in events
        ],
        "hovertemplate": (
            "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}"
            " (%{customdata[4]})<extra></extra>"
        ),
        "showlegend": False,
    }


def _short_lane(lane: str) -> str:
    if lane.startswith("Zone: "):
        return lane.removeprefix("Zone: ")
    return gettext(SHORT_LANES.get(lane, lane))


def compact_variant(*, lanes: Sequence[str], annotations: int, round_trace: int | None) -> dict:
    """``layout.meta.compact`` for ``charts.js``: the relayout and restyle updates that switch
    the timeline to narrow screens (no round numbers or annotations, short lane names) and back.

    ``traces`` lists the trace indices the ``narrow``/``wide`` trace updates apply to.
    """
    hidden = {f"annotations[{i}].visible": False for i in range(annotations)}
    shown = {f"annotations[{i}].visible": True for i in range(annotations)}
    return {
        "maxWidth": COMPACT_MAX_WIDTH,
        "traces": [] if round_trace is None else [round_trace],
        "narrow": {
            "layout": {
                **hidden,
                "yaxis.tickmode": "array",
                "yaxis.tickvals": [_lane_label(lane) for lane in lanes],
                "yaxis.ticktext": [_short_lane(lane) for lane in lanes],
                "yaxis.tickfont.size": 11,
            },
            "traces": {"mode": ["markers"]},
        },
        "wide": {
            "layout": {
                **shown,
                # Explicit: plotly.js thins out automatic category ticks after a relayout.
                "yaxis.tickmode": "array",
                "yaxis.tickvals": [_lane_label(lane) for lane in lanes],
                "yaxis.ticktext": [_lane_label(lane) for lane in lanes],
                "yaxis.tickfont.size": FONT_SIZE,
            },
            "traces": {"mode": ["markers+text"]},
        },
    }


# The range presets ``charts.js`` offers as buttons outside the chart: plotly.js's own range
# selector is drawn in SVG, out of reach of the keyboard.
RANGE_PRESETS = (
    (gettext_noop("1 year"), 1),
    (gettext_noop("3 years"), 3),
    (gettext_noop("All"), None),
)


def _extent(traces: Sequence[dict]) -> tuple[str, str] | None:
    dates = [x for trace in traces for x in trace.get("x", [])]
    return (min(dates), max(dates)) if dates else None


def range_controls(extent: tuple[str, str] | None) -> dict | None:
    """``layout.meta.range`` for ``charts.js``: the whole span of the data, padded by a month
    each side (the keyboard range inputs move through it a month at a time), and the presets
    (``years`` back from the end; ``None`` shows everything)."""
    if extent is None:
        return None
    first = datetime.date.fromisoformat(extent[0])
    last = datetime.date.fromisoformat(extent[1])
    start = (first.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    end = (last.replace(day=28) + datetime.timedelta(days=35)).replace(day=1)
    return {
        "start": _iso(start),
        "end": _iso(end),
        "presets": [{"label": gettext(label), "years": years} for label, years in RANGE_PRESETS],
    }


def timeline_figure(data: Timeline, *, today: datetime.date | None = None) -> dict:
    """The whole process on one date axis: rounds, event lanes and zone lifetimes.

    Each clickable point carries its page URL as ``customdata[0]``; ``charts.js`` follows it,
    and switches to ``layout.meta.compact`` (see ``compact_variant``) on narrow screens.
    """
    today = today or datetime.date.today()
    traces: list[dict] = []
    lanes = [ROUNDS_LANE]
    if data.rounds:
        traces.append(_round_trace(data.rounds))

    by_lane: dict[str, list[TimelineEvent]] = {}
    for event in sorted(data.events, key=lambda e: (e.start, e.slug)):
        by_lane.setdefault(event.lane, []).append(event)
    annotations: list[dict] = []
    labelled: set[str] = set()
    shapes: list[dict] = []
    for lane, _kinds in EVENT_LANES:
        events = by_lane.get(lane)
        if not events:
            continue
        lanes.append(lane)
        traces.append(_event_trace(lane, events, prominent=lane == EVENT_LANES[0][0]))
        for e in events:
            # Each labelled kind once (its first event): labels would pile up otherwise.
            if e.kind in LABELLED_KINDS and e.kind not in labelled:
                labelled.add(e.kind)
                label, ax, ay = LABELLED_KINDS[e.kind]
                annotations.append(
                    {
                        "x": _iso(e.start),
                        "y": _lane_label(lane),
                        "text": f"<b>{gettext(label)}</b> {date_span(e.start, e.end)}",
                        "showarrow": True,
                        "arrowhead": 0,
                        "arrowcolor": CONGRESS_COLOUR,
                        "ax": ax,
                        "ay": ay,
                        "font": {"color": CONGRESS_COLOUR, "size": 12},
                        "bgcolor": "rgba(255,255,255,0.92)",
                    }
                )
        if lane == EVENT_LANES[0][0]:
            starts = [e.start for e in events]
            ends = [e.end or e.start for e in events]
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "paper",
                    "x0": _iso(min(starts) - datetime.timedelta(days=4)),
                    "x1": _iso(max(ends) + datetime.timedelta(days=4)),
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": "rgba(179,38,30,0.10)",
                    "line": {"width": 0},
                    "layer": "below",
                }
            )

    zone_traces, zone_lanes = _zone_traces(data.zones, today=today)
    traces.extend(zone_traces)
    lanes.extend(zone_lanes)
    return _figure(
        traces,
        lanes=lanes,
        annotations=annotations,
        shapes=shapes,
        year=data.year,
        round_trace=0 if data.rounds else None,
    )


def _zone_traces(zones: Sequence[ZoneLifetime], *, today: datetime.date):
    """One line per status period of each zone, and the zones' lanes."""
    traces: list[dict] = []
    lanes: list[str] = []
    shown_status: set[str] = set()
    for zone in zones:
        lane = _zone_lane(zone.short_name)
        lanes.append(lane)
        for seg in zone.segments:
            end = seg.end or today
            label = STATUS_LABELS.get(seg.status, seg.status)
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": gettext("Zone %(status)s") % {"status": str(label).lower()},
                    "legendgroup": f"zone-{seg.status}",
                    "showlegend": seg.status not in shown_status,
                    "x": [_iso(seg.start), _iso(end)],
                    "y": [_lane_label(lane)] * 2,
                    "line": {"color": STATUS_COLOURS.get(seg.status, "#888888"), "width": 12},
                    "customdata": [
                        [zone.url, escape(zone.short_name), str(label), date_span(seg.start, end)]
                    ]
                    * 2,
                    "hovertemplate": (
                        "<b>%{customdata[1]}</b>: %{customdata[2]}<br>%{customdata[3]}"
                        "<extra></extra>"
                    ),
                }
            )
            shown_status.add(seg.status)
    return traces, lanes


def _figure(
    traces: list[dict],
    *,
    lanes: list[str],
    annotations: list[dict],
    shapes: list[dict],
    year: int | None,
    round_trace: int | None,
    detail: dict | None = None,
) -> dict:
    xaxis: dict = {
        "type": "date",
        "showgrid": True,
        "gridcolor": "#e3e7eb",
        "rangeslider": {"visible": True, "thickness": 0.07, "bgcolor": "#f6f8fa"},
    }
    if year:
        xaxis["range"] = [f"{year}-01-01", f"{year}-12-31"]
    extent = _extent(traces)
    return {
        "data": traces,
        "layout": {
            "height": 170 + 44 * len(lanes),
            "margin": {"l": 10, "r": 20, "t": 70, "b": 10},
            "font": {"family": FONT, "size": FONT_SIZE, "color": "#1b1f24"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "hovermode": "closest",
            "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 13}},
            "showlegend": True,
            "legend": {
                "orientation": "h",
                "x": 1,
                "xanchor": "right",
                "y": 1,
                "yref": "container",
                "yanchor": "top",
                "title": {"text": gettext("Zone status:")},
            },
            "xaxis": xaxis,
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": [_lane_label(lane) for lane in lanes],
                # Fixed, top lane first, with room for the round numbers above it: plotly.js
                # recomputes an automatic range on every relayout, wrongly after a resize.
                "range": [len(lanes) - 0.4, -0.85],
                "autorange": False,
                "automargin": True,
                "fixedrange": True,
                "showgrid": True,
                "gridcolor": "#f0f2f4",
            },
            "annotations": annotations,
            "shapes": shapes,
            "dragmode": "zoom",
            "meta": {
                "range": range_controls(extent),
                "compact": compact_variant(
                    lanes=lanes, annotations=len(annotations), round_trace=round_trace
                ),
                **({"detail": detail} if detail else {}),
            },
        },
    }


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Calendar months from ``start``'s to ``end``'s, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def aggregate_period(
    start: datetime.date, end: datetime.date, *, max_periods: int = MAX_PERIODS
) -> str:
    """The finest of ``PERIODS`` that splits ``start``..``end`` into at most ``max_periods``
    (a year when even years are more)."""
    months = months_between(start, end)
    for period, length in (("month", 1), ("quarter", 3)):
        if -(-months // length) <= max_periods:
            return period
    return "year"


def period_bounds(day: datetime.date, period: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month, quarter or year ``day`` falls in."""
    if period == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    first_month = day.month if period == "month" else 3 * ((day.month - 1) // 3) + 1
    first = datetime.date(day.year, first_month, 1)
    months = 1 if period == "month" else 3
    after = datetime.date(
        first.year + (first.month - 1 + months) // 12, (first.month - 1 + months) % 12 + 1, 1
    )
    return first, after - datetime.timedelta(days=1)


def period_label(day: datetime.date, period: str) -> str:
    """ "Mar 2019", "Q1 2019" or "2019"."""
    if period == "year":
        return str(day.year)
    if period == "quarter":
        return gettext("Q%(quarter)s %(year)s") % {
            "quarter": (day.month - 1) // 3 + 1,
            "year": day.year,
        }
    return date_format(day, "M Y")


def aggregate_counts(
    months: dict[tuple[str, datetime.date], int], period: str
) -> dict[tuple[str, datetime.date], int]:
    """Monthly counts per lane summed per ``period`` (keyed by the period's first day)."""
    totals: dict[tuple[str, datetime.date], int] = {}
    for (lane, month), n in months.items():
        key = (lane, period_bounds(month, period)[0])
        totals[key] = totals.get(key, 0) + n
    return totals


def _count_trace(lane: str, points: list[tuple[datetime.date, int]], period: str, *, most: int):
    """One marker per period with anything in ``lane``, its area growing with the count."""
    colour = ROUND_COLOUR if lane == ROUNDS_LANE else LANE_COLOURS.get(lane, "#555555")
    label = _lane_label(lane)  # translated once a trace, not once a point
    shown_label = escape(label)
    x, sizes, customdata = [], [], []
    for first, n in points:
        _, last = period_bounds(first, period)
        x.append(_iso(first + (last - first) / 2))
        sizes.append(round(8 + 22 * (n / most) ** 0.5, 1))
        # customdata[0] is a page address for single points; "" here, and the period's first
        # and last day (customdata[4], [5]), which charts.js zooms to when the point is chosen.
        customdata.append(
            [
                "",
                (
                    ngettext("%(counter)s round", "%(counter)s rounds", n)
                    if lane == ROUNDS_LANE
                    else ngettext("%(counter)s event", "%(counter)s events", n)
                )
                % {"counter": n},
                period_label(first, period),
                shown_label,
            ]
            + [_iso(first), _iso(last)]
        )
    return {
        "type": "scatter",
        "mode": "markers",
        "name": label,
        "x": x,
        "y": [label] * len(x),
        "marker": {
            "size": sizes,
            "symbol": "circle" if lane == ROUNDS_LANE else "diamond",
            "color": colour,
            "opacity": 0.85,
            "line": {"color": "#ffffff", "width": 1},
        },
        "customdata": customdata,
        "hovertemplate": (
            "<b>%{customdata[1]}</b> · %{customdata[3]}<br>%{customdata[2]}"
            "<br>" + escape(gettext("Select or zoom in to see each one")) + "<extra></extra>"
        ),
        "showlegend": False,
    }


def timeline_counts_figure(
    counts: TimelineCounts,
    *,
    period: str,
    today: datetime.date | None = None,
    detail: dict | None = None,
) -> dict:
    """The timeline with rounds and events counted per lane and ``period`` (see
    ``aggregate_period``) instead of a point each; zones as in ``timeline_figure``.

    ``detail`` goes to ``layout.meta.detail`` for ``charts.js``: ``{"url": ...}``, the JSON
    endpoint it asks for the points of the period the reader zooms into.
    """
    today = today or datetime.date.today()
    totals = aggregate_counts(counts.months, period)
    most = max(totals.values(), default=1)
    traces: list[dict] = []
    lanes = [ROUNDS_LANE]
    for lane in [ROUNDS_LANE, *(name for name, _kinds in EVENT_LANES)]:
        points = sorted((first, n) for (name, first), n in totals.items() if name == lane)
        if not points:
            continue
        if lane != ROUNDS_LANE:
            lanes.append(lane)
        traces.append(_count_trace(lane, points, period, most=most))
    zone_traces, zone_lanes = _zone_traces(counts.zones, today=today)
    traces.extend(zone_traces)
    lanes.extend(zone_lanes)
    return _figure(
        traces,
        lanes=lanes,
        annotations=[],
        shapes=[],
        year=counts.year,
        round_trace=None,
        detail={"period": period, **(detail or {})},
    )


def too_many_points(data: Timeline, *, max_points: int | None = None) -> bool:
    """Whether ``data`` (read with at most ``max_points + 1`` rounds and as many events) holds
    more rounds and events than the timeline draws one by one (``DETAIL_MAX_POINTS``)."""
    limit = DETAIL_MAX_POINTS if max_points is None else max_points
    return len(data.rounds) + len(data.events) > limit


def timeline_points_figure(
    data: Timeline,
    counts: TimelineCounts | None,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
    detail: dict | None = None,
) -> dict:
    """A point per round and event (``data``) when there are few enough (``too_many_points``),
    else their ``counts`` per lane and period for ``start``..``end`` (the whole span of the
    counts when not given). ``detail`` goes to ``layout.meta.detail`` (see
    ``timeline_counts_figure``), with ``period`` ``None`` when the points are drawn."""
    if counts is None:
        figure = timeline_figure(data, today=today)
        figure["layout"]["meta"]["detail"] = {"period": None, **(detail or {})}
        return figure
    months = [month for _lane, month in counts.months] or [today or datetime.date.today()]
    return timeline_counts_figure(
        counts,
        period=aggregate_period(start or min(months), end or max(months)),
        today=today,
        detail=detail,
    )
