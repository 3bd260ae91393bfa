"""The date layer, property-tested: phrases generated from templates in en/ru/tr/ar must parse
to the date they were generated from, whatever the day, month and year."""

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.understanding._text import fold
from ingest.understanding.dates import FUTURE, PAST, find_dates

EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"]  # fmt: skip
RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря"]  # fmt: skip
TR = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
      "Kasım", "Aralık"]  # fmt: skip
AR = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
      "نوفمبر", "ديسمبر"]  # fmt: skip
AR_LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]  # fmt: skip

SINGLE = [
    lambda d, m, y: f"on {d} {EN[m - 1]} {y}",
    lambda d, m, y: f"on {EN[m - 1]} {d}, {y}",
    lambda d, m, y: f"{d} {RU[m - 1]} {y} года",
    lambda d, m, y: f"{d} {TR[m - 1]} {y} tarihinde",
    lambda d, m, y: f"في {d} {AR[m - 1]} {y}",
    lambda d, m, y: f"في {d} {AR_LEVANT[m - 1]} {y}",
    lambda d, m, y: f"{d:02d}.{m:02d}.{y}",
    lambda d, m, y: f"{y}-{m:02d}-{d:02d}",
]
RANGE = [
    lambda d, m, y: f"on {d}-{d + 1} {EN[m - 1]} {y}",
    lambda d, m, y: f"on {EN[m - 1]} {d}-{d + 1}, {y}",
    lambda d, m, y: f"{d}-{d + 1} {RU[m - 1]} {y} года",
    lambda d, m, y: f"{d}-{d + 1} {TR[m - 1]} {y}",
    lambda d, m, y: f"يومي {d} و{d + 1} {AR[m - 1]} {y}",
]

days = st.builds(
    lambda y, m, d: (y, m, min(d, calendar.monthrange(y, m)[1] - 1)),
    st.integers(2017, 2030),
    st.integers(1, 12),
    st.integers(1, 30),
)


def _only(text, **kwargs):
    found = find_dates(fold(text), **kwargs)
    assert len(found) == 1, (text, found)
    return found[0]


@settings(max_examples=300)
@given(days, st.sampled_from(SINGLE))
def test_a_stated_day_parses_in_every_language(day, template):
    y, m, d = day
    mention = _only(f"The talks were held {template(d, m, y)}.")
    assert (mention.start, mention.end) == (dt.date(y, m, d), dt.date(y, m, d))
    assert mention.year_explicit and mention.precision == "day"


@settings(max_examples=300)
@given(days, st.sampled_from(RANGE))
def test_a_range_of_days_parses_in_every_language(day, template):
    y, m, d = day
    mention = _only(f"The talks were held {template(d, m, y)}.")
    assert (mention.start, mention.end) == (dt.date(y, m, d), dt.date(y, m, d + 1))


@settings(max_examples=200)
@given(days, st.integers(1, 300), st.sampled_from([PAST, FUTURE]))
def test_a_missing_year_lies_on_the_side_of_publication_the_tense_says(day, shift, tense):
    y, m, d = day
    published = dt.date(y, m, d) + dt.timedelta(days=shift if tense == PAST else -shift)
    mention = _only(f"on {d} {EN[m - 1]}", published=published, tense=tense)
    assert (mention.start.month, mention.start.day) == (m, d)
    if tense == PAST:
        assert mention.start <= published + dt.timedelta(days=3)
    else:
        assert mention.start >= published - dt.timedelta(days=3)
    assert abs((mention.start - published).days) <= 366 + 3


@settings(max_examples=200)
@given(days)
def test_a_stated_weekday_fixes_a_missing_year_without_a_publication_date(day):
    y, m, d = day
    date = dt.date(y, m, d)
    weekday = calendar.day_name[date.weekday()]
    mention = _only(f"on {weekday}, {EN[m - 1]} {d}", ref_year=y + 1)
    assert mention.start.weekday() == date.weekday()
    assert (mention.start.month, mention.start.day) == (m, d)
    assert abs(mention.start.year - (y + 1)) <= 6


@given(st.integers(2017, 2030), st.integers(1, 12), st.integers(1, 28))
def test_relative_expressions_anchor_on_publication(y, m, d):
    published = dt.date(y, m, d)
    today = _only("the round ended today", published=published)
    assert today.start == today.end == published
    week = _only("the round resumes next week", published=published, tense=FUTURE)
    assert week.start.weekday() == 0 and 1 <= (week.start - published).days <= 7
    assert (week.end - week.start).days == 6
    nxt = _only("the round will be held at the end of next month", published=published)
    assert (nxt.start.year * 12 + nxt.start.month) - (y * 12 + m) == 1
    assert (
        nxt.start.day == 21 and nxt.end.day == calendar.monthrange(nxt.end.year, nxt.end.month)[1]
    )


def test_days_of_this_month_and_after_a_day():
    pub = dt.date(2022, 11, 14)
    both = _only("on the 22nd and 23rd of this month", published=pub)
    assert (both.start, both.end) == (dt.date(2022, 11, 22), dt.date(2022, 11, 23))
    after = _only("after December 20", published=dt.date(2021, 11, 16), tense=FUTURE)
    assert (after.start, after.end, after.precision) == (
        dt.date(2021, 12, 21),
        dt.date(2021, 12, 31),
        "window",
    )
    mid = _only("منتصف الشهر الجاري", published=dt.date(2019, 2, 3))
    assert (mid.start, mid.end) == (dt.date(2019, 2, 11), dt.date(2019, 2, 20))


def test_a_marker_beside_a_date_sets_its_tense():
    pub = dt.date(2018, 7, 30)
    last = _only("يومي 14 و15 مايو الماضي", published=pub, tense=FUTURE)
    assert last.start == dt.date(2018, 5, 14)
    ago = _only("geçen ocak ayında", published=dt.date(2018, 11, 19), tense=FUTURE)
    assert ago.start == dt.date(2018, 1, 1)


def test_the_same_day_is_the_day_last_named():
    found = find_dates(fold("on the same day"), previous_day=dt.date(2019, 2, 14))
    assert [(d.start, d.end) for d in found] == [(dt.date(2019, 2, 14), dt.date(2019, 2, 14))]
    assert find_dates(fold("в тот же день")) == []
