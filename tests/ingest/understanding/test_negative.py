"""Negative knowledge: meetings of the guarantors outside the Astana format never become rounds,
and dates of other events in the same sentence never become a round's dates."""

import datetime as dt

import pytest

from ingest.understanding import KnownRound, understand

CALENDAR = (
    KnownRound(10, dt.date(2018, 7, 30), dt.date(2018, 7, 31), "Sochi"),
    KnownRound(11, dt.date(2018, 11, 28), dt.date(2018, 11, 29), "Astana"),
)


def _rounds(result):
    return [m for m in result.meetings if m.kind == "round"]


@pytest.mark.parametrize(
    ("text", "language", "published"),
    [
        # Foreign ministers of the guarantors meeting elsewhere.
        (
            "The foreign ministers of Russia, Iran and Turkey met in New York on September 24 to "
            "discuss the Syrian settlement in the Astana format.",
            "en",
            dt.date(2019, 9, 25),
        ),
        (
            "Главы МИД России, Ирана и Турции провели встречу по Сирии в Женеве 18 декабря.",
            "ru",
            dt.date(2018, 12, 19),
        ),
        (
            "Rusya, İran ve Türkiye dışişleri bakanları Suriye konusunda 14 Aralık'ta Doha'da bir "
            "araya geldi.",
            "tr",
            dt.date(2024, 12, 15),
        ),
        (
            "اجتمع وزراء خارجية روسيا وإيران وتركيا في جنيف يوم 18 كانون الأول "
            "لبحث الأزمة السورية.",
            "ar",
            dt.date(2018, 12, 19),
        ),
        # Summits of the three presidents.
        (
            "The presidents of Russia, Iran and Turkey will hold a meeting on Syria in Tehran on "
            "September 7.",
            "en",
            dt.date(2018, 9, 1),
        ),
        (
            "أعلن الكرملين أن رؤساء روسيا وإيران وتركيا الدول الضامنة لعملية أستانا حول سورية "
            "سيعقدون اجتماعا في سوتشي في الـ14 من الشهر الجاري.",
            "ar",
            dt.date(2019, 2, 3),
        ),
        # The Constitutional Committee.
        (
            "The third session of the Syrian Constitutional Committee opened in Geneva on "
            "August 24 with the support of the Astana guarantors.",
            "en",
            dt.date(2020, 8, 25),
        ),
        (
            "Заседание Конституционного комитета Сирии открылось в Женеве 30 октября при "
            "поддержке стран-гарантов астанинского формата.",
            "ru",
            dt.date(2019, 10, 31),
        ),
        # Geneva rounds.
        (
            "The fourth round of Geneva talks on Syria ended on March 3, while the Astana process "
            "continues.",
            "en",
            dt.date(2017, 3, 4),
        ),
        (
            "Cenevre'deki Suriye görüşmelerinin dördüncü turu 3 Mart'ta sona erdi; Astana süreci "
            "devam ediyor.",
            "tr",
            dt.date(2017, 3, 4),
        ),
    ],
)
def test_meetings_outside_the_format_are_not_rounds(text, language, published):
    result = understand(text, published=published, language=language, calendar=CALENDAR)
    assert _rounds(result) == [], result.meetings
    assert not [n for n in result.round_numbers if n in (3, 4)]


def test_the_bilateral_sochi_memorandum_date_is_not_a_round_date():
    text = (
        "The eleventh round of the Astana talks on Syria was held on November 28-29, two months "
        "after the memorandum on Idlib signed in Sochi on 17 September 2018 by Russia and Turkey."
    )
    result = understand(text, published=dt.date(2018, 11, 30), calendar=CALENDAR)
    [meeting] = _rounds(result)
    assert (meeting.round_number, meeting.start, meeting.end) == (
        11,
        dt.date(2018, 11, 28),
        dt.date(2018, 11, 29),
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The first round of the Astana talks on Syria, which follows the ceasefire of "
            "December 30, will be held in Astana on January 23-24.",
            "en",
        ),
        (
            "Первый раунд переговоров по Сирии после перемирия от 30 декабря пройдет в Астане "
            "23-24 января.",
            "ru",
        ),
    ],
)
def test_a_ceasefire_date_in_the_same_sentence_stays_with_the_ceasefire(text, language):
    result = understand(text, published=dt.date(2017, 1, 10), language=language)
    [meeting] = _rounds(result)
    assert (meeting.start, meeting.end) == (dt.date(2017, 1, 23), dt.date(2017, 1, 24))
    assert meeting.status == "announced"


def test_another_round_is_not_the_next_round():
    # "очередной" is "another" (the current one), not "next".
    text = "Делегации стран-гарантов сегодня в Астане начали очередной раунд переговоров по Сирии."
    cal = (KnownRound(8, dt.date(2017, 12, 21), dt.date(2017, 12, 22), "Astana"),)
    result = understand(text, published=dt.date(2017, 12, 21), calendar=cal)
    assert [(m.round_number, m.status) for m in result.meetings] == [(8, "held")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The presidents of Russia, Iran and Turkey will meet on Syria in Sochi on February 14. "
            "Putin "
            "will hold bilateral talks with Erdogan on the same day.",
            "en",
        ),
        (
            "أعلن الكرملين أن رؤساء روسيا وإيران وتركيا سيعقدون قمة حول سوريا في سوتشي في 14 شباط. "
            "وسيجري "
            "بوتين محادثات ثنائية مع أردوغان في اليوم نفسه.",
            "ar",
        ),
    ],
)
def test_bilateral_talks_on_the_same_day_are_not_a_meeting_of_the_process(text, language):
    result = understand(text, published=dt.date(2019, 2, 3), language=language)
    assert [(m.kind, m.start) for m in result.meetings] == [("summit", dt.date(2019, 2, 14))]
