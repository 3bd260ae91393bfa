"""The one iCalendar (RFC 5545) builder: the API's ``?format=ics`` and the public feed of
announced meetings both write their calendars here.

Every entry is an all-day VEVENT over its dates; ``DTEND`` is exclusive, per the RFC, so a
one-day meeting ends the day after it starts. A stable ``UID`` lets a subscribed calendar
update an entry in place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from icalendar import Calendar
from icalendar import Event as CalendarEvent

UID_DOMAIN = "astana-tracker"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # unique within the calendar; ``@astana-tracker`` is appended
    summary: str
    start: datetime.date
    end: datetime.date | None
    stamp: datetime.datetime
    description: str | None = None  # None: no DESCRIPTION line
    location: str | None = None
    status: str | None = None  # TENTATIVE, CONFIRMED or CANCELLED
    categories: list[str] = field(default_factory=list)
    url: str | None = None


def calendar_ics(
    *, name: str, product: str, entries: Iterable[CalendarEntry], gregorian: bool = False
) -> bytes:
    """The calendar called ``name`` holding ``entries``, as iCalendar bytes."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Astana Process Tracker//{product}//EN")
    calendar.add("version", "2.0")
    if gregorian:
        calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in entries:
        entry = CalendarEvent()
        entry.add("uid", f"{item.uid}@{UID_DOMAIN}")
        entry.add("dtstamp", item.stamp)
        entry.add("summary", item.summary)
        entry.add("dtstart", item.start)
        entry.add("dtend", max(item.end or item.start, item.start) + datetime.timedelta(days=1))
        if item.description is not None:
            entry.add("description", item.description)
        if item.location:
            entry.add("location", item.location)
        if item.status:
            entry.add("status", item.status)
        if item.categories:
            entry.add("categories", item.categories)
        if item.url:
            entry.add("url", item.url)
        calendar.add_component(entry)
    return calendar.to_ical()
