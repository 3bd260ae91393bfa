"""Formats of the curated resources besides JSON and CSV, chosen with ``?format=``: GeoJSON,
iCalendar and TimelineJS3.

Each renders the serialized representation the JSON format shows (same query, same filters,
same page), so a format adds no queries. Errors are always rendered as the JSON error shape,
whatever format was asked for.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.translation import gettext
from rest_framework.renderers import BaseRenderer

from astana_site.api.renderers import ErrorsAsJSONMixin, response_records
from astana_site.dates import parse_iso_date
from rounds.ical import CalendarEntry, calendar_ics
from rounds.models.base import OVERDUE_LABEL

ICS_STATUS = {
    "announced": "TENTATIVE",
    "postponed": "TENTATIVE",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}


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
        records, many = response_records(data)
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


class ICalendarRenderer(ErrorsAsJSONMixin, BaseRenderer):
    """RFC 5545: one all-day VEVENT per dated event (undated events are left out).

    ``UID`` is stable (the event's slug), so a calendar that subscribes updates in place;
    ``DTEND`` is exclusive, per the RFC, so a one-day event ends the day after it starts.
    """

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render_data(self, data, renderer_context: dict) -> bytes:
        records, _ = response_records(data)
        entries = (
            CalendarEntry(
                uid=record["slug"],
                summary=record.get("title", "")
                + (f" ({gettext(OVERDUE_LABEL).lower()})" if record.get("overdue") else ""),
                start=parse_iso_date(record["start_date"]),
                end=parse_iso_date(record.get("end_date")),
                stamp=datetime.datetime.fromisoformat(record["modified"]),
                description=record.get("description") or None,
                location=record.get("place_name") or record.get("location_text"),
                status="TENTATIVE"
                if record.get("overdue")
                else ICS_STATUS.get(record.get("status")),
                categories=[record["kind"]] if record.get("kind") else [],
                # The event's page, for people; the API URL stays in the JSON.
                url=record.get("page_url") or record.get("api_url"),
            )
            for record in records
            if record.get("start_date")
        )
        return calendar_ics(
            name="Astana process: events", product="API v1", entries=entries, gregorian=True
        )


# --- TimelineJS3 -----------------------------------------------------------------------------


def _timeline_date(value: str | None, precision: str = "day") -> dict | None:
    day = parse_iso_date(value)
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
        records, _ = response_records(data)
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
