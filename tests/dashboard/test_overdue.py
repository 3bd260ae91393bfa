"""Status that follows time: a meeting still scheduled or announced after its dates have passed
is shown as "overdue — not confirmed" everywhere, derived on reading (nothing stored changes)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard import selectors
from dashboard.charts.timeline import timeline_figure
from rounds.models import Event, Round
from rounds.models.base import OVERDUE_LABEL, meeting_overdue
from tests.factories import EventFactory, RoundFactory

pytestmark = pytest.mark.django_db

LABEL = "overdue — not confirmed"


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def overdue_round() -> Round:
    """Round 23, accepted as scheduled for dates now months past, never recorded as held."""
    return RoundFactory(
        number=23, name="Astana-23", start_date=_in_days(-200), end_date=_in_days(-199)
    )


def test_overdue_is_pending_status_with_past_dates_only():
    today = datetime.date(2026, 11, 30)
    past, future = datetime.date(2025, 6, 1), datetime.date(2027, 1, 1)
    assert meeting_overdue("scheduled", past, None, today)
    assert meeting_overdue("announced", past, past, today)
    assert not meeting_overdue("held", past, past, today)
    assert not meeting_overdue("postponed", past, past, today)
    assert not meeting_overdue("cancelled", past, past, today)
    assert not meeting_overdue("scheduled", past, future, today)  # still under way
    assert not meeting_overdue("scheduled", today, None, today)
    assert not meeting_overdue("announced", None, None, today)  # undated: nothing passed


def test_the_stored_status_does_not_change(overdue_round):
    assert overdue_round.overdue and overdue_round.status_label == OVERDUE_LABEL
    assert Round.objects.get(number=23).status == "scheduled"


def test_round_and_event_pages_say_overdue(client, overdue_round):
    event = EventFactory(slug="late-talks", start_date=_in_days(-30), end_date=None)
    assert OVERDUE_LABEL in client.get("/rounds/23/").content.decode()
    assert OVERDUE_LABEL in client.get("/rounds/").content.decode()
    assert OVERDUE_LABEL in client.get(event.get_absolute_url()).content.decode()
    assert OVERDUE_LABEL in client.get("/events/").content.decode()


def test_headline_next_meeting_is_the_overdue_round_not_none_announced(client, overdue_round):
    html = client.get("/").content.decode()
    start = html.index("<dt>Next announced meeting</dt>")
    meeting = html[start : html.index("</div>", start)]
    assert 'href="/rounds/23/"' in meeting and LABEL in meeting
    assert "None announced" not in meeting
    assert selectors.headline(today=timezone.localdate()).next_meeting.overdue


def test_a_meeting_ahead_still_wins_over_an_overdue_one(overdue_round):
    RoundFactory(number=24, name="Astana-24", start_date=_in_days(20), end_date=_in_days(21))
    meeting = selectors.headline(today=timezone.localdate()).next_meeting
    assert meeting.uid == "round-24" and not meeting.overdue


def test_chart_draws_the_overdue_round_open_and_says_so(overdue_round):
    event = EventFactory(slug="late-talks", start_date=_in_days(-30), end_date=None)
    data = selectors.timeline()
    rnd = next(r for r in data.rounds if r.number == 23)
    assert rnd.status == LABEL
    assert next(e for e in data.events if e.slug == event.slug).status == LABEL
    assert {r.status for r in data.rounds if r.number != 23} == {"held"}
    trace = timeline_figure(data)["data"][0]
    i = trace["text"].index("23")
    assert trace["marker"]["symbol"][i] == "circle-open"
    assert trace["marker"]["symbol"][0] == "circle"
    assert LABEL in trace["customdata"][i][5]


def test_home_timeline_table_says_overdue(client):
    EventFactory(slug="late-talks", title="Late talks", start_date=_in_days(-30), end_date=None)
    assert "Overdue — not confirmed" in client.get("/").content.decode()


def _vevent(body: str, uid: str) -> str:
    return next(e for e in body.split("BEGIN:VEVENT") if f"UID:{uid}@" in e)


def test_calendar_feed_marks_an_overdue_meeting_tentative(client, overdue_round):
    body = client.get("/feeds/meetings.ics").content.decode().replace("\r\n ", "")
    entry = _vevent(body, "round-23")
    assert f"SUMMARY:Round 23\\, Astana ({LABEL})" in entry
    assert "STATUS:TENTATIVE" in entry and OVERDUE_LABEL in entry


def test_the_2017_meeting_still_announced_is_overdue_in_the_calendar(client):
    late = Event.objects.filter(status="announced", start_date__lt=_in_days(-1)).first()
    if late is None:  # the reference data has one; keep the test meaningful without it
        late = EventFactory(slug="aug-2017", start_date=datetime.date(2017, 8, 1))
    body = client.get("/feeds/meetings.ics").content.decode().replace("\r\n ", "")
    assert f"({LABEL})" in _vevent(body, f"event-{late.slug}")


def test_atom_feed_titles_say_overdue(client, overdue_round):
    body = client.get(reverse("dashboard:feed-atom")).content.decode()
    assert f"Round 23: Astana-23 ({LABEL})" in body


def test_api_serves_the_derived_field_and_marks_ics(api_client, overdue_round):
    body = api_client.get("/api/v1/rounds/23/").json()
    assert (body["status"], body["overdue"], body["status_label"]) == (
        "scheduled",
        True,
        OVERDUE_LABEL,
    )
    held = api_client.get("/api/v1/rounds/8/").json()
    assert (held["overdue"], held["status_label"]) == (False, "Held")
    EventFactory(slug="late-talks", title="Late talks", start_date=_in_days(-30), end_date=None)
    assert api_client.get("/api/v1/events/late-talks/").json()["overdue"] is True
    ics = api_client.get("/api/v1/events/", {"format": "ics", "page_size": 500})
    text = ics.content.decode().replace("\r\n ", "")
    assert f"SUMMARY:Late talks ({LABEL})" in text


def test_the_review_queue_lists_overdue_meetings(analyst_client, overdue_round):
    RoundFactory(number=24, name="Astana-24", start_date=_in_days(20), end_date=_in_days(21))
    url = reverse("admin:rounds_round_changelist")
    page = analyst_client.get(url, {"overdue": "yes"})
    rows = list(page.context["cl"].result_list)
    assert [r.number for r in rows] == [23]
    assert OVERDUE_LABEL in analyst_client.get(url).content.decode()
    events = analyst_client.get(reverse("admin:rounds_event_changelist"), {"overdue": "yes"})
    assert all(e.is_overdue() for e in events.context["cl"].result_list)


def test_the_round_api_serves_its_events_derived_status(api_client, overdue_round):
    EventFactory(slug="late-talks", start_date=_in_days(-30), end_date=None, round=overdue_round)
    events = api_client.get("/api/v1/rounds/23/").json()["events"]
    assert [(e["slug"], e["status"], e["overdue"], e["status_label"]) for e in events] == [
        ("late-talks", "announced", True, OVERDUE_LABEL)
    ]
    held = api_client.get("/api/v1/rounds/8/").json()["events"]
    assert held and not any(e["overdue"] for e in held)


def test_the_round_page_says_why_an_overdue_round_is_not_compared(client, overdue_round):
    html = client.get("/rounds/23/").content.decode()
    assert f"Round 23 is not on record as held ({LABEL})" in html


def test_the_rounds_calendar_says_overdue(client, overdue_round):
    body = client.get("/feeds/rounds.ics").content.decode().replace("\r\n ", "")
    entry = _vevent(body, "round-23")
    assert LABEL in entry and "STATUS:TENTATIVE" in entry


def test_the_headline_takes_the_next_meeting_whatever_its_status(overdue_round):
    # a postponed event ahead is still the next meeting on record
    EventFactory(
        slug="postponed-summit", status="postponed", start_date=_in_days(40), end_date=None
    )
    meeting = selectors.headline(today=timezone.localdate()).next_meeting
    assert meeting.uid == "event-postponed-summit" and not meeting.overdue


def test_the_admin_index_queues_overdue_meetings_for_analysts(analyst_client, overdue_round):
    html = analyst_client.get(reverse("admin:index")).content.decode()
    queue = html[html.index('id="overdue-meetings"') :]
    queue = queue[: queue.index("</div>")]
    rounds_url = reverse("admin:rounds_round_changelist") + "?overdue=yes"
    assert f'<a href="{rounds_url}">1 round</a>' in queue
    # the reference data's Tehran working group of Aug 2017 is still "announced"
    late = Event.objects.filter(status="announced", start_date__lt=_in_days(-1)).count()
    assert late >= 1
    events_url = reverse("admin:rounds_event_changelist") + "?overdue=yes"
    assert f'<a href="{events_url}">{late} event' in queue
