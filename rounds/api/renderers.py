"""Formats besides JSON, chosen with ``?format=``: CSV, GeoJSON, iCalendar and TimelineJS3.

Each renders the serialized representation the JSON format shows (same query, same filters,
same page), so a format adds no queries. Errors are always rendered as the JSON error shape,
whatever format was asked for.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable

from django.utils.html import escape
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from rest_framework.renderers import BaseRenderer, JSONRenderer

# Cells that a spreadsheet would evaluate as a formula are prefixed with a quote (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ICS_STATUS = {
    "announced": "TENTATIVE",
    "postponed": "TENTATIVE",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}


def _records(data) -> tuple[list[dict], bool]:
    """The records in a response body and whether it was a list (paginated or not)."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"], True
    if isinstance(data, list):
        return data, True
    return ([data] if isinstance(data, dict) else []), False


class ErrorsAsJSONMixin:
    """Renders error responses as the one JSON error shape, with a JSON content type."""

    @classmethod
    def openapi_schema(cls, *, many: bool) -> dict:
        """What a successful response in this format looks like, for the OpenAPI schema."""
        return {"type": "string", "description": cls.__doc__.split("\n\n")[0].strip()}

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            response["Content-Type"] = "application/json"
            return JSONRenderer().render(data, "application/json", renderer_context)
        return self.render_data(data, renderer_context or {})

    def render_data(self, data, renderer_context: dict) -> bytes:
        raise NotImplementedError


# --- CSV -------------------------------------------------------------------------------------


def _cell(value) -> str | int | float:
    """One CSV cell; every text cell, joined lists included, goes through the formula guard."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return _neutralised(_text(value))


def _text(value) -> str:
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) for v in value):
            return "; ".join(str(v) for v in value)
        for key in ("slug", "url", "name"):
            if all(isinstance(v, dict) and v.get(key) for v in value):
                return "; ".join(str(v[key]) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _flatten(record: dict, prefix: str = "") -> dict:
    """Nested objects become dotted columns (``next_meeting.start``); lists become one cell."""
    flat: dict = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and key not in {"details", "polygon"}:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = _cell(value)
    return flat


class CSVRenderer(ErrorsAsJSONMixin, BaseRenderer):
    """One row per record, one column per field; related lists are joined with ``; ``."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render_data(self, data, renderer_context: dict) -> bytes:
        records, _ = _records(data)
        rows = [_flatten(r) for r in records]
        header: list[str] = []
        for row in rows:
            header.extend(k for k in row if k not in header)
        if not header:
            view = renderer_context.get("view")
            if view is not None and hasattr(view, "get_serializer"):
                header = list(view.get_serializer().fields)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")


# --- GeoJSON ---------------------------------------------------------------------------------


def _geometry(record: dict) -> dict | None:
    if record.get("polygon"):
        return record["polygon"]
    for lat, lon in (("latitude", "longitude"), ("centre_latitude", "centre_longitude")):
        if record.get(lat) is not None and record.get(lon) is not None:
            return {"type": "Point", "coordinates": [record[lon], record[lat]]}
    return None


def feature(record: dict) -> dict:
    """A GeoJSON Feature: the polygon, or else the point; every other field a property."""
    properties = {k: v for k, v in record.items() if k != "polygon"}
    return {
        "type": "Feature",
        "id": record.get("slug"),
        "geometry": _geometry(record),
        "properties": properties,
    }


class GeoJSONRenderer(ErrorsAsJSONMixin, BaseRenderer):
    """RFC 7946: a FeatureCollection for a list, a Feature for one record. Positions are
    ``[longitude, latitude]`` (WGS84); a record without coordinates has a null geometry."""

    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    @classmethod
    def openapi_schema(cls, *, many: bool) -> dict:
        feature_schema = {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "string", "nullable": True},
                "geometry": {"type": "object", "nullable": True},
                "properties": {"type": "object"},
            },
        }
        if not many:
            return feature_schema
        return {
            "type": "object",
            "description": "RFC 7946 FeatureCollection; positions are [longitude, latitude].",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": feature_schema},
                "numberMatched": {"type": "integer"},
                "numberReturned": {"type": "integer"},
            },
        }

    def render_data(self, data, renderer_context: dict) -> bytes:
        records, many = _records(data)
        if not many:
            body = feature(records[0]) if records else {}
        else:
            body = {
                "type": "FeatureCollection",
                "features": [feature(r) for r in records],
                "numberReturned": len(records),
            }
            if isinstance(data, dict) and "count" in data:
                body["numberMatched"] = data["count"]
        return json.dumps(body, ensure_ascii=False).encode("utf-8")


# --- iCalendar -------------------------------------------------------------------------------


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class ICalendarRenderer(ErrorsAsJSONMixin, BaseRenderer):
    """RFC 5545: one all-day VEVENT per dated event (undated events are left out).

    ``UID`` is stable (the event's slug), so a calendar that subscribes updates in place;
    ``DTEND`` is exclusive, per the RFC, so a one-day event ends the day after it starts.
    """

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render_data(self, data, renderer_context: dict) -> bytes:
        records, _ = _records(data)
        calendar = Calendar()
        calendar.add("prodid", "-//Astana Process Tracker//API v1//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", "Astana process: events")
        for record in records:
            start = _date(record.get("start_date"))
            if start is None:
                continue
            end = _date(record.get("end_date")) or start
            entry = CalendarEvent()
            entry.add("uid", f"{record['slug']}@astana-tracker")
            entry.add("summary", record.get("title", ""))
            entry.add("dtstart", start)
            entry.add("dtend", max(end, start) + datetime.timedelta(days=1))
            entry.add("dtstamp", datetime.datetime.fromisoformat(record["modified"]))
            if record.get("description"):
                entry.add("description", record["description"])
            location = record.get("place_name") or record.get("location_text")
            if location:
                entry.add("location", location)
            if record.get("status") in ICS_STATUS:
                entry.add("status", ICS_STATUS[record["status"]])
            if record.get("kind"):
                entry.add("categories", [record["kind"]])
            if record.get("api_url"):
                entry.add("url", record["api_url"])
            calendar.add_component(entry)
        return calendar.to_ical()


# --- TimelineJS3 -----------------------------------------------------------------------------


def _timeline_date(value: str | None, precision: str = "day") -> dict | None:
    day = _date(value)
    if day is None:
        return None
    parts = {"year": day.year}
    if precision in {"day", "window", "month"}:
        parts["month"] = day.month
    if precision in {"day", "window"}:
        parts["day"] = day.day
    return parts


def _timeline_slide(record: dict) -> dict | None:
    precision = record.get("date_precision", "day")
    start = _timeline_date(record.get("start_date"), precision)
    if start is None:
        return None
    if "number" in record:  # a round
        headline = f"Round {record['number']}: {record.get('name', '')}"
        body = record.get("summary", "")
        group = "Rounds"
        unique_id = f"round-{record['number']}"
    else:
        headline = record.get("title", "")
        body = record.get("description", "")
        group = record.get("kind", "")
        unique_id = f"event-{record.get('slug')}"
    slide = {
        "unique_id": unique_id,
        "start_date": start,
        # TimelineJS renders headline and text as HTML: escape what analysts typed.
        "text": {"headline": escape(headline), "text": escape(body)},
        "group": group,
    }
    end = _timeline_date(record.get("end_date"), precision)
    if end is not None and end != start:
        slide["end_date"] = end
    return slide


class TimelineJSRenderer(ErrorsAsJSONMixin, BaseRenderer):
    """TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html): one slide per
    dated record, grouped by event kind; dates only as precise as the record knows them."""

    media_type = "application/vnd.timelinejs+json"
    format = "timelinejs"
    charset = None

    @classmethod
    def openapi_schema(cls, *, many: bool) -> dict:
        return {
            "type": "object",
            "description": "TimelineJS3 JSON: https://timeline.knightlab.com/docs/json-format.html",
            "required": ["title", "events"],
            "properties": {
                "title": {"type": "object"},
                "events": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["unique_id", "start_date", "text", "group"],
                        "properties": {
                            "unique_id": {"type": "string"},
                            "start_date": {"type": "object"},
                            "end_date": {"type": "object"},
                            "text": {"type": "object"},
                            "group": {"type": "string"},
                        },
                    },
                },
            },
        }

    def render_data(self, data, renderer_context: dict) -> bytes:
        records, _ = _records(data)
        slides: Iterable[dict | None] = (_timeline_slide(r) for r in records)
        body = {
            "title": {
                "text": {
                    "headline": "The Astana process on Syria",
                    "text": "Rounds and events, from the Astana Process Tracker.",
                }
            },
            "events": [s for s in slides if s is not None],
        }
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
