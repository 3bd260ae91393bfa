"""Meetings held and announced: rounds, the Sochi congress, preparatory meetings, summits,
working-group sessions and other meetings (foreign ministers, experts, consultations).

Each sentence is read on its own. Meeting nouns ("triggers") are found first; every date and
every venue ("in Sochi", "в Астане", "Astana'da", "في أستانا") in the sentence is attached to
the nearest trigger. A trigger becomes a meeting when it carries a date, a venue or a round
number. Status is ``announced`` when the meeting's dates lie after the publication date (or,
without dates, when the wording is future: "will hold", "состоится", "yapılacak", "ستعقد",
"next round"), else ``held``. Meetings that describe the same event are merged; the quote is
the sentence that gave the most specific fact (its date, else its number, else its place).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

from .candidates import (
    _attach,
    _Candidate,
    _date_cost,
    _is_venue,
    _merge,
    _nearest_cue,
    _nearest_tense,
    _status,
    _tense_near,
    _triggers,
)
from .dates import FUTURE, find_dates
from .gazetteer import BY_NAME, Mention
from .meeting_words import (
    _BLOCK_AFTER_DATE,
    _BLOCK_BEFORE_DATE,
    _EVENT_BEFORE_DATE,
    _MAX_DATE_GAP,
    _MAX_VENUE_GAP,
    _NEW_DATE_BEFORE,
    _OTHER_EVENT,
    _POSTPONED,
    _PRECISION_RANK,
    _REPORTED_ON,
    ANNOUNCED,
    HELD,
    OTHER,
    ROUND,
)
from .ordinals import RoundMention
from .reasoning import _classify, _confidence, _dates_from_calendar, _year_from_calendar
from .round_calendar import RoundCalendar
from .sentences import Sentence
from .wire import find_dateline_place, wire_header_span


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting the text reports as held or announces, with the sentence it came from."""

    kind: str
    round_number: int | None
    place: str | None
    start: dt.date | None
    end: dt.date | None
    status: str
    quote: str
    confidence: float = 0.5
    reason: str = ""
    # Recalled in passing: a held meeting long before publication that only the calendar
    # numbers ("eleven meetings were held, one of them in Sochi last July"). Its number is
    # not one the article states or implies, so it is kept off the article's round numbers.
    in_passing: bool = dataclasses.field(default=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "round_number": self.round_number,
            "place": self.place,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "status": self.status,
            "quote": self.quote,
            "confidence": self.confidence,
            "reason": self.reason,
        }


def extract_meetings(
    text: str,
    folded: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    rounds: list[RoundMention],
    *,
    published: dt.date | None,
    ref_year: int | None,
    calendar: RoundCalendar | None = None,
    language: str | None = None,
) -> list[Meeting]:
    """Meetings held and announced in ``text`` (see the module docstring for the method)."""
    calendar = calendar or RoundCalendar()
    candidates: list[_Candidate] = []
    previous_month: tuple[int, int] | None = None
    previous_day: dt.date | None = None
    header_start, header_end = wire_header_span(text)
    header_dates = (
        [
            d
            for d in find_dates(
                folded[header_start:header_end],
                published=published,
                ref_year=ref_year,
                offset=header_start,
            )
            if d.precision == "day"
        ]
        if header_end
        else []
    )
    # "Today" in a wire story is the day it was filed, which its header states.
    anchor = header_dates[-1].start if header_dates else published
    lead_seen = False
    # Announced meetings without a date in the sentence just read, which the next sentence
    # may date ("... may come to Astana for the talks. 'We expect them in mid-December.'").
    undated_announced: list[_Candidate] = []
    mentions = sorted(mentions, key=lambda m: m.start)
    rounds = sorted(rounds, key=lambda r: r.start)
    mention_starts = [m.start for m in mentions]
    round_starts = [r.start for r in rounds]
    for sentence in sentences:
        local = folded[sentence.start : sentence.end]
        is_lead = not lead_seen and sentence.end > header_end
        if sentence.end > header_end:
            lead_seen = True
        # The names and round numbers of this sentence only: scanning all of them for every
        # sentence would make a long text quadratic.
        in_sentence = mentions[
            bisect_left(mention_starts, sentence.start) : bisect_left(mention_starts, sentence.end)
        ]
        rounds_here = rounds[
            bisect_left(round_starts, sentence.start) : bisect_left(round_starts, sentence.end)
        ]
        triggers = _triggers(sentence, folded, rounds_here, in_sentence)
        if not triggers:
            if len({c.kind for c in undated_announced}) == 1:
                # One meeting, however many nouns name it ("the next round of the talks").
                _date_from_next_sentence(
                    undated_announced, sentence, folded, published=anchor, ref_year=ref_year
                )
            undated_announced = []
            continue
        dates = find_dates(
            local,
            published=anchor,
            tense=_tense_near(local),
            ref_year=ref_year,
            offset=sentence.start,
            previous_month=previous_month,
            previous_day=previous_day,
        )
        if header_end:
            # The header's date is the filing date: drop it here, and give it below to a held
            # meeting of the lead sentence only if that sentence gives no date of its own.
            dates = [d for d in dates if not header_start <= d.span_start < header_end]
        if dates:
            previous_month = (dates[-1].end.year, dates[-1].end.month)
            exact = [d for d in dates if d.precision == "day" and d.start == d.end]
            previous_day = exact[-1].start if exact else previous_day
        if _POSTPONED.search(local):
            dates = [
                d
                for d in dates
                if _NEW_DATE_BEFORE.search(folded[max(0, d.span_start - 12) : d.span_start])
            ]
        if any(d.precision == "day" for d in dates):
            # An explicit date beats "Friday" or "today" in the same sentence.
            dates = [d for d in dates if d.precision != "relative"]
        usable_dates = [
            d
            for d in dates
            if not _BLOCK_AFTER_DATE.match(folded[d.span_end : d.span_end + 20])
            and not _BLOCK_BEFORE_DATE.search(folded[max(0, d.span_start - 12) : d.span_start])
            and not _EVENT_BEFORE_DATE.search(folded[max(0, d.span_start - 60) : d.span_start])
            and not _REPORTED_ON.search(
                folded[max(sentence.start, d.span_start - 120) : d.span_start]
            )
        ]
        undated_announced = []
        date_cost = _date_cost(folded, language, triggers)
        for trigger, date in _attach(
            triggers, usable_dates, lambda d: (d.span_start, d.span_end), _MAX_DATE_GAP, date_cost
        ):
            if trigger.is_next and published and date.end <= published:
                continue  # the day it was announced, not the day the next meeting meets
            trigger.dates.append(date)
        if is_lead and header_dates and not usable_dates:
            for trigger in triggers:
                if (
                    trigger.kind in (ROUND, OTHER)
                    and not trigger.is_next
                    and not _POSTPONED.search(local)
                    and _nearest_tense(trigger, folded) != ANNOUNCED
                ):
                    # The filing date says "today", not which days the meeting ran.
                    trigger.dates.append(
                        dataclasses.replace(header_dates[-1], precision="relative")
                    )
                    break
        venues = [m for m in in_sentence if _is_venue(m, folded)]
        for trigger, venue in _attach(triggers, venues, lambda m: (m.start, m.end), _MAX_VENUE_GAP):
            if trigger.place is None or (
                trigger.place
                and venue.entry.category == "city"
                and trigger.place != venue.entry.name
                and BY_NAME[trigger.place].category == "country"
            ):
                trigger.place = venue.entry.name
                trigger.place_stated = True
        for trigger in triggers:
            if trigger.dates:
                # The likeliest date wins; an exact day beats a vague window.
                exact = [d for d in trigger.dates if d.precision != "window"] or trigger.dates
                nearest = min(exact, key=lambda d: date_cost(trigger, d))
                trigger.start, trigger.end = nearest.start, nearest.end
                trigger.precise = _PRECISION_RANK[nearest.precision]
                trigger.date_span = (nearest.span_start, nearest.span_end)
                trigger.relative_day = nearest.precision == "relative"
                trigger.year_explicit = nearest.year_explicit
            if not (trigger.start or trigger.place or trigger.number or trigger.is_next):
                continue
            if (
                trigger.generic
                and trigger.kind != ROUND
                and not (trigger.start or trigger.place or trigger.number)
            ):
                continue
            cue = _nearest_cue(trigger, folded)  # read once, for the status and the wording
            trigger.status = _status(trigger, folded, published, calendar, cue)
            trigger.past_wording = cue[0] == HELD
            trigger.quote = sentence.text
            trigger.quote_rank = 3 if trigger.start else (2 if trigger.number else 1)
            candidates.append(trigger)
            if trigger.status == ANNOUNCED and not trigger.start and trigger.kind != OTHER:
                undated_announced.append(trigger)
        if _POSTPONED.search(local):
            undated_announced = []
    return _finish(candidates, text, folded, published, calendar)


def _date_from_next_sentence(
    meeting: list[_Candidate],
    sentence: Sentence,
    folded: str,
    *,
    published: dt.date | None,
    ref_year: int | None,
) -> None:
    """Date an announced, undated meeting (the nouns of one sentence that name it) from the
    sentence right after it, when that sentence names no meeting and no other event (a
    ceasefire, a memorandum, a visit, elections) and gives one date still to come: "The
    ministers may come to Astana for the next round. 'We expect them in mid-December.'" A day
    already past, "today" or a second date (which of them?) leave the meeting undated."""
    local = folded[sentence.start : sentence.end]
    if _OTHER_EVENT.search(local) or _REPORTED_ON.search(local):
        return
    dates = [
        d
        for d in find_dates(
            local,
            published=published,
            tense=_tense_near(local),
            ref_year=ref_year,
            offset=sentence.start,
        )
        if d.precision != "relative"
    ]
    if len(dates) != 1:
        return
    date = dates[0]
    if published:
        if date.start <= published:
            return
    elif _tense_near(local)(date.span_start - sentence.start, date.span_end - sentence.start) != (
        FUTURE
    ):
        return
    for candidate in meeting:
        candidate.start, candidate.end = date.start, date.end
        candidate.precise = _PRECISION_RANK[date.precision]
        candidate.date_span = (date.span_start, date.span_end)
        candidate.year_explicit = date.year_explicit


# How long after a meeting an article still reports it as news rather than recalls it.
_RECENT_DAYS = 30


def _finish(
    candidates: list[_Candidate],
    text: str,
    folded: str,
    published: dt.date | None,
    calendar: RoundCalendar,
) -> list[Meeting]:
    for c in candidates:
        _classify(c, folded)
    candidates = [c for c in candidates if not c.bilateral]
    for c in candidates:
        known = calendar.get(c.number) if c.kind == ROUND else None
        if known and published and c.status == HELD and known.start > published:
            # The curated calendar has this round begin after the text was published: the
            # text cannot report it held ("no news yet on holding round 21").
            c.status = ANNOUNCED
    # Number held rounds by their dates, and "next round" by the round just held.
    for c in candidates:
        if c.kind == ROUND and not c.number and c.start and c.status == HELD:
            c.number = calendar.round_on(c.start, c.end)
            c.number_from_dates = bool(c.number)
    held_numbers = [c.number for c in candidates if c.number and c.status == HELD]
    # "The next round" follows the latest round the text reports as held.
    primary = max(held_numbers) if held_numbers else None
    if primary is None and published:
        primary = calendar.last_round_before(published)
    for c in candidates:
        if c.verb and c.status == ANNOUNCED:
            # "The guarantors will meet again in Astana": the next round.
            c.is_next = True
    for c in candidates:
        if c.is_next and c.kind == ROUND and not c.number:
            # "The next round" follows the round held in the same sentence, if any ("round 9
            # was held in May; the next round will be in July"), else the latest held.
            beside = [
                o.number
                for o in candidates
                if o.sentence is c.sentence and o.number and o.status == HELD and o is not c
            ]
            anchor = max(beside) if beside else primary
            if not beside and anchor and published and not (c.start and c.start <= published):
                # Announced at publication, it comes after every round the calendar had held
                # by then, whatever older round the text recalls ("eleven meetings were held,
                # one of them in Sochi last July; the next one is due this month").
                anchor = max(anchor, calendar.last_round_before(published) or 0)
            if anchor:
                c.number = anchor + 1
                c.status = ANNOUNCED
    meetings = _merge(candidates)
    # Consultations or sessions on days of a round the text reports are part of that round's
    # programme ("consultations on August 1, the plenary on August 2"), not other meetings.
    spans = [(m.start, m.end, m.status) for m in meetings if m.kind == ROUND and m.start]
    meetings = [
        m
        for m in meetings
        if not (
            m.kind == OTHER
            and m.start
            and any(a <= m.start and m.end <= b and st == m.status for a, b, st in spans)
        )
    ]
    # A round the text reports as held is not also vaguely announced ("in July"): that
    # announcement was of the round now held. An announcement with its own days stays.
    held_rounds = {m.number for m in meetings if m.kind == ROUND and m.status == HELD and m.number}
    meetings = [
        m
        for m in meetings
        if not (
            m.kind == ROUND
            and m.status == ANNOUNCED
            and m.number in held_rounds
            and m.precise != _PRECISION_RANK["day"]
        )
    ]
    # A dated generic meeting and an undated numbered round held in the same text are one event.
    dated_generic = [
        m for m in meetings if m.generic and m.start and m.status == HELD and not m.number
    ]
    undated_rounds = [
        m for m in meetings if m.kind == ROUND and m.number and not m.start and m.status == HELD
    ]
    if len(undated_rounds) == 1 and len(dated_generic) == 1:
        target = undated_rounds[0]
        target.start, target.end = dated_generic[0].start, dated_generic[0].end
        target.place = target.place or dated_generic[0].place
        if dated_generic[0].quote_rank >= target.quote_rank:
            target.quote = dated_generic[0].quote
        meetings.remove(dated_generic[0])
    dateline = find_dateline_place(text)
    for m in meetings:
        if m.kind == ROUND and m.status == ANNOUNCED and m.start and not m.year_explicit:
            _year_from_calendar(m, calendar)
        if m.kind != ROUND or m.status != HELD:
            continue
        if m.place is None:
            m.place = calendar.city(m.number) or (
                dateline if dateline in ("Astana", "Sochi") else None
            )
        _dates_from_calendar(m, calendar, published)
    if published:
        lead_end = max(400, len(text.split("\n", 3)[0]) + 1)
        for m in meetings:
            if (
                m.status == HELD
                and m.start is None
                and not m.number
                and m.kind in (ROUND, OTHER)
                and m.past_wording
                and text.find(m.quote) < lead_end
            ):
                # A meeting the lead reports as held, without a date: a dated meeting the text
                # reports around publication (the same event), else the round the calendar
                # has under way or just ended, else the publication day.
                if any(
                    o is not m
                    and o.status == HELD
                    and o.start
                    and abs((o.start - published).days) <= 3
                    for o in meetings
                ):
                    continue
                recent = calendar.round_near(published) if m.kind == ROUND else None
                if recent is not None:
                    m.number = recent.number
                    m.start, m.end = recent.start, min(recent.end, published)
                    m.from_calendar = True
                else:
                    m.start = m.end = published
                    m.from_publication = True
    result = []
    for m in meetings:
        if m.status == HELD and not (m.start or m.number):
            # A held meeting known only by its place is too weak to report.
            continue
        if m.status_guessed and not m.start:
            # Neither held nor announced by anything the text says, and undated: the round's
            # number stays in ``round_numbers``, but there is no meeting to report.
            continue
        confidence, reason = _confidence(m)
        in_passing = bool(
            m.number
            and m.number_from_dates
            and published
            and m.end
            and (published - m.end).days > _RECENT_DAYS
        )
        result.append(
            Meeting(
                m.kind,
                m.number,
                m.place,
                m.start,
                m.end,
                m.status,
                m.quote,
                confidence,
                reason,
                in_passing,
            )
        )
    return result
