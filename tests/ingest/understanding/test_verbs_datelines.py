"""Meetings named only by a verb, and wire datelines whose date is not a meeting date."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.understanding import KnownRound, understand
from ingest.understanding.wire import wire_header_end

D = dt.date
CALENDAR = (
    KnownRound(4, D(2017, 5, 3), D(2017, 5, 4), "Astana"),
    KnownRound(5, D(2017, 7, 4), D(2017, 7, 5), "Astana"),
)


def _rows(result, status=None):
    return [
        (m["kind"], m["round_number"], m["place"], m["start"], m["end"], m["status"])
        for m in result.to_dict()["meetings"]
        if status is None or m["status"] == status
    ]


# --- meetings named only by a verb -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "place", "start", "end"),
    [
        (
            "The fourth round of the Astana talks on Syria ended on May 4. The delegations will "
            "meet again in Astana in mid-June.",
            "en",
            "Astana",
            "2017-06-11",
            "2017-06-20",
        ),
        (
            "Четвертый раунд переговоров по Сирии в Астане завершился 4 мая. Стороны встретятся "
            "в Астане в середине июня.",
            "ru",
            "Astana",
            "2017-06-11",
            "2017-06-20",
        ),
        (
            "Suriye konulu dördüncü tur Astana görüşmeleri 4 Mayıs'ta sona erdi. Heyetler haziran "
            "ayının ortasında Astana'da yeniden bir araya gelecek.",
            "tr",
            "Astana",
            "2017-06-11",
            "2017-06-20",
        ),
        (
            "اختتمت الجولة الرابعة من محادثات أستانا حول سوريا في 4 أيار. وستجتمع الوفود مجددا "
            "في أستانا في منتصف حزيران.",
            "ar",
            "Astana",
            "2017-06-11",
            "2017-06-20",
        ),
    ],
)
def test_a_future_verb_meeting_is_the_next_round(text, language, place, start, end):
    result = understand(text, published=D(2017, 5, 4), language=language)
    assert _rows(result, "announced") == [("round", 5, place, start, end, "announced")]
    assert result.round_numbers[0] == 4


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Delegations of Russia, Iran and Turkey met on July 4-5 in Astana to discuss "
         "de-escalation zones in Syria.", "en"),
        ("Делегации России, Ирана и Турции встретились 4-5 июля в Астане, чтобы обсудить "
         "зоны деэскалации в Сирии.", "ru"),
        ("Türkiye, Rusya ve İran heyetleri Suriye'deki çatışmasızlık bölgelerini görüşmek "
         "için 4-5 Temmuz'da Astana'da bir araya geldi.", "tr"),
        ("التقت وفود روسيا وإيران وتركيا في أستانا يومي 4 و5 تموز لبحث مناطق خفض التصعيد "
         "في سوريا.", "ar"),
    ],
)  # fmt: skip
def test_a_held_verb_meeting_is_a_round_numbered_by_the_calendar(text, language):
    result = understand(text, published=D(2017, 7, 6), language=language, calendar=CALENDAR)
    assert _rows(result, "held") == [("round", 5, "Astana", "2017-07-04", "2017-07-05", "held")]
    without = understand(text, published=D(2017, 7, 6), language=language)
    assert _rows(without, "held") == [("round", None, "Astana", "2017-07-04", "2017-07-05", "held")]


def test_a_verb_without_a_group_that_meets_is_not_a_meeting():
    text = (
        "The Astana talks on Syria resume next week. Putin met the Kazakh president in Sochi on "
        "July 1 to discuss trade."
    )
    # "Resume next week" is the announced round (the week after publication); Putin's meeting
    # with one president is not a meeting of the process.
    assert _rows(understand(text, published=D(2017, 7, 6))) == [
        ("round", None, None, "2017-07-10", "2017-07-16", "announced")
    ]


def test_two_guarantors_meeting_is_a_bilateral_meeting_not_a_round():
    text = (
        "The Astana talks on Syria ended on Friday. Russia and Turkey will meet in Sochi on "
        "September 17 to discuss Idlib."
    )
    assert _rows(understand(text, published=D(2018, 9, 7)), "announced") == []


def test_a_verb_next_to_a_meeting_noun_adds_no_second_meeting():
    text = "The delegations met in Astana on July 4-5 for the fifth round of talks on Syria."
    result = understand(text, published=D(2017, 7, 6))
    assert _rows(result) == [("round", 5, "Astana", "2017-07-04", "2017-07-05", "held")]


# --- wire datelines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ASTANA, July 5 (Reuters) - The fifth round of Syria talks was held on July 4-5.",
        "SOCHI, Russia, July 5 (Reuters) - The fifth round of Astana talks was held on July 4-5.",
        "ASTANA, July 5 - The fifth round of Syria talks was held on July 4-5.",
        "АСТАНА, 5 июля. /ТАСС/. Пятый раунд переговоров по Сирии прошел 4-5 июля.",
        "ASTANA, 5 Temmuz (AA) - Suriye konulu beşinci tur görüşmeler 4-5 Temmuz'da yapıldı.",
        "أستانا، 5 تموز (رويترز) - عقدت الجولة الخامسة من المحادثات السورية يومي 4 و5 تموز.",
    ],
)
def test_the_dateline_date_gives_way_to_the_meetings_own_dates(text):
    assert wire_header_end(text) > 0
    result = understand(text, published=D(2017, 7, 5))
    assert [(r[1], r[3], r[4]) for r in _rows(result, "held")] == [(5, "2017-07-04", "2017-07-05")]


@pytest.mark.parametrize(
    "text",
    [
        "ASTANA, July 5 (Reuters) - The fifth round of Syria talks ended in the Kazakh capital.",
        "АСТАНА, 5 июля. /ТАСС/. Пятый раунд переговоров по Сирии завершился в Астане.",
    ],
)
def test_the_dateline_date_is_kept_when_the_lead_gives_no_other_date(text):
    result = understand(text, published=D(2017, 7, 5))
    assert [(r[1], r[3], r[4]) for r in _rows(result, "held")] == [(5, "2017-07-05", "2017-07-05")]


@pytest.mark.parametrize(
    "text",
    [
        "ASTANA, July 5 (Reuters) - The fifth round of Syria talks ended in the Kazakh capital.",
        "АСТАНА, 5 июля. /ТАСС/. Пятый раунд переговоров по Сирии завершился в Астане.",
    ],
)
def test_a_filing_date_inside_the_curated_span_stands_for_the_whole_round(text):
    # The filing date says "today"; the curated calendar says which days round 5 ran.
    result = understand(text, published=D(2017, 7, 5), calendar=CALENDAR)
    assert [(r[1], r[3], r[4]) for r in _rows(result, "held")] == [(5, "2017-07-04", "2017-07-05")]


def test_the_dateline_date_is_not_given_to_an_announced_meeting():
    text = (
        "MOSCOW, July 5 (Reuters) - Russia, Iran and Turkey will meet in Astana for the sixth "
        "round of Syria talks, a Russian diplomat said."
    )
    result = understand(text, published=D(2017, 7, 5))
    assert [(r[1], r[3], r[5]) for r in _rows(result)] == [(6, None, "announced")]


@pytest.mark.parametrize(
    "text",
    [
        "The fifth round of Syria talks was held in Astana on July 4-5 (local time) - "
        "officials said.",
        "In Astana, the fifth round ended.",
        "",
    ],
)
def test_ordinary_openings_are_not_wire_headers(text):
    assert wire_header_end(text) == 0


@pytest.mark.parametrize("with_calendar", [True, False])
def test_verb_and_dateline_texts_meet_the_quality_bar(with_calendar):
    from bench.eval_corpus import DEFAULT_FACTS, VERB_DATELINE_TEXTS, evaluate, load_calendar

    if with_calendar and not DEFAULT_FACTS.is_file():
        pytest.skip("reference facts not available")
    calendar = load_calendar(DEFAULT_FACTS) if with_calendar else ()
    scores = evaluate(VERB_DATELINE_TEXTS, calendar=calendar)
    for field in ("round_number", "meeting_dates", "meeting_places", "guarantors", "announced"):
        assert scores[field][2] >= 0.9, (field, scores[field])


def test_a_wire_header_after_the_headline_is_found_and_anchors_today():
    text = (
        "Переговоры по Сирии начались в Казахстане\n"
        "2017-12-22 01:17:24 | News\n"
        "Астана, 21 декабря /Синьхуа/ -- Делегации стран-гарантов сегодня в Астане начали "
        "восьмой раунд переговоров по Сирии."
    )
    assert wire_header_end(text) > text.index("Астана, 21")
    result = understand(text, published=D(2017, 12, 22))
    # "Today" is the day the story was filed (21 December), not the page's date.
    assert [(r[1], r[3], r[4]) for r in _rows(result, "held")] == [(8, "2017-12-21", "2017-12-21")]
