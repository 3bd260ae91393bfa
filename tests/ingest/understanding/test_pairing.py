"""Which date belongs to which meeting when a sentence holds several of each."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.understanding import understand

D = dt.date


def _rows(result, status=None):
    return [
        (m["kind"], m["round_number"], m["place"], m["start"], m["end"], m["status"])
        for m in result.to_dict()["meetings"]
        if status is None or m["status"] == status
    ]


# --- an explicit date beats a weekday ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The eighth round of talks on Syria in the Astana format ended in the Kazakh capital on "
        "Friday after two days of meetings held on December 21-22, the host country's foreign "
        "ministry said.",
        "The eighth round of Syria talks closed in Astana on Friday; the meetings had been held "
        "on December 21-22 with the three guarantor states.",
    ],
)
def test_explicit_date_range_wins_over_a_weekday_in_english(text):
    result = understand(text, published=D(2017, 12, 22))
    assert _rows(result, "held") == [("round", 8, "Astana", "2017-12-21", "2017-12-22", "held")]


def test_explicit_date_range_wins_over_a_weekday_in_russian():
    text = (
        "Восьмой раунд переговоров по Сирии завершился в пятницу в Астане, встречи проходили "
        "21-22 декабря."
    )
    result = understand(text, published=D(2017, 12, 22))
    assert _rows(result, "held") == [("round", 8, "Astana", "2017-12-21", "2017-12-22", "held")]


def test_weekday_alone_still_dates_the_meeting():
    text = "The eighth round of the Astana talks on Syria ended in Astana on Friday."
    result = understand(text, published=D(2017, 12, 23))
    assert _rows(result, "held") == [("round", 8, "Astana", "2017-12-22", "2017-12-22", "held")]


# --- two meetings, two dates ------------------------------------------------------------------

SOCHI_ANNOUNCED = {
    ("preparatory_meeting", None, "Sochi", "2018-01-19", "2018-01-20", "announced"),
    ("congress", None, "Sochi", "2018-01-29", "2018-01-30", "announced"),
}


@pytest.mark.parametrize(
    "text",
    [
        # Russian: "который пройдет ... 29-30 января" belongs to the noun before it.
        "Они также договорились провести специальное подготовительное совещание в Сочи "
        "19-20 января 2018 года перед Конгрессом сирийского национального диалога, который "
        "пройдет в Сочи 29-30 января 2018 года.",
        # English, dates after their nouns.
        "The guarantors will hold a preparatory meeting in Sochi on January 19-20 ahead of the "
        "Syrian National Dialogue Congress, which will take place in Sochi on January 29-30.",
        # English, the congress first.
        "The Syrian National Dialogue Congress will be held in Sochi on January 29-30, 2018, and "
        "a preparatory meeting will take place there on January 19-20, 2018, in Sochi.",
        # Turkish: dates before the noun, "önce" (before) between them.
        "Garantör ülkeler, 29-30 Ocak 2018 tarihlerinde Soçi'de yapılacak Suriye Ulusal Diyalog "
        "Kongresi'nden önce 19-20 Ocak 2018 tarihlerinde Soçi'de bir hazırlık toplantısı "
        "düzenleyecek.",
        # Arabic: "قبل" (before) between the preparatory meeting and the congress.
        "وستعقد الدول الضامنة اجتماعا تحضيريا في سوتشي يومي 19 و20 كانون الثاني 2018 قبل مؤتمر "
        "الحوار الوطني السوري الذي سيعقد في سوتشي يومي 29 و30 كانون الثاني 2018.",
    ],
)
def test_each_date_goes_to_the_nearest_meeting_on_the_right_side(text):
    result = understand(text, published=D(2017, 12, 22))
    assert set(_rows(result)) == SOCHI_ANNOUNCED


def test_held_round_and_announced_round_in_one_sentence_keep_their_own_dates():
    text = (
        "The Astana talks on Syria held in Astana on May 14-15 ended with an agreement to hold "
        "the next round in Sochi in July."
    )
    result = understand(text, published=D(2018, 5, 15))
    places_and_dates = {row[2:] for row in _rows(result)}
    assert places_and_dates == {
        ("Astana", "2018-05-14", "2018-05-15", "held"),
        ("Sochi", "2018-07-01", "2018-07-31", "announced"),
    }
