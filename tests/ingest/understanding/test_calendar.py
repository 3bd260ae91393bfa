"""The optional round calendar: the text alone works, the calendar only fills its gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.understanding import KnownRound, understand

D = dt.date
CALENDAR = (
    KnownRound(4, D(2017, 5, 3), D(2017, 5, 4), "Astana"),
    KnownRound(10, D(2018, 7, 30), D(2018, 7, 31), "Sochi"),
    KnownRound(14, D(2019, 12, 10), D(2019, 12, 11), "Nur-Sultan"),
    KnownRound(22, D(2024, 11, 11), D(2024, 11, 12), "Astana"),
    # A round the analysts added after the package was written.
    KnownRound(23, D(2025, 6, 10), D(2025, 6, 11), "Astana"),
)


MAY_4 = (
    "Russia, Turkey and Iran put their names to the memorandum at the May 4 meeting on Syria in "
    "Astana."
)


def _meetings(result, status=None):
    return [m for m in result.to_dict()["meetings"] if status is None or m["status"] == status]


def test_known_round_is_a_frozen_value():
    round_ = KnownRound(23, D(2025, 6, 10), D(2025, 6, 11), "Astana")
    assert round_ == KnownRound(23, D(2025, 6, 10), D(2025, 6, 11), "Astana")
    try:
        round_.number = 24  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover - the assertion below fails
        raise AssertionError("KnownRound is mutable")


def test_without_calendar_a_fully_stated_round_is_read_from_the_text():
    # Given a text that states number, dates and city, and no calendar
    text = (
        "The 23rd international meeting on Syria in the Astana format was held in Astana on "
        "June 10-11, 2025, with delegations of Russia, Iran and Turkey."
    )
    # When it is understood without a calendar
    result = understand(text, published=D(2025, 6, 12))
    # Then everything comes from the text
    assert result.round_numbers[0] == 23
    assert [(m["round_number"], m["place"], m["start"], m["end"]) for m in _meetings(result)] == [
        (23, "Astana", "2025-06-10", "2025-06-11")
    ]
    assert {"Russia", "Iran", "Turkey"} <= set(result.participants)


def test_without_calendar_an_unnumbered_dated_meeting_stays_unnumbered():
    text = MAY_4
    result = understand(text, published=D(2017, 5, 6))
    assert result.round_numbers == ()
    assert [(m["place"], m["start"]) for m in _meetings(result, "held")] == [
        ("Astana", "2017-05-04")
    ]


def test_with_calendar_an_unnumbered_dated_meeting_gets_its_round_number():
    text = MAY_4
    result = understand(text, published=D(2017, 5, 6), calendar=CALENDAR)
    assert result.round_numbers[0] == 4


def test_calendar_city_fills_a_numbered_round_without_a_venue_and_is_canonical():
    text = (
        "Russia, Iran and Turkey summed up the results of the 14th round of the Astana talks "
        "on Syria."
    )
    without = understand(text, published=D(2019, 12, 12))
    with_calendar = understand(text, published=D(2019, 12, 12), calendar=CALENDAR)
    assert [m["place"] for m in _meetings(without, "held")] == [None]
    held = _meetings(with_calendar, "held")
    assert [(m["round_number"], m["place"], m["start"]) for m in held] == [
        (14, "Astana", "2019-12-10")
    ]


def test_text_wins_over_the_calendar():
    # Given a calendar that puts round 10 in Sochi and a text that says otherwise
    text = "The tenth round of the Astana talks on Syria was held in Astana on 2-3 August 2018."
    result = understand(text, published=D(2018, 8, 4), calendar=CALENDAR)
    [meeting] = _meetings(result, "held")
    assert (meeting["place"], meeting["start"], meeting["end"]) == (
        "Astana",
        "2018-08-02",
        "2018-08-03",
    )


def test_a_round_added_to_the_calendar_later_is_used_without_code_changes():
    text = (
        "Итоги 23-го раунда переговоров по Сирии в астанинском формате подвели Россия, Иран "
        "и Турция."
    )
    result = understand(text, published=D(2025, 6, 20), calendar=CALENDAR)
    held = _meetings(result, "held")
    assert [(m["round_number"], m["place"], m["start"]) for m in held] == [
        (23, "Astana", "2025-06-10")
    ]


def test_calendar_tells_an_upcoming_numbered_round_from_a_held_one():
    text = (
        "The 23rd round of the Astana talks on Syria: Russia, Iran and Turkey prepare the agenda."
    )
    before = understand(text, published=D(2025, 5, 1), calendar=CALENDAR)
    assert [m["status"] for m in _meetings(before)] == ["announced"]


def test_an_undated_page_that_puts_a_known_round_on_today_dates_itself():
    cal = (KnownRound(20, dt.date(2023, 6, 20), dt.date(2023, 6, 21), "Astana"),)
    text = (
        "Dün başlayan 20. Astana görüşmelerinin son gününde bugün Kazakistan bir açıklama yaptı. "
        "Taraflar bir sonraki toplantıyı bu yıl içinde yine Astana'da yapmayı planlıyor."
    )
    result = understand(text, language="tr", calendar=cal)
    held = [(m.round_number, m.start, m.end) for m in result.meetings if m.status == "held"]
    assert held == [(20, dt.date(2023, 6, 20), dt.date(2023, 6, 21))]
    [announced] = [m for m in result.meetings if m.status == "announced"]
    assert (announced.start, announced.end) == (dt.date(2023, 6, 22), dt.date(2023, 12, 31))
    # Without the calendar nothing anchors "today": no date is invented.
    plain = understand(text, language="tr")
    assert all(m.start is None for m in plain.meetings)


def test_the_next_round_follows_the_round_held_in_the_same_sentence():
    cal = (
        KnownRound(9, dt.date(2018, 5, 14), dt.date(2018, 5, 15), "Astana"),
        KnownRound(10, dt.date(2018, 7, 30), dt.date(2018, 7, 31), "Sochi"),
    )
    text = (
        "The tenth round of the Astana talks on Syria opened in Sochi today. "
        "The ninth round was held in Astana on May 14-15, and the guarantors said then that "
        "the next round would be held in Sochi in July."
    )
    result = understand(text, published=dt.date(2018, 7, 30), calendar=cal)
    rows = sorted((m.round_number, m.status) for m in result.meetings)
    # The July announcement was of round 10, which the text reports as under way.
    assert rows == [(9, "held"), (10, "held")]


def test_a_round_the_calendar_starts_after_publication_is_not_reported_held():
    cal = (KnownRound(21, dt.date(2024, 1, 24), dt.date(2024, 1, 25), "Astana"),)
    text = "The guarantors have announced nothing yet about holding the 21st round of Astana talks."
    result = understand(text, published=dt.date(2024, 1, 19), calendar=cal)
    assert [(m.round_number, m.status) for m in result.meetings] == [(21, "announced")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The Kazakh foreign ministry announced today, Friday 19 January, that a new round of "
            "the Astana talks on Syria will be held in Astana on January 24-25.",
            "en",
        ),
        (
            "قالت الخارجية في كازاخستان اليوم الجمعة 19 كانون الثاني إن جولة جديدة من محادثات "
            "أستانا حول سوريا ستعقد يومي 24 و25 كانون الثاني.",
            "ar",
        ),
    ],
)
def test_the_day_a_statement_was_made_is_not_the_meetings_day(text, language):
    result = understand(text, published=dt.date(2024, 1, 19), language=language)
    assert [(m.start, m.end, m.status) for m in result.meetings] == [
        (dt.date(2024, 1, 24), dt.date(2024, 1, 25), "announced")
    ]


def test_an_undated_round_that_nothing_says_was_held_is_not_reported_held():
    cal = (KnownRound(21, dt.date(2024, 1, 24), dt.date(2024, 1, 25), "Astana"),)
    text = "Syrians watch with worry what the 21st round of the Astana talks means for them."
    result = understand(text, calendar=cal)
    assert result.round_numbers == (21,)
    assert result.meetings == ()


def test_a_round_dated_today_stays_whole_when_a_session_gives_a_day_of_its_own():
    cal = (KnownRound(8, dt.date(2017, 12, 21), dt.date(2017, 12, 22), "Astana"),)
    text = (
        "Делегации стран-гарантов сегодня в Астане начали очередной раунд переговоров по Сирии. "
        "21 декабря проходят консультации."
    )
    result = understand(text, published=dt.date(2017, 12, 21), calendar=cal)
    held = [(m.round_number, m.start, m.end) for m in result.meetings if m.status == "held"]
    assert held == [(8, dt.date(2017, 12, 21), dt.date(2017, 12, 22))]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Nine rounds of Syria talks in the Astana format have met so far, one of them in Sochi "
            "at the end of last July. "
            "The next Astana meeting will be held in the middle of this month.",
            "en",
        ),
        (
            "До сих пор прошло девять встреч по Сирии в астанинском формате, одна из них в Сочи "
            "в конце июля прошлого года. "
            "Следующая встреча в Астане пройдет в середине этого месяца.",
            "ru",
        ),
        (
            "عقدت تسعة اجتماعات حول سوريا بصيغة أستانا حتى الآن أحدها في سوتشي أواخر تموز "
            "الماضي. "
            "وسيعقد اجتماع أستانا المقبل منتصف الشهر الجاري.",
            "ar",
        ),
    ],
)
def test_the_next_round_comes_after_every_round_the_calendar_held_by_publication(text, language):
    cal = (
        KnownRound(10, dt.date(2018, 7, 30), dt.date(2018, 7, 31), "Sochi"),
        KnownRound(11, dt.date(2018, 11, 28), dt.date(2018, 11, 29), "Astana"),
    )
    result = understand(text, published=dt.date(2019, 2, 3), language=language, calendar=cal)
    announced = [m.round_number for m in result.meetings if m.status == "announced"]
    # The text recalls round 10, but round 11 had met by publication: the next one is 12.
    assert announced == [12]
    # "Nine meetings" is a count, not the ninth round.
    assert 9 not in result.round_numbers


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The next round of the Astana talks on Syria will be held in Astana on February "
            "20-21. One of the earlier rounds of the Astana talks took place in Sochi on July "
            "30-31, 2018.",
            "en",
        ),
        (
            "Следующий раунд астанинских переговоров по Сирии пройдет в Астане 20-21 февраля. "
            "Один из прежних раундов астанинских переговоров прошел в Сочи 30-31 июля 2018 года.",
            "ru",
        ),
        (
            "Suriye konulu Astana görüşmelerinin bir sonraki turu 20-21 Şubat'ta Astana'da "
            "yapılacak. Astana görüşmelerinin önceki turlarından biri 30-31 Temmuz 2018'de "
            "Soçi'de yapıldı.",
            "tr",
        ),
        (
            "ستعقد الجولة المقبلة من محادثات أستانا حول سوريا في أستانا يومي 20 و21 شباط. "
            "وعقدت إحدى جولات محادثات أستانا السابقة في سوتشي يومي 30 و31 تموز 2018.",
            "ar",
        ),
    ],
)
def test_a_meeting_recalled_long_after_is_not_among_the_articles_round_numbers(text, language):
    cal = (
        KnownRound(10, dt.date(2018, 7, 30), dt.date(2018, 7, 31), "Sochi"),
        KnownRound(11, dt.date(2018, 11, 28), dt.date(2018, 11, 29), "Astana"),
    )
    result = understand(text, published=dt.date(2019, 2, 3), language=language, calendar=cal)
    # The calendar numbers the Sochi meeting of July as round 10, but the article neither
    # states nor implies that number: it recalls it, and is about the next round.
    held = [m for m in result.meetings if m.status == "held"]
    assert [m.round_number for m in held] == [10]
    assert result.round_numbers == (12,)
    # Reported within days of its end, the same meeting is the article's news.
    recent = understand(text, published=dt.date(2018, 8, 2), language=language, calendar=cal)
    assert 10 in recent.round_numbers
