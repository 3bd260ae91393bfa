"""The dashboard's timeline: rounds, events in lanes by kind and the zones' lifetimes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext, gettext_noop

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
    TimelineEvent,
    TimelineRound,
    date_span,
    status_text,
)


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
    return {
        "type": "scatter",
        "mode": "markers",
        "name": _lane_label(name),
        "x": [_iso(e.start) for e in events],
        "y": [_lane_label(e.lane) for e in events],
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
    shapes: list[dict] = []
    for lane, _kinds in EVENT_LANES:
        events = by_lane.get(lane)
        if not events:
            continue
        lanes.append(lane)
        traces.append(_event_trace(lane, events, prominent=lane == EVENT_LANES[0][0]))
        for e in events:
            if e.kind in LABELLED_KINDS:
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

    shown_status: set[str] = set()
    for zone in data.zones:
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

    xaxis: dict = {
        "type": "date",
        "showgrid": True,
        "gridcolor": "#e3e7eb",
        "rangeslider": {"visible": True, "thickness": 0.07, "bgcolor": "#f6f8fa"},
    }
    if data.year:
        xaxis["range"] = [f"{data.year}-01-01", f"{data.year}-12-31"]
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
                    lanes=lanes,
                    annotations=len(annotations),
                    round_trace=0 if data.rounds else None,
                ),
            },
        },
    }
