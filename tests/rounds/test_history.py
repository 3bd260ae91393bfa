"""``rounds.history``: a change to a text or list field as a word-level difference."""

import datetime

from rounds.history import as_text, word_diff


def test_a_list_change_marks_only_the_words_that_changed():
    old = ["Syria's sovereignty reaffirmed", "Working group on detainees agreed"]
    new = ["Syria's sovereignty reaffirmed", "Working group on detainees and hostages agreed"]

    html = word_diff(old, new)

    assert "detainees <ins>and hostages </ins>agreed" in html
    assert "<del>" not in html
    assert "Syria&#x27;s sovereignty reaffirmed<br>Working group" in html


def test_a_text_change_shows_removed_and_added_words_escaped():
    html = word_diff("Talks in <Astana> on 21 December", "Talks in <Astana> on 22 December")

    assert "&lt;Astana&gt;" in html and "<Astana>" not in html
    assert "<del>21</del><ins>22</ins>" in html


def test_an_added_item_from_nothing_is_all_inserted():
    assert word_diff(None, ["Ceasefire"]) == "<ins>Ceasefire</ins>"
    assert word_diff("Old note", "") == "<del>Old note</del>"


def test_values_without_words_are_left_to_old_and_new():
    assert word_diff(datetime.date(2017, 12, 21), datetime.date(2017, 12, 22)) is None
    assert word_diff(3, 4) is None
    assert as_text({"attendance": 1393, "un": "observer"}) == "attendance: 1393\nun: observer"
