"""Dates, date ranges and vague windows in en/ru/tr/ar.

:func:`find_dates` returns :class:`DateMention` objects with a concrete ``start``/``end``
(a single day has ``start == end``). Vague phrases become windows: "second half of February"
is 16 Feb to the end of February, "autumn 2022" is 1 Sep to 30 Nov 2022, "before the end of
2021" runs from the day after publication to 31 December.

A year left out is inferred from the publication date: the candidate year (previous, same,
next) nearest to it, or, when the sentence's tense is known, the nearest one on the right side
of it (past events on or before publication, announced ones after). Without a publication
date, ``ref_year`` (a year stated elsewhere in the text) is used; without either, the mention
is dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .date_words import (
    _AFTER_BEFORE,
    _AFTER_FOLLOWS,
    _AR_DAY_VALUES,
    _AR_ORDINAL_DAY,
    _DAY_OF_REL_MONTH,
    _DAY_ONLY,
    _DOTTED,
    _ISO,
    _LOCAL_FUTURE,
    _LOCAL_PAST,
    _MONTH_ALONE,
    _MONTH_RES,
    _MONTH_YEAR,
    _NEXT_MONTH,
    _NUMERIC,
    _PART_WINDOW,
    _RANGE_DM,
    _RANGE_MD,
    _RELATIVE,
    _RU_DAY_ONLY,
    _SAME_DAY,
    _SEASON,
    _SINGLE_DM,
    _SINGLE_MD,
    _THIS_YEAR,
    _TR_PART_REL_MONTH,
    _TR_PART_WINDOW,
    _WEEK,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR_END,
)

PAST = "past"
FUTURE = "future"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date or window and the span (offsets in the text) it was read from."""

    start: dt.date
    end: dt.date
    span_start: int
    span_end: int
    precision: str  # "day" (a day or a range of days), "window" (vague), "relative"
    year_explicit: bool


def month_number(token: str) -> int:
    for number, pattern in _MONTH_RES:
        if pattern.match(token):
            return number
    raise ValueError(token)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1 <= day <= _last_day(year, month):
        return None
    return dt.date(year, month, day)


class _Context:
    def __init__(
        self, published, tense, ref_year, previous_month=None, weekday=None, previous_day=None
    ):
        self.previous_day = previous_day  # the last day the text named, for "the same day"
        self.published = published
        self.tense = tense
        self.ref_year = ref_year
        self.previous_month = previous_month
        self.weekday = weekday  # a weekday stated with the date ("Tuesday, January 30")

    def year_for(self, month: int, day: int, end_month: int | None = None) -> int | None:
        """Infer the year of a month/day written without one.

        A weekday stated with the date picks the year in which that day falls on it, nearest
        the publication date or, without one, the year the text names.
        """
        if self.weekday is not None:
            base = self.published.year if self.published else self.ref_year
            if base is not None:
                fits = [
                    y
                    for y in sorted(range(base - 3, base + 4), key=lambda y: abs(y - base))
                    if (d := _safe_date(y, month, day)) and d.weekday() == self.weekday
                ]
                if fits:
                    return fits[0]
        if self.published is None:
            return self.ref_year
        base = self.published.year
        best, best_key = None, None
        for year in (base - 1, base, base + 1):
            candidate = _safe_date(year, month, min(day, _last_day(year, month)))
            if candidate is None:
                continue
            delta = (candidate - self.published).days
            if self.tense == FUTURE:
                wrong_side = delta < -3
            elif self.tense == PAST:
                wrong_side = delta > 3
            else:
                wrong_side = False
            key = (wrong_side, abs(delta))
            if best_key is None or key < best_key:
                best, best_key = year, key
        return best


def _span_range(y1, m1, d1, y2, m2, d2):
    start = _safe_date(y1, m1, d1)
    end = _safe_date(y2, m2, d2)
    if start is None or end is None or end < start or (end - start).days > 31:
        return None
    return start, end


def _range(match, ctx: _Context):
    d1, d2 = int(match.group("d1")), int(match.group("d2"))
    m2 = month_number(match.group("m2") or match.group("m1"))
    m1 = month_number(match.group("m1")) if match.group("m1") else m2
    year = match.group("y") or match.groupdict().get("y1")
    if year:
        y2 = int(year)
        y1 = y2 - 1 if m1 > m2 else y2
        explicit = True
    else:
        y1 = ctx.year_for(m1, d1)
        if y1 is None:
            return None
        y2 = y1 + 1 if m1 > m2 else y1
        explicit = False
    if d1 >= d2 and m1 == m2:
        return None
    result = _span_range(y1, m1, d1, y2, m2, d2)
    return result and (*result, "day", explicit)


def _single(match, ctx: _Context, day=None, month=None):
    day = day if day is not None else int(match.group("d1"))
    month = month if month is not None else month_number(match.group("m1"))
    year = match.groupdict().get("y")
    explicit = bool(year)
    year = int(year) if year else ctx.year_for(month, day)
    if year is None:
        return None
    date = _safe_date(year, month, day)
    return date and (date, date, "day", explicit)


def _month_window(year, month, part):
    last = _last_day(year, month)
    bounds = {
        "first_half": (1, 15),
        "second_half": (16, last),
        "early": (1, 10),
        "mid": (11, 20),
        "late": (21, last),
        "end": (21, last),
        "last_week": (last - 6, last),
        "first_week": (1, 7),
        "whole": (1, last),
    }[part]
    return dt.date(year, month, bounds[0]), dt.date(year, month, bounds[1])


def _year_window(year, part):
    months = {
        "first_half": (1, 6),
        "second_half": (7, 12),
        "early": (1, 4),
        "mid": (5, 8),
        "late": (9, 12),
        "end": (10, 12),
        "last_week": (12, 12),
        "first_week": (1, 1),
        "whole": (1, 12),
    }[part]
    return dt.date(year, months[0], 1), dt.date(year, months[1], _last_day(year, months[1]))


def _part_name(text: str) -> str:
    checks = (
        ("first_half", r"first\s+half|1st\s+half|перв\w*\s+половин|ilk\s+yar|النصف\s+الاول"),
        ("second_half", r"second|latter|last\s+half|2nd|втор\w*\s+половин|ikinci|النصف\s+الثاني"),
        ("last_week", r"last\s+(?:week|days|ten)|последн|son\s+hafta|الاسبوع\s+الاخير|الثلث"),
        (
            "first_week",
            r"first\s+(?:week|days|ten)|перв\w*\s+(?:недел|декад)|ilk\s+hafta|الاسبوع\s+الاول",
        ),
        ("early", r"early|beginning|start|начал|ba[şs]|اوائل|مطلع|بداية"),
        ("mid", r"mid|middle|середин|orta|اواسط|منتصف"),
        ("late", r"late|конц|sonlar|اواخر"),
        ("end", r"end|sonu|نهاية"),
    )
    for name, pattern in checks:
        if re.search(pattern, text):
            return name
    return "whole"


def _this_or_next_year(text: str, ctx: _Context) -> int | None:
    if ctx.published is None:
        return ctx.ref_year
    if re.search(r"next|следующ|gelecek|المقبل|القادم", text):
        return ctx.published.year + 1
    return ctx.published.year


def _part_window(match, ctx: _Context):
    part = _part_name(match.group("part"))
    if match.group("m1"):
        month = month_number(match.group("m1"))
        year = match.group("y")
        explicit = bool(year)
        year = int(year) if year else ctx.year_for(month, 15)
        if year is None:
            return None
        return (*_month_window(year, month, part), "window", explicit)
    if match.group("y2"):
        return (*_year_window(int(match.group("y2")), part), "window", True)
    if match.groupdict().get("relmonth"):
        return _part_rel_month(match, ctx)
    year = _this_or_next_year(match.group("thisyear"), ctx)
    if year is None:
        return None
    return (*_year_window(year, part), "window", False)


_SEASON_MONTHS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "winter": (12, 14),
}


def _season_name(word: str) -> str:
    for name, pattern in (
        ("spring", r"spring|весн|ilkbahar|ربيع"),
        ("summer", r"summer|лет|yaz|صيف"),
        ("autumn", r"autumn|fall|осен|sonbahar|خريف"),
        ("winter", r"winter|зим|k[ıi][şs]|شتاء"),
    ):
        if re.search(pattern, word):
            return name
    return "autumn"


def _season(match, ctx: _Context):
    word = next(
        match.group(g) for g in ("season", "season2", "season3", "season4") if match.group(g)
    )
    name = _season_name(word)
    year = match.group("y") or match.group("y2")
    explicit = bool(year)
    first, last = _SEASON_MONTHS[name]
    if year:
        year = int(year)
    else:
        year = ctx.year_for(first, 15)
        if year is None:
            return None
    start = dt.date(year, first, 1)
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return start, dt.date(end_year, end_month, _last_day(end_year, end_month)), "window", explicit


def _year_end(match, ctx: _Context):
    year = next((match.group(g) for g in ("y", "y2", "y3", "y4", "y5") if match.group(g)), None)
    explicit = bool(year)
    if year:
        year = int(year)
    elif ctx.published is not None:
        year = ctx.published.year
    else:
        return None
    start = dt.date(year, 1, 1)
    if ctx.published is not None and ctx.published.year == year:
        start = ctx.published + dt.timedelta(days=1)
    end = dt.date(year, 12, 31)
    return (start, end, "window", explicit) if start <= end else None


def _this_year(match, ctx: _Context):
    if ctx.published is None:
        return None
    year = ctx.published.year
    if ctx.tense == FUTURE:
        start = min(ctx.published + dt.timedelta(days=1), dt.date(year, 12, 31))
        return start, dt.date(year, 12, 31), "window", False
    return dt.date(year, 1, 1), ctx.published, "window", False


def _next_month(match, ctx: _Context):
    if ctx.published is None:
        return None
    year, month = ctx.published.year, ctx.published.month + 1
    if month == 13:
        year, month = year + 1, 1
    return (*_month_window(year, month, "whole"), "window", False)


def _month_alone(match, ctx: _Context):
    month = month_number(match.group("m1") or match.group("m2"))
    year = ctx.year_for(month, 15)
    if year is None:
        return None
    return (*_month_window(year, month, "whole"), "window", False)


def _month_year(match, ctx: _Context):
    month = month_number(match.group("m1"))
    return (*_month_window(int(match.group("y")), month, "whole"), "window", True)


def _relative(match, ctx: _Context):
    if ctx.published is None:
        return None
    shift = 0 if match.group("today") else (-1 if match.group("yesterday") else 1)
    day = ctx.published + dt.timedelta(days=shift)
    return day, day, "relative", False


def _weekday(match, ctx: _Context):
    if ctx.published is None:
        return None
    weekday = next(i for i in range(7) if match.group(f"w{i}"))
    if ctx.tense == FUTURE:
        delta = (weekday - ctx.published.weekday()) % 7
    else:
        delta = -((ctx.published.weekday() - weekday) % 7)
    day = ctx.published + dt.timedelta(days=delta)
    return day, day, "relative", False


def _rel_month(word: str | None, ctx: _Context) -> tuple[int, int] | None:
    """(year, month) of "this month" / "next month" from the publication date."""
    if ctx.published is None:
        return None
    year, month = ctx.published.year, ctx.published.month
    if word and re.search(r"next|coming|следующ|будущ|gelecek|[öo]n[üu]m[üu]zdeki|مقبل|قادم", word):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year, month


def _part_rel_month(match, ctx: _Context):
    ym = _rel_month(match.group("relmonth"), ctx)
    if ym is None:
        return None
    return (*_month_window(ym[0], ym[1], _part_name(match.group("part"))), "window", False)


def _day_only(match, ctx: _Context):
    if match.group("relmonth"):
        ym = _rel_month(match.group("relmonth"), ctx)
    elif ctx.previous_month is not None:
        ym = ctx.previous_month
    else:
        return None
    if ym is None:
        return None
    year, month = ym
    d1 = int(match.group("d1"))
    d2 = int(match.group("d2")) if match.group("d2") else d1
    if (
        not match.group("relmonth")
        and ctx.published is not None
        and ctx.tense == FUTURE
        and (year, month) == (ctx.published.year, ctx.published.month)
        and d1 < ctx.published.day
    ):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    start, end = _safe_date(year, month, d1), _safe_date(year, month, d2)
    if start is None or end is None or end < start:
        return None
    return start, end, "day", False


def _same_day(match, ctx: _Context):
    if ctx.previous_day is None:
        return None
    return ctx.previous_day, ctx.previous_day, "day", False


def _week(match, ctx: _Context):
    if ctx.published is None:
        return None
    monday = ctx.published - dt.timedelta(days=ctx.published.weekday())
    if match.group("next"):
        monday += dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=6), "window", False


def _iso(match, ctx: _Context):
    date = _safe_date(int(match.group("y")), int(match.group("mn")), int(match.group("d1")))
    return date and (date, date, "day", True)


def _numeric(match, ctx: _Context):
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    day, month = (b, a) if b > 12 and a <= 12 and not match.group("a2") else (a, b)
    start = _safe_date(year, month, day)
    if start is None:
        return None
    if match.group("a2"):
        end = _safe_date(year, month, int(match.group("a2")))
        if end is None or end <= start:
            return None
        return start, end, "day", True
    return start, start, "day", True


def _ar_ordinal_day(match, ctx: _Context):
    day = _AR_DAY_VALUES.get(re.sub(r"\s+", " ", match.group("dw")))
    if not day:
        return None
    return _single(match, ctx, day=day)


# Order matters only for equal-length overlaps: earlier entries win.
_RULES = (
    (_ISO, _iso),
    (_DOTTED, _iso),
    (_NUMERIC, _numeric),
    (_RANGE_DM, _range),
    (_RANGE_MD, _range),
    (_YEAR_END, _year_end),
    (_PART_WINDOW, _part_window),
    (_TR_PART_WINDOW, _part_window),
    (_TR_PART_REL_MONTH, _part_rel_month),
    (_SEASON, _season),
    (_AR_ORDINAL_DAY, _ar_ordinal_day),
    (_SINGLE_DM, _single),
    (_SINGLE_MD, _single),
    (_MONTH_YEAR, _month_year),
    (_MONTH_ALONE, _month_alone),
    (_THIS_YEAR, _this_year),
    (_NEXT_MONTH, _next_month),
    (_WEEK, _week),
    (_RELATIVE, _relative),
    (_WEEKDAY, _weekday),
    (_SAME_DAY, _same_day),
    (_DAY_OF_REL_MONTH, _day_only),
    (_DAY_ONLY, _day_only),
)


_WEEKDAY_NEAR = re.compile(
    r"(?:" + "|".join(f"(?P<w{i}>{p})" for i, p in enumerate(_WEEKDAYS)) + r")[\s,]*$"
)


def _local_tense(folded: str, start: int, end: int, default):
    """The tense a date takes: a marker beside it ("last", "المقبل"), else ``default`` (a tense,
    or a function of the date's span giving one)."""
    around = folded[max(0, start - 20) : start] + " " + folded[end : end + 20]
    if _LOCAL_PAST.search(around):
        return PAST
    if _LOCAL_FUTURE.search(folded[end : end + 20]) or re.search(
        r"(?:next|coming)\s+$", folded[max(0, start - 12) : start]
    ):
        return FUTURE
    return default(start, end) if callable(default) else default


def _stated_weekday(folded: str, start: int) -> int | None:
    match = _WEEKDAY_NEAR.search(folded[max(0, start - 20) : start])
    if not match:
        return None
    return next(i for i in range(7) if match.group(f"w{i}"))


def find_dates(
    folded: str,
    *,
    published: dt.date | None = None,
    tense=None,
    ref_year: int | None = None,
    offset: int = 0,
    previous_month: tuple[int, int] | None = None,
    previous_day: dt.date | None = None,
) -> list[DateMention]:
    """Dates in ``folded`` (text already passed through ``_text.fold``), in text order.

    ``tense`` is PAST, FUTURE, None, or a function of a date's (start, end) in ``folded`` giving
    one (the wording nearest that date). ``offset`` is added to spans (pass the sentence's
    start). ``previous_month`` (year, month) resolves a day written alone ("30 числа", "on the
    14th") to the month last mentioned; by default the publication's month.
    """
    if previous_month is None and published is not None:
        previous_month = (published.year, published.month)
    candidates: list[tuple[int, int, int, DateMention]] = []
    for priority, (pattern, build) in enumerate(_RULES):
        for match in pattern.finditer(folded):
            ctx = _Context(
                published,
                _local_tense(folded, match.start(), match.end(), tense),
                ref_year,
                previous_month,
                _stated_weekday(folded, match.start()),
                previous_day,
            )
            try:
                result = build(match, ctx)
            except (ValueError, OverflowError):
                result = None
            if not result:
                continue
            start, end, precision, explicit = result
            if (
                precision == "day"
                and start == end
                and (
                    _AFTER_BEFORE.search(folded[max(0, match.start() - 12) : match.start()])
                    or _AFTER_FOLLOWS.match(folded[match.end() : match.end() + 12])
                )
            ):
                # "after December 20": the rest of that month.
                start = start + dt.timedelta(days=1)
                end = dt.date(end.year, end.month, _last_day(end.year, end.month))
                if start > end:
                    continue
                precision = "window"
            candidates.append(
                (
                    match.start(),
                    match.end(),
                    priority,
                    DateMention(
                        start,
                        end,
                        match.start() + offset,
                        match.end() + offset,
                        precision,
                        explicit,
                    ),
                )
            )
    for match in _RU_DAY_ONLY.finditer(folded):
        if previous_month is None:
            continue
        date = _safe_date(previous_month[0], previous_month[1], int(match.group("d1")))
        if date:
            mention = DateMention(
                date, date, match.start() + offset, match.end() + offset, "day", False
            )
            candidates.append((match.start(), match.end(), len(_RULES), mention))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2]))
    taken: list[tuple[int, int, DateMention]] = []
    for start, end, _priority, mention in candidates:
        if any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            continue
        taken.append((start, end, mention))
    taken.sort()
    return [mention for _, _, mention in taken]
