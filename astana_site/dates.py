"""ISO 8601 dates to and from text: the one helper every app uses (JSON payloads, reference
data, API representations and figures all carry dates as ``YYYY-MM-DD``)."""

import datetime


def parse_iso_date(value: str | None) -> datetime.date | None:
    """The date ``value`` spells (``2017-01-23``); None for None or "". Raises ``ValueError``
    for anything else (a caller that accepts a date-time passes its first ten characters)."""
    return datetime.date.fromisoformat(value) if value else None


def iso_date(day: datetime.date | None) -> str | None:
    """``day`` as ``YYYY-MM-DD``; None for None."""
    return day.isoformat() if day else None


def date_span(start: datetime.date | None, end: datetime.date | None) -> str:
    """'23–24 Jan 2017', '30 Jul – 1 Aug 2018', '29 Dec 2016'; "date unknown" without a start."""
    if not start:
        return "date unknown"
    if not end or end == start:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
