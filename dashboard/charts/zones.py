"""The map of the de-escalation zones over Syria's governorates, by status on a day."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.translation import gettext

from dashboard.charts.style import (
    FONT,
    FONT_SIZE,
    MAP_END,
    MAP_START,
    NOT_AGREED,
    NOT_AGREED_FILL,
    NOT_AGREED_LABEL,
    STATUS_COLOURS,
    STATUS_LABELS,
    escape,
)
from dashboard.selectors import (
    MapArea,
    MapZone,
)
from rounds.models.zones import zone_status_on


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
    """The status as readers see it, in the active language."""
    return str(STATUS_LABELS.get(status, NOT_AGREED_LABEL) if status else NOT_AGREED_LABEL)


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
        statuses = [zone_status_on(z.history, day) for z in zones]
        steps.append(
            {
                "date": day.isoformat(),
                "label": date_format(day, "DATE_FORMAT"),
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
                "name": gettext("Governorates"),
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
        status = zone_status_on(zone.history, day)
        lon, lat = _lonlat(_outer_rings(zone.geometry))
        note = gettext(" (approximate boundary)") if zone.approximate else ""
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
                # The status rides in customdata with the page URL: plotly.js gives a
                # line trace's points no ``text`` in hover templates (it showed "-").
                "customdata": [[zone.url, zone_status_label(status)]] * len(lon),
                "hovertemplate": (
                    f"<b>{escape(zone.short_name)}</b>{escape(note)}<br>%{{customdata[1]}}"
                    "<extra></extra>"
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
