"""An announced meeting that its own sentence leaves undated takes the one date still to come
in the sentence right after it, when that sentence names no other meeting or event."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.understanding import understand

PUBLISHED = dt.date(2030, 11, 10)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The foreign ministers of Russia, Iran and Turkey may travel to Astana for the next "
            "round of the Syria talks, the Kazakh minister said. "
            '"We are waiting for them to confirm they can come in mid-December," he added.',
            "en",
        ),
        (
            "Министры иностранных дел России, Ирана и Турции могут прибыть в Астану на очередной "
            "раунд переговоров по Сирии, сообщил казахстанский министр. "
            "«Ждем, что все подтвердят готовность приехать в середине декабря», - добавил он.",
            "ru",
        ),
        (
            "Rusya, İran ve Türkiye dışişleri bakanlarının Astana'da yapılacak Suriye "
            "görüşmelerinin yeni turuna katılabileceği bildirildi. "
            "Bakan, katılımcıların aralık ortasında gelmesini beklediklerini söyledi.",
            "tr",
        ),
        (
            "قال الوزير الكازاخستاني إن وزراء خارجية روسيا وإيران وتركيا قد يحضرون الجولة "
            "المقبلة من محادثات أستانا حول سوريا في أستانا. "
            "وأضاف أنهم ينتظرون تأكيد الحضور في منتصف كانون الأول.",
            "ar",
        ),
    ],
)
def test_the_sentence_after_an_undated_announcement_dates_it(text, language):
    result = understand(text, published=PUBLISHED, language=language)
    announced = [m for m in result.meetings if m.status == "announced"]
    assert len(announced) == 1
    start, end = announced[0].start, announced[0].end
    assert start is not None and end is not None
    # "Mid-December" of the publication year: a window around the 15th.
    assert (start.year, start.month, end.month) == (2030, 12, 12)
    assert start.day <= 15 <= end.day
    # The quote stays the sentence that names the meeting.
    assert (
        "Astana" in announced[0].quote
        or "Астан" in announced[0].quote
        or ("أستانا" in announced[0].quote)
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # The next sentence dates another event: the ceasefire, not the round.
        (
            "The next round of the Syria talks will be held in Astana. "
            "The ceasefire expires on December 15.",
            "en",
        ),
        # A day already past at publication is not when an announced meeting meets.
        (
            "Очередной раунд переговоров по Сирии пройдет в Астане. "
            "Делегации обсуждали это 5 ноября.",
            "ru",
        ),
        # Two dates: which one? Neither is taken.
        (
            "Suriye konulu Astana görüşmelerinin yeni turu Astana'da yapılacak. "
            "Heyetlerin 14 Aralık ya da 20 Aralık tarihinde gelmesi bekleniyor.",
            "tr",
        ),
        # A sentence further away does not date it.
        (
            "ستعقد الجولة المقبلة من محادثات أستانا حول سوريا في أستانا. "
            "وشدد الوزير على أهمية الحل السياسي في سوريا. "
            "وينتظر الجميع منتصف كانون الأول.",
            "ar",
        ),
    ],
)
def test_the_next_sentence_does_not_date_it_when_it_speaks_of_something_else(text, language):
    result = understand(text, published=PUBLISHED, language=language)
    announced = [m for m in result.meetings if m.status == "announced"]
    assert len(announced) == 1
    assert announced[0].start is None
