"""Meeting candidates within one sentence: the nouns that name meetings ("triggers"), the dates
and venues attached to them, their status (held or announced) from dates and wording, and the
merging of candidates that describe the same event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import FUTURE, PAST, DateMention
from .gazetteer import BY_NAME, Mention
from .meeting_words import (
    _ASTANA_CONTEXT,
    _FUTURE_CUE,
    _GENERIC_MEETING,
    _GENERIC_ROUND,
    _GENERIC_TALKS,
    _GROUP,
    _GUARANTOR_NAMES,
    _LOCATIVE_BEFORE,
    _MEET_VERB,
    _NEGATIVE,
    _NEXT,
    _NEXT_AFTER,
    _PASSIVE_FUTURE,
    _PAST_CUE,
    _POSTPONED,
    _PRECISION_RANK,
    _PROCESS_AFTER,
    _PROCESS_BEFORE,
    _RELATIONAL,
    _SPECIFIC_RE,
    _TR_LOCATIVE,
    ANNOUNCED,
    CONGRESS,
    HELD,
    OTHER,
    PREPARATORY,
    ROUND,
    SUMMIT,
)
from .ordinals import RoundMention
from .round_calendar import RoundCalendar
from .sentences import Sentence


@dataclass
class _Candidate:
    kind: str
    start_pos: int
    end_pos: int
    sentence: Sentence
    generic: bool = False
    number: int | None = None
    is_next: bool = False
    place: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    precise: int = 0  # 2: a stated day, 1: a relative day ("Friday"), 0: a window
    status: str = HELD
    quote: str = ""
    quote_rank: int = 0
    verb: bool = False  # named only by a verb ("will meet again")
    year_explicit: bool = True  # False when the year of the dates was inferred
    past_wording: bool = False  # the nearest wording to the noun is in the past
    from_calendar: bool = False  # dates taken from the curated calendar
    bilateral: bool = False  # talks of two states, not a meeting of the process
    date_span: tuple[int, int] | None = None  # where the chosen date stands in the text
    status_guessed: bool = False  # held only because nothing said otherwise
    relative_day: bool = False  # the meeting noun itself was dated "today", "on Monday"
    number_stated: bool = False  # the text states the round's number
    place_stated: bool = False  # the text names the venue
    from_publication: bool = False  # dated by the publication day alone
    number_from_dates: bool = False  # numbered by the calendar's round on its dates


def _cues(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """The future and past wording in ``text[lo:hi]`` as (start, end, FUTURE or PAST), future
    first; a participle after a future auxiliary ("will be held") is not past wording."""
    hi = len(text) if hi is None else hi
    cues = [(m.start(), m.end(), FUTURE) for m in _FUTURE_CUE.finditer(text, lo, hi)]
    cues += [
        (m.start(), m.end(), PAST)
        for m in _PAST_CUE.finditer(text, lo, hi)
        if not _PASSIVE_FUTURE.search(text, max(0, m.start() - 16), m.start())
    ]
    return cues


def _tense_near(local: str):
    """A function giving, for a span of ``local`` (one sentence), the tense of the future or
    past wording nearest to it: "Ağustos ayında yapılan" is past even in a sentence that also
    says what will be written."""
    cues = _cues(local)

    def tense(start: int, end: int) -> str | None:
        if not cues:
            return None
        return min(cues, key=lambda c: (_gap(c[0], c[1], start, end), c[2] != FUTURE))[2]

    return tense


def _is_venue(mention: Mention, folded: str) -> bool:
    entry = mention.entry
    if entry.category not in ("city", "country") or entry.country == "Syria":
        return False
    if entry.name == "Syria":
        return False
    after = folded[mention.end : mention.end + 20]
    before = folded[max(0, mention.start - 25) : mention.start]
    surface = folded[mention.start : mention.end]
    if _PROCESS_AFTER.match(after) or _PROCESS_BEFORE.search(before):
        return False
    if _LOCATIVE_BEFORE.search(before) or _TR_LOCATIVE.search(surface):
        return True
    return surface.startswith(("ب", "وب", "فب")) and not entry.name.startswith("B")


def _gap(a_start, a_end, b_start, b_end) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def _meeting_group(local: str, mentions: list[Mention], sentence: Sentence) -> bool:
    """True when the sentence says who meets: delegations, the sides, the guarantors, or the
    three guarantor countries (two of them meeting is a bilateral meeting, not a round)."""
    if _GROUP.search(local):
        return True
    named = {
        m.entry.name
        for m in mentions
        if sentence.start <= m.start < sentence.end and m.entry.name in _GUARANTOR_NAMES
    }
    return len(named) == len(_GUARANTOR_NAMES)


def _triggers(
    sentence: Sentence, folded: str, rounds: list[RoundMention], mentions: list[Mention] = ()
) -> list[_Candidate]:
    local = folded[sentence.start : sentence.end]
    base = sentence.start
    blocked = [(m.start() + base, m.end() + base) for m in _NEGATIVE.finditer(local)]
    found: list[_Candidate] = []

    def free(start, end):
        return not any(s < end and start < e for s, e in blocked) and not any(
            c.start_pos < end and start < c.end_pos for c in found
        )

    for mention in rounds:
        if sentence.start <= mention.start < sentence.end and free(mention.start, mention.end):
            found.append(
                _Candidate(
                    ROUND,
                    mention.start,
                    mention.end,
                    sentence,
                    number=mention.number,
                    number_stated=True,
                )
            )
    for kind, pattern in _SPECIFIC_RE:
        for match in pattern.finditer(local):
            start, end = match.start() + base, match.end() + base
            if free(start, end):
                found.append(_Candidate(kind, start, end, sentence))
    astana_context = bool(_ASTANA_CONTEXT.search(local))
    for pattern, kind in (
        (_GENERIC_ROUND, ROUND),
        (_GENERIC_TALKS, ROUND if astana_context else OTHER),
        (_GENERIC_MEETING, ROUND if astana_context else OTHER),
    ):
        for match in pattern.finditer(local):
            start, end = match.start() + base, match.end() + base
            if free(start, end):
                found.append(_Candidate(kind, start, end, sentence, generic=True))
    if not found and _meeting_group(local, mentions, sentence):
        for match in _MEET_VERB.finditer(local):
            start, end = match.start() + base, match.end() + base
            if free(start, end):
                found.append(_Candidate(ROUND, start, end, sentence, generic=True, verb=True))
    for candidate in found:
        before = folded[max(sentence.start, candidate.start_pos - 40) : candidate.start_pos]
        after = folded[candidate.end_pos : min(sentence.end, candidate.end_pos + 30)]
        candidate.is_next = bool(_NEXT.search(before) or _NEXT_AFTER.match(after))
    found.sort(key=lambda c: c.start_pos)
    return found


def _attach(candidates, items, span_of, max_gap, cost=None):
    """Attach each item to the candidate of lowest ``cost`` (default: distance in characters)
    among those within ``max_gap`` characters."""
    pairs = []
    for item in items:
        start, end = span_of(item)
        near = [c for c in candidates if _gap(c.start_pos, c.end_pos, start, end) <= max_gap]
        if not near:
            continue
        if cost is None:
            best = min(near, key=lambda c: _gap(c.start_pos, c.end_pos, start, end))
        else:
            best = min(near, key=lambda c: cost(c, item))
        pairs.append((best, item))
    return pairs


def _date_cost(folded: str, language: str | None, triggers: list[_Candidate]):
    """How unlikely it is that a date describes a meeting noun, in characters.

    The distance between them, plus: a relational word between them ("before the Congress",
    "перед Конгрессом", "Kongre'den önce", "قبل المؤتمر") says the date belongs to another
    meeting; another meeting noun between them says the same, more weakly; and outside Turkish
    a date usually follows its noun ("meeting on January 19-20", "совещание 19-20 января",
    "اجتماع يومي 19 و20"), so a date before the noun costs a little more.
    """

    def cost(trigger: _Candidate, date: DateMention) -> int:
        gap = _gap(trigger.start_pos, trigger.end_pos, date.span_start, date.span_end)
        date_first = date.span_end <= trigger.start_pos
        lo, hi = (
            (date.span_end, trigger.start_pos) if date_first else (trigger.end_pos, date.span_start)
        )
        between = folded[lo:hi] if lo < hi else ""
        total = gap
        if _RELATIONAL.search(between):
            total += 100
        if any(
            lo <= other.start_pos and other.end_pos <= hi and not other.generic
            for other in triggers
            if other is not trigger
        ):
            total += 40
        if date_first and language != "tr":
            total += 30
        return total

    return cost


def _nearest_cue(candidate: _Candidate, folded: str) -> tuple[str | None, int]:
    """ANNOUNCED or HELD from the future or past wording nearest the meeting noun (within 90
    characters, same sentence) and its distance, or (None, 0)."""
    s = candidate.sentence
    lo = max(s.start, candidate.start_pos - 90)
    hi = min(s.end, candidate.end_pos + 90)
    best, best_gap = None, None
    for start, end, tense in _cues(folded, lo, hi):
        gap = _gap(candidate.start_pos, candidate.end_pos, start, end)
        if best_gap is None or gap < best_gap:
            best, best_gap = (ANNOUNCED if tense == FUTURE else HELD), gap
    return best, best_gap or 0


def _nearest_tense(candidate: _Candidate, folded: str) -> str | None:
    return _nearest_cue(candidate, folded)[0]


# Future wording this close to the meeting noun ("Astana will host the 20th meeting") outweighs
# a stated date that lies before publication (a misstated year, a page re-dated later), when
# nothing in the sentence is worded in the past.
_STRONG_CUE_GAP = 30


def _status(
    candidate: _Candidate,
    folded: str,
    published: dt.date | None,
    calendar: RoundCalendar,
    cue: tuple[str | None, int] | None = None,
) -> str:
    """HELD or ANNOUNCED; ``cue`` is :func:`_nearest_cue` of the candidate when the caller has
    it already."""
    s = candidate.sentence
    if _POSTPONED.search(folded, s.start, s.end):
        return ANNOUNCED
    tense, gap = cue if cue is not None else _nearest_cue(candidate, folded)
    if candidate.start and candidate.end and published:
        window = candidate.precise == _PRECISION_RANK["window"]
        if candidate.start > published:
            return ANNOUNCED
        if candidate.end < published:
            if (
                tense == ANNOUNCED
                and candidate.year_explicit
                and gap <= _STRONG_CUE_GAP
                and not _PAST_CUE.search(folded, s.start, s.end)
            ):
                return ANNOUNCED
            return HELD
        if not window and candidate.start < published:
            return HELD  # begun before publication: under way or just ended
        # The meeting starts on the publication day, or a window includes it ("in the first
        # half of the year"): the wording decides.
        if tense:
            return tense
        if not window:
            return HELD
    if candidate.is_next:
        return ANNOUNCED
    if tense:
        return tense
    if candidate.date_span:
        # No wording near the noun: the verb nearest the meeting's date ("consultations,
        # with the participation of ..., will be held on August 1").
        lo, hi = candidate.date_span
        by_date = _tense_near(folded[s.start : s.end])(lo - s.start, hi - s.start)
        if by_date:
            return ANNOUNCED if by_date == FUTURE else HELD
    if candidate.number and published and calendar:
        known = calendar.get(candidate.number)
        if known:
            return HELD if known.start <= published else ANNOUNCED
        last = calendar.last_round_before(published)
        if last and candidate.number > last:
            return ANNOUNCED
    candidate.status_guessed = True  # nothing in the text or the calendar says which
    return HELD


def _within(city: str, country: str) -> bool:
    """True when ``city`` lies in ``country`` ("Astana" in "Kazakhstan")."""
    return BY_NAME[city].country == country


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    if a.status != b.status:
        return False
    if a.kind != b.kind and not (
        {a.kind, b.kind} == {ROUND, OTHER} and (a.generic or b.generic) and (a.number or b.number)
    ):
        return False
    if a.number and b.number and a.number != b.number:
        return False
    if (
        a.place
        and b.place
        and a.place != b.place
        and not (_within(a.place, b.place) or _within(b.place, a.place))
    ):
        return False
    if a.start and b.start and (a.start > b.end or b.start > a.end):
        return False
    if a.number and a.number == b.number:
        return True
    if a.kind in (CONGRESS, PREPARATORY, SUMMIT) and a.kind == b.kind:
        return True
    if a.start and b.start:
        return True
    if a.kind == ROUND and b.kind == ROUND:
        return True
    return bool(a.place and a.place == b.place and (a.start or b.start or a.number or b.number))


def _merge_into(target: _Candidate, other: _Candidate) -> None:
    if other.kind != target.kind and other.kind != OTHER:
        target.kind = other.kind
    target.generic = target.generic and other.generic
    # The merged number comes from the calendar only if no part of the event gave it otherwise.
    target.number_from_dates = (target.number_from_dates or not target.number) and (
        other.number_from_dates or not other.number
    )
    target.number = target.number or other.number
    if not target.place or (other.place and _within(other.place, target.place)):
        target.place = other.place or target.place
    if other.start and (not target.start or other.precise > target.precise):
        target.start, target.end, target.precise = other.start, other.end, other.precise
        target.year_explicit = other.year_explicit
    target.past_wording = target.past_wording or other.past_wording
    target.status_guessed = target.status_guessed and other.status_guessed
    target.relative_day = target.relative_day or other.relative_day
    target.number_stated = target.number_stated or other.number_stated
    target.place_stated = target.place_stated or other.place_stated
    target.from_calendar = target.from_calendar and other.from_calendar
    if other.quote_rank > target.quote_rank:
        target.quote, target.quote_rank = other.quote, other.quote_rank


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    merged: list[_Candidate] = []
    for candidate in candidates:
        for existing in merged:
            if _compatible(existing, candidate):
                _merge_into(existing, candidate)
                break
        else:
            merged.append(candidate)
    return merged
