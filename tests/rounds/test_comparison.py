"""The paragraph-level comparison of two statement texts: pure, tested on texts we wrote."""

from rounds.comparison import (
    ADDED,
    MOVED,
    REMOVED,
    REWORDED,
    UNCHANGED,
    Segment,
    compare_paragraphs,
    paragraphs,
)
from tests.rounds.statement_texts import (
    EXPECTED_KINDS,
    EXPECTED_SUMMARY,
    NEWER_BODY,
    OLDER_BODY,
)


def test_paragraphs_are_split_on_blank_lines_and_whitespace_collapsed():
    text = "First  paragraph\nwrapped here.\n\n  \n\nSecond one.\r\n\r\nThird."
    assert paragraphs(text) == ["First paragraph wrapped here.", "Second one.", "Third."]


def test_a_text_without_blank_lines_has_one_paragraph_a_line():
    assert paragraphs("One.\nTwo.\n\t\nThree.") == ["One. Two.", "Three."]
    assert paragraphs("One.\nTwo.\nThree.") == ["One.", "Two.", "Three."]
    assert paragraphs("") == []


def test_moved_reworded_added_and_removed_paragraphs_are_marked():
    result = compare_paragraphs(OLDER_BODY, NEWER_BODY)

    assert [row.kind for row in result.rows] == EXPECTED_KINDS
    assert result.summary == EXPECTED_SUMMARY
    assert result.changed
    moved = result.rows[0]
    assert (moved.old_number, moved.new_number) == (5, 1)
    assert moved.new_text == "They agreed to hold the next meeting in Astana in the spring."


def test_a_reworded_paragraph_is_marked_word_by_word():
    result = compare_paragraphs(OLDER_BODY, NEWER_BODY)

    reworded = next(row for row in result.rows if row.kind == REWORDED)
    assert (reworded.old_number, reworded.new_number) == (3, 4)
    inserted = "".join(s.text for s in reworded.new if s.kind == "insert")
    assert "urgent" in inserted and "unhindered" in inserted
    assert all(s.kind != "delete" for s in reworded.new)
    assert reworded.old_text.startswith("They underlined the importance of humanitarian access")
    assert reworded.new_text.startswith("They underlined the urgent importance")


def test_a_removed_paragraph_stands_where_it_was_and_an_added_one_where_it_is():
    result = compare_paragraphs(OLDER_BODY, NEWER_BODY)

    removed = next(row for row in result.rows if row.kind == REMOVED)
    added = next(row for row in result.rows if row.kind == ADDED)
    assert (removed.old_number, removed.new_number) == (4, None)
    assert "release of detainees" in removed.old_text and removed.new == ()
    assert (added.old_number, added.new_number) == (None, 5)
    assert added.new == (Segment("insert", added.new_text),)


def test_the_same_text_is_all_unchanged_whatever_the_spacing():
    result = compare_paragraphs(
        "A  first paragraph.\n\nA second.", "A first\nparagraph.\n\nA second."
    )

    assert [row.kind for row in result.rows] == [UNCHANGED, UNCHANGED]
    assert not result.changed
    assert result.summary == {"unchanged": 2, "moved": 0, "reworded": 0, "added": 0, "removed": 0}


def test_swapped_paragraphs_are_one_moved_and_a_different_one_is_not_reworded():
    result = compare_paragraphs(
        "Alpha paragraph text.\n\nBeta paragraph text here.\n\nThe ceasefire holds in Idlib.",
        "Beta paragraph text here.\n\nAlpha paragraph text.\n\nRefugees should return home soon.",
    )

    kinds = sorted(row.kind for row in result.rows)
    assert kinds == sorted([MOVED, UNCHANGED, REMOVED, ADDED])


def test_empty_texts_compare_to_nothing_and_everything_added():
    assert compare_paragraphs("", "").rows == []
    result = compare_paragraphs("", "Only new.\n\nAlso new.")
    assert [row.kind for row in result.rows] == [ADDED, ADDED]
