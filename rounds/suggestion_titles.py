"""What a suggestion proposes, for a person: a readable title ("Round 8: dates 20–21 Dec 2017
instead of 21–22 Dec 2017") and the current record beside the proposal, field by field.

Pure functions over a suggestion's stored values (kind, key, payload, current) and the name of
the record it is about; the suggestions' admin shows their output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from astana_site.dates import date_span, parse_iso_date
from rounds.choices import SuggestionKind

# Payload and current-values keys in the order and with the labels a reader expects.
FIELD_LABELS = {
    "number": "Round number",
    "round_number": "Round",
    "kind": "Kind",
    "title": "Title",
    "text": "Announcement",
    "start_date": "Start date",
    "end_date": "End date",
    "start": "Start",
    "end": "End",
    "date": "Date",
    "place": "Place",
    "status": "Status",
}


def _date(value: Any):
    try:
        return parse_iso_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _span(values: dict, start: str, end: str) -> str:
    first, last = _date(values.get(start)), _date(values.get(end))
    if first is None and last is None:
        return "no date"
    return date_span(first or last, last)


def _round_number(key: str, payload: dict) -> str:
    parts = key.split(":")
    if len(parts) > 1 and parts[0] == "round" and parts[1].isdecimal():
        return parts[1]
    return str(payload.get("number") or payload.get("round_number") or "?")


def suggestion_title(*, kind: str, key: str, payload: dict, current: dict, record: str) -> str:
    """One line saying what the suggestion changes; ``record`` names the record it is about
    ("" for a new record)."""
    payload, current = payload or {}, current or {}
    if kind == SuggestionKind.ROUND_DATES:
        return (
            f"Round {_round_number(key, payload)}: dates "
            f"{_span(payload, 'start_date', 'end_date')} instead of "
            f"{_span(current, 'start_date', 'end_date')}"
        )
    if kind == SuggestionKind.EVENT_DATES:
        return (
            f"{record or key}: dates {_span(payload, 'start_date', 'end_date')} instead of "
            f"{_span(current, 'start_date', 'end_date')}"
        )
    if kind == SuggestionKind.EVENT_STATUS:
        return (
            f"{record or key}: {payload.get('status', '?')} "
            f"(on record: {current.get('status') or 'none'})"
        )
    if kind == SuggestionKind.ROUND_NEXT_MEETING:
        return f"{record or key}: announced next meeting, {payload.get('text') or '?'}"
    if kind == SuggestionKind.NEW_ROUND:
        place = f", {payload['place']}" if payload.get("place") else ""
        return f"New round {payload.get('number', '?')}: {_span(payload, 'start', 'end')}{place}"
    if kind == SuggestionKind.NEW_EVENT:
        return f"New event: {payload.get('title') or '?'} ({_span(payload, 'start', 'end')})"
    if kind == SuggestionKind.NEW_STATEMENT:
        at = f" (round {payload['round_number']})" if payload.get("round_number") else ""
        return f"New statement: {payload.get('title') or '?'}{at}"
    return f"{kind}: {key}"


@dataclass(frozen=True)
class FieldComparison:
    label: str
    current: Any
    proposed: Any
    changed: bool


def compare_fields(*, current: dict, proposed: dict) -> list[FieldComparison]:
    """The record's values on record beside the proposed ones, known fields first; a field the
    proposal leaves out is not compared (accepting it leaves that field as it is)."""
    current, proposed = current or {}, proposed or {}
    names = [n for n in FIELD_LABELS if n in proposed] + sorted(
        n for n in proposed if n not in FIELD_LABELS
    )
    return [
        FieldComparison(
            label=FIELD_LABELS.get(name, name.replace("_", " ").capitalize()),
            current=current.get(name),
            proposed=proposed.get(name),
            changed=name in current
            and current.get(name) != proposed.get(name)
            or name not in current,
        )
        for name in names
    ]
