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
