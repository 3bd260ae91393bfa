"""The normalisation layer: repairs that keep every quote an exact substring of the original."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ingest.understanding import understand
from ingest.understanding.normalise import normalise

PUB = dt.date(2019, 12, 12)


def _held(result):
    return [
        (m.round_number, m.place, m.start, m.end) for m in result.meetings if m.status == "held"
    ]


def test_a_date_broken_by_a_hard_line_wrap_is_read_whole():
    text = (
        "The fourteenth round of the Astana talks on Syria was held in Nur-Sultan on 10-11\n"
        "December 2019, with the delegations of Russia, Iran and Turkey."
    )
    result = understand(text, published=PUB)
    assert _held(result) == [(14, "Astana", dt.date(2019, 12, 10), dt.date(2019, 12, 11))]
    [meeting] = result.meetings
    assert meeting.quote in text and "\n" in meeting.quote


def test_a_hard_wrapped_paragraph_is_joined_but_a_headline_is_not():
    text = (
        "Guarantors meet again\n"
        "The delegations of Russia, Iran and Turkey met in Astana for the ninth round of\n"
        "talks on the Syrian settlement on May 14-15, the Kazakh foreign ministry said in a\n"
        "statement released in the capital on Tuesday after the closing plenary session.\n"
    )
    repaired = normalise(text).text
    assert repaired.startswith("Guarantors meet again\nThe delegations")
    assert "round of talks" in repaired and "said in a statement" in repaired


def test_words_run_together_are_separated():
    repaired = normalise("talks on August1 and on 10December; 14.Toplantı; Rusya,İran").text
    assert repaired == "talks on August 1 and on 10 December; 14. Toplantı; Rusya, İran"


def test_ordinal_suffixes_are_not_separated():
    assert normalise("the 21st and 8th rounds, 2-го раунда").text == (
        "the 21st and 8th rounds, 2-го раунда"
    )


def test_invisible_characters_and_end_of_line_hyphens_go_and_quotes_keep_them():
    text = (
        "The eighth round of talks on Syria was held in Asta\u00adna on December 21-22, 2017 by "
        "the nego-\ntiators of the three guaran\u200btors."
    )
    repaired = normalise(text)
    assert "Astana" in repaired.text and "negotiators" in repaired.text
    result = understand(text, published=dt.date(2017, 12, 23))
    [meeting] = result.meetings
    assert meeting.place == "Astana"
    assert meeting.quote == text  # the publisher's wording, soft hyphen and all


def test_arabic_tatweel_and_indic_digits():
    text = "عقدت الجولة الثامنة من المحادثات حول سوريا في أستانا يومي الـ٢١ و٢٢ كانون الأول ٢٠١٧."
    result = understand(text, published=dt.date(2017, 12, 23), language="ar")
    assert _held(result) == [(8, "Astana", dt.date(2017, 12, 21), dt.date(2017, 12, 22))]


@given(
    st.lists(
        st.sampled_from(
            ["word", " ", "\n", "\u200b", "\u00ad", "\u0640", "August", "1", ",", ".", "-", "Ä"]
        ),
        max_size=60,
    )
)
def test_every_span_of_the_repaired_text_maps_back_to_the_original(parts):
    original = "".join(parts)
    repaired = normalise(original)
    assert len(repaired.offsets) == len(repaired.text)
    assert list(repaired.offsets) == sorted(repaired.offsets)
    for i, ch in enumerate(repaired.text):
        source = original[repaired.offsets[i]]
        # A character is kept as it was, or is a space standing for a line break or a gap.
        assert ch == source or ch == " "
    if repaired.text:
        lo, hi = repaired.original_span(0, len(repaired.text))
        assert 0 <= lo <= hi <= len(original)
