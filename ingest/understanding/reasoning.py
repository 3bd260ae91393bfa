"""Reasoning over the candidates of a whole text: which meetings are not rounds (negative
knowledge), what the curated calendar settles (dates, years), and how far the text itself
supports each meeting (confidence and its reason)."""

from __future__ import annotations

from .candidates import _Candidate
from .gazetteer import BY_NAME
from .meeting_words import (
    _BILATERAL,
    _FORMAT_VENUES,
    _HEADS_OF_STATE,
    _OTHER_BODY,
    _PRECISION_RANK,
    OTHER,
    ROUND,
    SUMMIT,
)
from .round_calendar import RoundCalendar


def _classify(m: _Candidate, folded: str) -> None:
    """Negative knowledge: which meetings are not rounds of the Astana format."""
    s = m.sentence
    if m.generic and not m.number and m.kind in (ROUND, OTHER):
        around = folded[max(s.start, m.start_pos - 25) : min(s.end, m.end_pos + 25)]
        if _BILATERAL.search(around):
            m.bilateral = True
            return
    if m.kind != ROUND or m.number:
        return
    near = folded[max(s.start, m.start_pos - 60) : min(s.end, m.end_pos + 60)]
    elsewhere = (
        m.place and m.place not in _FORMAT_VENUES and BY_NAME[m.place].country != "Kazakhstan"
    )
    if elsewhere or _OTHER_BODY.search(near):
        m.kind = OTHER
    elif m.generic and _HEADS_OF_STATE.search(folded, s.start, s.end):
        m.kind = SUMMIT


def _dates_from_calendar(m: _Candidate, calendar: RoundCalendar, published) -> None:
    """Calendar reasoning for a held round the text numbers.

    With no date in the text, the round's dates are the curated ones. A relative date ("today",
    a filing date, "on Monday") that falls inside the curated span stands for the whole round.
    A day and month whose year was inferred, and which fall on the curated days of another
    year, take the curated year. A stated date that contradicts the curated one is kept as the
    text has it: linking turns the contradiction into a suggestion, never a silent override.
    """
    known = calendar.get(m.number)
    if known is None:
        return
    if m.start is None and m.status_guessed:
        return  # nothing says the text reports it held: the calendar's dates would be a guess
    if m.start is None:
        m.start, m.end = known.start, known.end
        m.from_calendar = True
        return
    # A round dated "today" (or by a filing date) inside its curated span is the whole round,
    # also when a session of it ("consultations on 21 December") gave a day of its own.
    relative = m.precise == _PRECISION_RANK["relative"] or m.relative_day
    if relative and known.start <= m.start <= known.end:
        m.start, m.end = known.start, known.end
        m.from_calendar = True
        return
    if not m.year_explicit:
        _year_from_calendar(m, calendar)


def _year_from_calendar(m: _Candidate, calendar: RoundCalendar, slack_days: int = 15) -> None:
    """A day and month whose year was inferred take the year of the numbered round's curated
    dates when they fall within ``slack_days`` of them in that year."""
    known = calendar.get(m.number)
    if known is None or m.start.year == known.start.year:
        return
    try:
        shifted = m.start.replace(year=known.start.year)
        shifted_end = m.end.replace(year=known.start.year + (m.end.year - m.start.year))
    except ValueError:
        return
    if abs((shifted - known.start).days) <= slack_days:
        m.start, m.end = shifted, shifted_end


def _confidence(m: _Candidate) -> tuple[float, str]:
    """How far the text itself supports the meeting, from 0 to 1, and why.

    Stated facts weigh most (a number, exact days, a venue named in the text); facts inferred
    from the curated calendar or the publication date weigh little; a meeting named only by a
    verb or a generic noun ("talks", "meeting") weighs less than a specific one.
    """
    score, why = 0.4, []
    if m.number:
        score += 0.25 if m.number_stated else 0.1
        why.append("number stated" if m.number_stated else "number inferred")
    if m.start:
        if m.from_calendar:
            score += 0.05
            why.append("dates from the curated calendar")
        elif m.from_publication:
            why.append("dated by the publication day")
        else:
            score += {2: 0.2, 1: 0.1, 0: 0.1}[m.precise]
            why.append({2: "days stated", 1: "relative day", 0: "period stated"}[m.precise])
    if m.place:
        score += 0.1 if m.place_stated else 0.03
        why.append("venue stated" if m.place_stated else "venue inferred")
    if m.verb:
        score -= 0.15
        why.append("named only by a verb")
    elif not m.generic:
        score += 0.1
        why.append("named by its own noun")
    return round(min(0.99, max(0.05, score)), 2), "; ".join(why)
