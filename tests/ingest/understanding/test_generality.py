"""Behaviours found on the project's own test texts (tests/ingest/understanding/data/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.understanding import KnownRound, understand

D = dt.date
DATA = Path(__file__).parent / "data"


def _rows(result, status=None):
    return [
        (m["kind"], m["round_number"], m["place"], m["start"], m["end"], m["status"])
        for m in result.to_dict()["meetings"]
        if status is None or m["status"] == status
    ]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "The next round of the Astana talks on Syria, which was to be held in Nur-Sultan in "
            "March, has been postponed because of the pandemic.",
            D(2020, 3, 17),
        ),
        (
            "Очередной раунд переговоров по Сирии в астанинском формате, который планировалось "
            "провести в Нур-Султане во второй половине марта, перенесен.",
            D(2020, 3, 20),
        ),
        (
            "Mart ayında Nur-Sultan'da yapılması planlanan Suriye konulu Astana toplantısı "
            "ertelendi.",
            D(2020, 3, 20),
        ),
        (
            "أعلنت كازاخستان تأجيل الجولة المقبلة من محادثات أستانا حول سوريا التي كان من المقرر "
            "عقدها في نور سلطان خلال آذار.",
            D(2020, 3, 20),
        ),
    ],
)
def test_postponed_meeting_stays_announced_and_loses_its_old_dates(text, published):
    result = understand(text, published=published)
    assert [(r[2], r[3], r[4], r[5]) for r in _rows(result)] == [
        ("Astana", None, None, "announced")
    ]


def test_postponed_meeting_keeps_the_new_date():
    text = "The Astana talks on Syria in Nur-Sultan have been postponed to April 20-21."
    result = understand(text, published=D(2020, 3, 17))
    assert [r[2:] for r in _rows(result)] == [("Astana", "2020-04-20", "2020-04-21", "announced")]


def test_arabic_venue_after_the_word_city():
    text = (
        "اختتم مؤتمر الحوار الوطني السوري أعماله في مدينة سوتشي الروسية يوم الثلاثاء "
        "٣٠ كانون الثاني بمشاركة روسيا وتركيا وإيران."
    )
    result = understand(text, published=D(2018, 1, 30))
    assert _rows(result) == [("congress", None, "Sochi", "2018-01-30", "2018-01-30", "held")]


def test_arabic_agreement_with_conjunction_and_next_month_is_in_the_future():
    text = (
        "واتفقت روسيا وإيران وتركيا في ختام محادثات أستانا حول سوريا على عقد اجتماع لمجموعة "
        "العمل حول المعتقلين في أستانا في أيلول المقبل."
    )
    result = understand(text, published=D(2018, 7, 31))
    assert ("Astana", "2018-09-01", "2018-09-30", "announced") in [r[2:] for r in _rows(result)]


def test_turkish_second_half_of_the_year():
    text = (
        "Garantör ülkeler, Suriye konulu bir sonraki Astana toplantısının yılın ikinci yarısında "
        "Astana'da yapılmasını kararlaştırdı."
    )
    result = understand(text, published=D(2024, 1, 25))
    assert [r[2:] for r in _rows(result, "announced")] == [
        ("Astana", "2024-07-01", "2024-12-31", "announced")
    ]


def test_arabic_round_number_after_the_city_name():
    text = (
        "انطلق اجتماع أستانا الـ22 حول سوريا يومي ١١ و١٢ تشرين الثاني ٢٠٢٤ "
        "بمشاركة روسيا وإيران وتركيا."
    )
    result = understand(text)
    assert result.round_numbers[0] == 22


@pytest.mark.parametrize(
    "text",
    [
        "The presidents of Russia, Iran and Turkey met in Tehran for a summit on Syria, their "
        "third meeting at the highest level within the Astana format.",
        "Президенты России, Ирана и Турции провели в Сочи четвертую встречу на высшем уровне "
        "в рамках астанинского процесса по Сирии.",
    ],
)
def test_summit_ordinal_is_not_a_round_number(text):
    assert understand(text, published=D(2018, 9, 7)).round_numbers == ()


def test_geneva_talks_are_not_an_astana_meeting():
    text = (
        "The first round of the Astana talks on Syria ended on January 24; the opposition will "
        "decide later whether to attend the Geneva talks due on February 8."
    )
    result = understand(text, published=D(2017, 1, 24))
    assert [r[3] for r in _rows(result)] == ["2017-01-24"]


def test_past_wording_beats_a_calendar_that_does_not_know_the_round_yet():
    # Given a calendar that ends at round 22 and a text reporting round 23 as held
    calendar = (KnownRound(22, D(2024, 11, 11), D(2024, 11, 12), "Astana"),)
    text = "Двадцать третий раунд переговоров по Сирии в астанинском формате прошел в Астане."
    result = understand(text, published=D(2025, 6, 12), calendar=calendar)
    assert [(r[1], r[5]) for r in _rows(result)] == [(23, "held")]


def test_stated_day_beats_a_weekday_from_another_sentence_when_they_merge():
    text = (
        "Двенадцатый раунд переговоров по Сирии завершился в Нур-Султане в пятницу. "
        "Встреча проходила 25-26 апреля."
    )
    result = understand(text, published=D(2019, 4, 26))
    assert _rows(result, "held") == [("round", 12, "Astana", "2019-04-25", "2019-04-26", "held")]


@pytest.mark.parametrize("with_calendar", [True, False])
def test_project_texts_meet_the_quality_bar(with_calendar):
    from bench.eval_corpus import DEFAULT_FACTS, evaluate, load_calendar

    if with_calendar and not DEFAULT_FACTS.is_file():
        pytest.skip("reference facts not available")
    calendar = load_calendar(DEFAULT_FACTS) if with_calendar else ()
    scores = evaluate(DATA, calendar=calendar)
    fields = ["meeting_dates", "meeting_places", "guarantors", "announced", "relevant"]
    if with_calendar:
        # Unstated numbers ("the next round", "the May 4 meeting") need the calendar.
        fields.append("round_number")
    for field in fields:
        assert scores[field][2] >= 0.9, (field, scores[field])
