"""Feeds for readers' tools: Atom of new records, iCalendar of announced meetings."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from rounds import selectors
from rounds.models import Event, Round, Statement
from rounds.validators import without_control_characters

FEED_ITEMS = 50
CALENDAR_DOMAIN = "astana-tracker"


class XMLSafeAtom1Feed(Atom1Feed):
    """Atom without the characters XML 1.0 cannot carry (a record stored before they were
    refused would otherwise make the whole feed a 500)."""

    def add_item(self, title, link, description, **kwargs):
        description = without_control_characters(description) if description else description
        super().add_item(without_control_characters(title), link, description, **kwargs)


class LatestRecordsFeed(Feed):
    """The newest rounds, statements and events, by when they were recorded."""

    feed_type = XMLSafeAtom1Feed
    title = "Astana Process Tracker: new rounds, statements and events"
    subtitle = "Curated records of the Astana process on Syria, newest first, with sources."

    def link(self):
        return reverse("rounds:home")

    def feed_url(self):
        return reverse("rounds:feed-atom")

    def items(self):
        return selectors.feed_items(limit=FEED_ITEMS)

    def item_title(self, item):
        if isinstance(item, Round):
            return f"Round {item.number}: {item.name}"
        if isinstance(item, Statement):
            return f"Statement: {item.title}"
        return f"Event: {item.title}"

    def item_description(self, item):
        if isinstance(item, Round):
            dates = f"{item.start_date or ''}–{item.end_date or ''}"
            return f"{item.city}, {dates}. " + "; ".join(item.outcomes or [])
        if isinstance(item, Statement):
            return f"{item.get_kind_display()}, {item.date or 'undated'}"
        assert isinstance(item, Event)
        return f"{item.get_kind_display()}, {item.start_date or 'undated'}. {item.description}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.modified

    def item_guid(self, item):
        return f"tag:{CALENDAR_DOMAIN},2017:{item._meta.model_name}/{item.pk}"

    item_guid_is_permalink = False


def meetings_calendar(request):
    """iCalendar of announced meetings: events still announced, rounds scheduled or postponed,
    and rounds' announced windows.

    Each is an all-day event over its dates or window (DTEND exclusive, per RFC 5545); meetings
    announced without a date are left out, as a calendar entry needs one.
    """
    cal = Calendar()
    cal.add("prodid", "-//Astana Process Tracker//announced meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Astana process: announced meetings")
    stamp = timezone.now()
    for meeting in selectors.announced_meetings():
        if meeting.start is None:
            continue
        entry = CalendarEvent()
        entry.add("uid", f"{meeting.uid}@{CALENDAR_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("summary", meeting.title)
        entry.add("dtstart", meeting.start)
        entry.add("dtend", (meeting.end or meeting.start) + datetime.timedelta(days=1))
        if meeting.place:
            entry.add("location", meeting.place)
        wording = f"As announced: {meeting.wording}" if meeting.window else meeting.wording
        entry.add("description", wording if meeting.wording else "")
        entry.add("url", request.build_absolute_uri(meeting.url))
        cal.add_component(entry)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="astana-meetings.ics"'
    return response
