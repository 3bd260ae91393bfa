"""Pure figure builders: selector output (plain dataclasses) in, a Plotly figure dict out.

No database and no request here, so every figure is testable on hand-made values. Figures are
plain JSON-ready dicts (dates as ISO strings); templates embed them with ``json_script`` and
``static/js/charts.js`` renders them with the vendored plotly.js.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from rounds.choices import ZoneStatus
from rounds.selectors import (
    EVENT_LANES,
    MapArea,
    MapZone,
    Timeline,
    TimelineEvent,
    TimelineRound,
    date_span,
    status_on,
)


def escape(text: str) -> str:
    """Text for Plotly's hover and label markup: ``&``, ``<`` and ``>`` as entities Plotly
    decodes. Quotes stay as they are: Plotly shows ``&quot;`` literally, and a quote outside a
    tag is harmless in its markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_SIZE = 13
ROUND_COLOUR = "#0b5cad"
CONGRESS_COLOUR = "#b3261e"
# Okabe-Ito hues: distinguishable with the common colour-vision deficiencies.
LANE_COLOURS = {
    "Sochi congress": CONGRESS_COLOUR,
    "Summits and ministers": "#6a3d9a",
    "Zone agreements": "#009e73",
    "Working groups": "#cc79a7",
    "Geneva track": "#0072b2",
    "War and process": "#7f4f24",
    "Background": "#555555",
}
STATUS_COLOURS = {
    ZoneStatus.AGREED: "#56b4e9",
    ZoneStatus.OPERATIONAL: "#009e73",
    ZoneStatus.CONTESTED: "#d55e00",
    ZoneStatus.ENDED: "#8c8c8c",
}
STATUS_LABELS = dict(ZoneStatus.choices)
NOT_AGREED = "not_agreed"
NOT_AGREED_LABEL = "Not yet agreed"
NOT_AGREED_FILL = "rgba(255,255,255,0)"
MAP_START = datetime.date(2017, 1, 1)
MAP_END = datetime.date(2024, 12, 31)
ROUNDS_LANE = "Rounds"
# Events labelled on the timeline: kind -> (label, arrow offset x, y in pixels).
LABELLED_KINDS = {
    "congress": ("Sochi congress", 70, -28),
    "preparatory_meeting": ("Preparatory meeting", -90, 30),
}
# Below this width (CSS pixels) charts.js switches the timeline to its compact variant: round
# numbers and annotations would overlap and be cut off at the plot's edges on a phone.
COMPACT_MAX_WIDTH = 600
# Lane names that fit a phone's width; zone lanes drop their "Zone: " prefix.
SHORT_LANES = {
    "Summits and ministers": "Summits",
    "Zone agreements": "Agreements",
    "War and process": "War, process",
}


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _hover_lines(lines: Iterable[str], *, limit: int = 3, width: int = 90) -> str:
    out = []
    for line in list(lines)[:limit]:
        line = line if len(line) <= width else line[: width - 1] + "…"
        out.append("• " + escape(line))
    return "<br>".join(out)


def _zone_lane(name: str) -> str:
    return f"Zone: {name}"


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
        "name": "Rounds",
        "x": [_iso(r.start) for r in rounds],
        "y": [ROUNDS_LANE] * len(rounds),
        "text": [str(r.number) for r in rounds],
        "textposition": _label_positions(rounds),
        "textfont": {"size": 11, "color": ROUND_COLOUR},
        "marker": {
            "size": 13,
            "color": ROUND_COLOUR,
            "line": {"color": "#ffffff", "width": 1.5},
        },
        "customdata": [
            [
                r.url,
                r.number,
                date_span(r.start, r.end),
                escape(r.city),
                _hover_lines(r.outcomes) or "no outcomes recorded",
            ]
            for r in rounds
        ],
        "hovertemplate": (
            "<b>Round %{customdata[1]}</b> · %{customdata[3]}<br>%{customdata[2]}"
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
        "name": name,
        "x": [_iso(e.start) for e in events],
        "y": [e.lane for e in events],
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
                escape(e.status),
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
    return SHORT_LANES.get(lane, lane)


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
                "yaxis.tickvals": list(lanes),
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
                "yaxis.tickvals": list(lanes),
                "yaxis.ticktext": list(lanes),
                "yaxis.tickfont.size": FONT_SIZE,
            },
            "traces": {"mode": ["markers+text"]},
        },
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
                        "y": lane,
                        "text": f"<b>{label}</b> {date_span(e.start, e.end)}",
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
                    "name": f"Zone {label.lower()}",
                    "legendgroup": f"zone-{seg.status}",
                    "showlegend": seg.status not in shown_status,
                    "x": [_iso(seg.start), _iso(end)],
                    "y": [lane, lane],
                    "line": {"color": STATUS_COLOURS.get(seg.status, "#888888"), "width": 12},
                    "customdata": [
                        [zone.url, escape(zone.short_name), label, date_span(seg.start, end)]
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
        "rangeselector": {
            "buttons": [
                {"count": 1, "label": "1 year", "step": "year", "stepmode": "backward"},
                {"count": 3, "label": "3 years", "step": "year", "stepmode": "backward"},
                {"step": "all", "label": "All"},
            ],
            "x": 0,
            "y": 1.02,
            "yanchor": "bottom",
            "bgcolor": "#eef2f6",
            "activecolor": "#c9d8ea",
        },
        "rangeslider": {"visible": True, "thickness": 0.07, "bgcolor": "#f6f8fa"},
    }
    if data.year:
        xaxis["range"] = [f"{data.year}-01-01", f"{data.year}-12-31"]
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
                "title": {"text": "Zone status:"},
            },
            "xaxis": xaxis,
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": lanes,
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
                "compact": compact_variant(
                    lanes=lanes,
                    annotations=len(annotations),
                    round_trace=0 if data.rounds else None,
                )
            },
        },
    }


# --- Zones map --------------------------------------------------------------------------------


def _bbox_area(geometry: dict | None) -> float:
    points = [p for ring in _outer_rings(geometry) for p in ring]
    if not points:
        return 0.0
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (max(lons) - min(lons)) * (max(lats) - min(lats))


def _outer_rings(geometry: dict | None) -> list[list[list[float]]]:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return geometry["coordinates"][:1]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"] if polygon]
    return []


def _lonlat(rings: list[list[list[float]]]) -> tuple[list, list]:
    """Rings joined into one lon/lat series, separated by gaps (None) so each fills alone."""
    lon: list = []
    lat: list = []
    for ring in rings:
        if lon:
            lon.append(None)
            lat.append(None)
        lon.extend(round(p[0], 4) for p in ring)
        lat.extend(round(p[1], 4) for p in ring)
    return lon, lat


def _centre(geometry: dict | None) -> tuple[float, float] | None:
    """Centre of the bounding box of the largest outer ring (a label anchor, not a centroid)."""
    rings = _outer_rings(geometry)
    if not rings:
        return None
    ring = max(rings, key=len)
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def zone_status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status, NOT_AGREED_LABEL) if status else NOT_AGREED_LABEL


def zone_colour(status: str | None) -> str:
    return STATUS_COLOURS.get(status, NOT_AGREED_FILL) if status else NOT_AGREED_FILL


def map_steps(
    zones: Sequence[MapZone],
    *,
    start: datetime.date = MAP_START,
    end: datetime.date = MAP_END,
) -> list[dict]:
    """Slider steps: the first of every month from ``start`` to ``end`` plus every status change
    in that span, each with every zone's status, colour and label on that day."""
    days = set()
    day = start.replace(day=1)
    while day <= end:
        days.add(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    days |= {d for z in zones for d, _ in z.history if start <= d <= end}
    steps = []
    for day in sorted(days):
        statuses = [status_on(z.history, day) for z in zones]
        steps.append(
            {
                "date": day.isoformat(),
                "label": f"{day.day} {day:%B %Y}",
                "statuses": [s or NOT_AGREED for s in statuses],
                "labels": [zone_status_label(s) for s in statuses],
                "colours": [zone_colour(s) for s in statuses],
            }
        )
    return steps


def step_index(steps: Sequence[dict], day: datetime.date) -> int:
    """The last step on or before ``day`` (the first step when ``day`` is earlier)."""
    iso = day.isoformat()
    index = 0
    for i, step in enumerate(steps):
        if step["date"] <= iso:
            index = i
    return index


def zones_map_figure(
    areas: Sequence[MapArea],
    zones: Sequence[MapZone],
    *,
    day: datetime.date,
    height: int = 560,
) -> dict:
    """Syria's governorates with the zones coloured by their status on ``day``.

    Everything is drawn as ``scattergeo`` polygons from our own GeoJSON with the base map
    switched off (``geo.visible = False``), so plotly.js needs no topojson download or tiles.
    Zone traces come last, in ``zones`` order; ``layout.meta.zoneTraces`` lists their indices.
    """
    traces: list[dict] = []
    # Outer rings only (a hole drawn as its own ring would fill the whole globe in d3-geo),
    # largest first, so an enclave such as Damascus is drawn over its surroundings.
    for area in sorted(areas, key=lambda a: -_bbox_area(a.geometry)):
        lon, lat = _lonlat(_outer_rings(area.geometry))
        traces.append(
            {
                "type": "scattergeo",
                "mode": "lines",
                "name": area.name,
                "lon": lon,
                "lat": lat,
                "fill": "toself",
                "fillcolor": "#f1f3f5",
                "line": {"color": "#8a96a3", "width": 0.8},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    label_lon, label_lat, label_text = [], [], []
    for area in areas:
        centre = _centre(area.geometry)
        if centre:
            label_lon.append(round(centre[0], 3))
            label_lat.append(round(centre[1], 3))
            label_text.append(area.name)
    if label_text:
        traces.append(
            {
                "type": "scattergeo",
                "mode": "text",
                "name": "Governorates",
                "lon": label_lon,
                "lat": label_lat,
                "text": label_text,
                "textfont": {"size": 10, "color": "#4a5560"},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    zone_traces = []
    for zone in zones:
        status = status_on(zone.history, day)
        lon, lat = _lonlat(_outer_rings(zone.geometry))
        note = " (approximate boundary)" if zone.approximate else ""
        zone_traces.append(len(traces))
        traces.append(
            {
                "type": "scattergeo",
                "mode": "lines",
                "name": zone.short_name,
                "lon": lon,
                "lat": lat,
                "fill": "toself",
                "fillcolor": zone_colour(status),
                "opacity": 0.85,
                "line": {"color": "#1b1f24", "width": 1.4, "dash": "dot"},
                "text": zone_status_label(status),
                "customdata": [zone.url] * len(lon),
                "hovertemplate": (
                    f"<b>{escape(zone.short_name)}</b>{escape(note)}<br>%{{text}}<extra></extra>"
                ),
                "showlegend": False,
            }
        )
    return {
        "data": traces,
        "layout": {
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "font": {"family": FONT, "size": FONT_SIZE, "color": "#1b1f24"},
            "paper_bgcolor": "#ffffff",
            "showlegend": False,
            "hovermode": "closest",
            "dragmode": False,
            "geo": {
                "visible": False,
                "projection": {"type": "mercator"},
                "fitbounds": "locations",
                "bgcolor": "#ffffff",
            },
            "meta": {"zoneTraces": zone_traces},
        },
    }
