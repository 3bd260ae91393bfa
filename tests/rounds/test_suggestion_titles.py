"""``review.titles``: what a suggestion proposes, in words and field by field."""

from rounds.suggestion_titles import compare_fields, suggestion_title


def test_round_dates_read_as_a_sentence():
    title = suggestion_title(
        kind="round_dates",
        key="round:8:2017-12-20:2017-12-21",
        payload={"start_date": "2017-12-20", "end_date": "2017-12-21"},
        current={"start_date": "2017-12-21", "end_date": "2017-12-22"},
        record="Round 8: Astana-8",
    )

    assert title == "Round 8: dates 20–21 Dec 2017 instead of 21–22 Dec 2017"


def test_new_records_are_named_by_what_they_would_be():
    statement = suggestion_title(
        kind="new_statement",
        key="statement:14:joint_statement:abc",
        payload={"round_number": 14, "kind": "joint_statement", "title": "Joint Statement"},
        current={},
        record="",
    )
    event = suggestion_title(
        kind="new_event",
        key="event:summit:2019-09-16",
        payload={"title": "Guarantors' summit in Ankara", "start": "2019-09-16", "end": None},
        current={},
        record="",
    )

    assert statement == "New statement: Joint Statement (round 14)"
    assert event == "New event: Guarantors' summit in Ankara (16 Sep 2019)"
    assert "statement:14" not in statement


def test_compare_fields_marks_what_would_change():
    rows = compare_fields(
        current={"start_date": "2017-12-21", "end_date": "2017-12-22"},
        proposed={"start_date": "2017-12-20", "end_date": "2017-12-22"},
    )

    assert [(r.label, r.current, r.proposed, r.changed) for r in rows] == [
        ("Start date", "2017-12-21", "2017-12-20", True),
        ("End date", "2017-12-22", "2017-12-22", False),
    ]
