"""ISO 8601 dates to and from text: the one helper every app uses (JSON payloads, reference
data, API representations and figures all carry dates as ``YYYY-MM-DD``), and a span of days as
a reader sees it, in the active language."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext


def parse_iso_date(value: str | None) -> datetime.date | None:
    """The date ``value`` spells (``2017-01-23``); None for None or "". Raises ``ValueError``
    for anything else (a caller that accepts a date-time passes its first ten characters)."""
    return datetime.date.fromisoformat(value) if value else None


def iso_date(day: datetime.date | None) -> str | None:
    """``day`` as ``YYYY-MM-DD``; None for None."""
    return day.isoformat() if day else None


def date_span(start: datetime.date | None, end: datetime.date | None) -> str:
    """'23–24 Jan 2017', '30 Jul – 1 Aug 2018', '29 Dec 2016'; "date unknown" without a start.

    In the active language's formats (``SHORT_DATE_FORMAT``, ``MONTH_DAY_FORMAT``, see
    ``astana_site/formats/``): '23–24 января 2017', '30 Tem – 1 Ağu 2018', '29 ديسمبر 2016'.
    Every language offered writes the day first, so a span within a month prefixes the day.
    """
    if not start:
        return gettext("date unknown")
    if not end or end == start:
        return date_format(start, "SHORT_DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'SHORT_DATE_FORMAT')}"
    if start.year == end.year:
        return f"{date_format(start, 'MONTH_DAY_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"
