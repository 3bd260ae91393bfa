"""The calendar of rounds already known to the caller, as an optional hint for the extractor.

The package holds no copy of the rounds: the caller passes the curated rounds it trusts as a
sequence of :class:`KnownRound` (``understand(..., calendar=rounds)``). An empty calendar is
valid and the extractor then works from the text alone.

The calendar is a fallback, never an override. With it the extractor can number a held meeting
whose text gives dates but no number ("the May 4 meeting on Syria in Astana" is round 4), place
a numbered held round whose text names no city, date a numbered round reported within a month
of its end, and tell whether a numbered round was already held when the article appeared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import canonical_name


@dataclass(frozen=True, slots=True)
class KnownRound:
    """One round of the Astana format as the caller's curated data records it.

    ``city`` is any name the gazetteer knows ("Astana", "Nur-Sultan", "Sochi"); it is reported
    under the gazetteer's canonical name.
    """

    number: int
    start: dt.date
    end: dt.date
    city: str | None = None


class RoundCalendar:
    """Look-ups over a sequence of :class:`KnownRound`, ordered by number."""

    def __init__(self, rounds: Sequence[KnownRound] = ()) -> None:
        self.rounds = tuple(sorted(rounds, key=lambda r: r.number))
        self._by_number = {r.number: r for r in self.rounds}

    def __bool__(self) -> bool:
        return bool(self.rounds)

    def get(self, number: int | None) -> KnownRound | None:
        return self._by_number.get(number) if number else None

    def city(self, number: int | None) -> str | None:
        known = self.get(number)
        if known is None or not known.city:
            return None
        return canonical_name(known.city) or known.city

    def round_on(self, start: dt.date, end: dt.date) -> int | None:
        """The number of the round whose dates overlap ``start``..``end``, if exactly one does."""
        hits = [r.number for r in self.rounds if start <= r.end and r.start <= end]
        return hits[0] if len(hits) == 1 else None

    def last_round_before(self, day: dt.date) -> int | None:
        """The number of the last round that ended on or before ``day``."""
        done = [r.number for r in self.rounds if r.end <= day]
        return max(done) if done else None

    def round_near(self, day: dt.date, within_days: int = 7) -> KnownRound | None:
        """The round under way on ``day`` or ended at most ``within_days`` before it."""
        hits = [r for r in self.rounds if r.start <= day and (day - r.end).days <= within_days]
        return hits[-1] if hits else None


_RELATIVE_DAY = re.compile(
    r"(?<!\w)(?:(?P<today>today|сегодня\w*|bug[üu]n\w*|اليوم)|(?P<yesterday>yesterday|вчера\w*|"
    r"d[üu]n|امس|الامس)|(?P<tomorrow>tomorrow|завтра\w*|yar[ıi]n|غدا))(?!\w)"
)
_CLOSING = re.compile(
    r"(?<!\w)(?:last\s+day|closing|ended|ends|concluded|wrapped\s+up|заверш\w*|последн\w+\s+д\w+|"
    r"son\s+g[üu]n\w*|sona\s+er\w*|tamamlan\w*|اختتم\w*|ختام\w*|اليوم\s+الاخير)(?!\w)"
)


def publication_from_calendar(
    folded: str,
    spans: Sequence[tuple[int, int]],
    numbers: Sequence[tuple[int, int]],
    calendar: RoundCalendar,
) -> dt.date | None:
    """The day an undated text was written, when it says that a round the calendar knows
    takes place "today", began "yesterday" or opens "tomorrow".

    ``spans`` are the sentences (start, end) of ``folded``; ``numbers`` are (round number,
    offset) of the rounds the text names. "Began yesterday" is the day after the round opened;
    "today" is its last day when the sentence speaks of closing, else its first day.
    """
    for number, at in numbers:
        known = calendar.get(number)
        if known is None:
            continue
        for start, end in spans:
            if not start <= at < end:
                continue
            match = _RELATIVE_DAY.search(folded, start, end)
            if match is None:
                break
            if match.group("yesterday"):
                return known.start + dt.timedelta(days=1)
            if match.group("tomorrow"):
                return known.start - dt.timedelta(days=1)
            return known.end if _CLOSING.search(folded, start, end) else known.start
    return None
