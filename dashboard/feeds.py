"""Feeds for readers' tools: Atom of new records, iCalendar of announced meetings."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from astana_site.dates import date_span
from astana_site.validators import without_control_characters
from dashboard import selectors
from rounds.ical import UID_DOMAIN, CalendarEntry, calendar_ics
from rounds.models import Event, Round, Statement
from rounds.models.base import OVERDUE_LABEL
from rounds.selectors import round_list

FEED_ITEMS = 50


class XMLSafeAtom1Feed(Atom1Feed):
    """Atom without the characters XML 1.0 cannot carry (a record stored before they were
    refused would otherwise make the whole feed a 500)."""

    def add_item(self, title, link, description, **kwargs):
        description = without_control_characters(description) if description else description
        super().add_item(without_control_characters(title), link, description, **kwargs)


class LatestRecordsFeed(Feed):
    """The newest rounds, statements and events, by when they were recorded."""

    feed_type = XMLSafeAtom1Feed

    def title(self):
        return gettext("Astana Process Tracker: new rounds, statements and events")

    def subtitle(self):
        return gettext(
            "Curated records of the Astana process on Syria, newest first, with sources."
        )

    def link(self):
        return reverse("dashboard:home")

    def feed_url(self):
        return reverse("dashboard:feed-atom")

    def items(self):
        return selectors.feed_items(limit=FEED_ITEMS)

    def item_title(self, item):
        if isinstance(item, Statement):
            return gettext("Statement: %(title)s") % {"title": item.title}
        overdue = f" ({gettext(OVERDUE_LABEL).lower()})" if item.is_overdue() else ""
        if isinstance(item, Round):
            return (
                gettext("Round %(number)s: %(name)s") % {"number": item.number, "name": item.name}
                + overdue
            )
        return gettext("Event: %(title)s") % {"title": item.title} + overdue

    def item_description(self, item):
        if isinstance(item, Round):
            dates = date_span(item.start_date, item.end_date)
            return f"{item.city}, {dates}. " + "; ".join(item.outcomes or [])
        if isinstance(item, Statement):
            return f"{item.get_kind_display()}, {date_span(item.date, None)}"
        assert isinstance(item, Event)
        dates = date_span(item.start_date, item.end_date)
        return f"{item.get_kind_display()}, {dates}. {item.description}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.modified

    def item_guid(self, item):
        return f"tag:{UID_DOMAIN},2017:{item._meta.model_name}/{item.pk}"

    item_guid_is_permalink = False


def meetings_calendar(request):
    """iCalendar of announced meetings: events still announced, rounds scheduled or postponed,
    and rounds' announced windows. One whose dates have passed without a record of it being
    held says "overdue — not confirmed" (summary, description, ``STATUS:TENTATIVE``).

    Each is an all-day event over its dates or window (DTEND exclusive, per RFC 5545); meetings
    announced without a date are left out, as a calendar entry needs one.
    """
    stamp = timezone.now()
    entries = (
        CalendarEntry(
            uid=meeting.uid,
            summary=meeting.title
            + (f" ({gettext(OVERDUE_LABEL).lower()})" if meeting.overdue else ""),
            start=meeting.start,
            end=meeting.end,
            stamp=stamp,
            description=(
                (
                    gettext("As announced: %(wording)s") % {"wording": meeting.wording}
                    if meeting.window
                    else meeting.wording
                )
                if meeting.wording
                else ""
            )
            + (
                (" · " if meeting.wording else "")
                + gettext("Its dates have passed and nothing records it as held.")
                if meeting.overdue
                else ""
            ),
            status="TENTATIVE" if meeting.overdue else None,
            location=meeting.place or None,
            url=request.build_absolute_uri(meeting.url),
        )
        for meeting in selectors.announced_meetings()
        if meeting.start is not None
    )
    body = calendar_ics(
        name=gettext("Astana process: announced meetings"),
        product="announced meetings",
        entries=entries,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="astana-meetings.ics"'
    return response


def rounds_calendar(request):
    """iCalendar of the numbered rounds themselves: every round with dates, held ones
    ``CONFIRMED``, scheduled or postponed ones ``TENTATIVE`` (and said to be overdue when their
    dates have passed without a record of them being held), linked to each round's page."""
    stamp = timezone.now()
    entries = (
        CalendarEntry(
            uid=f"round-{rnd.number}",
            summary=gettext("Round %(number)s: %(name)s") % {"number": rnd.number, "name": rnd.name}
            + (f" ({rnd.status_label.lower()})" if rnd.status != "held" else ""),
            start=rnd.start_date,
            end=rnd.end_date,
            stamp=stamp,
            description=rnd.status_label,
            status="CONFIRMED" if rnd.status == "held" else "TENTATIVE",
            location=rnd.city or None,
            categories=[gettext("Astana format round")],
            url=request.build_absolute_uri(rnd.get_absolute_url()),
        )
        for rnd in round_list()
        if rnd.start_date is not None
    )
    body = calendar_ics(name=gettext("Astana process: rounds"), product="rounds", entries=entries)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="astana-rounds.ics"'
    return response
