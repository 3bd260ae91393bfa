"""A statement's text against an earlier one, paragraph by paragraph. Pure: no database.

Each paragraph of the two texts ends in exactly one row:

- **unchanged**: the same paragraph (whitespace aside) in the same order;
- **moved**: the same paragraph, but out of the order the rest keeps;
- **reworded**: a paragraph of the older text whose words mostly survive in one of the newer
  (word-level marks show what changed);
- **removed** / **added**: only in the older / only in the newer text.

Paragraphs kept in order are found with ``difflib.SequenceMatcher``; of the rest, identical
paragraphs are *moved*, and the most similar remaining pairs are *reworded*. Rows follow the
newer text; a removed paragraph is shown where it stood in the older one (after the paragraph
kept in place before it).

The dashboard's statement page and the API's ``/statements/<slug>/comparison/`` both show this
(``rounds.selectors.statement_comparison``); ``dashboard/diffs.py`` keeps the sentence-level
comparison of any two texts and of rounds, which the dashboard alone uses.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

UNCHANGED, MOVED, REWORDED, ADDED, REMOVED = "unchanged", "moved", "reworded", "added", "removed"
KINDS = (UNCHANGED, MOVED, REWORDED, ADDED, REMOVED)
EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# Two paragraphs are one reworded paragraph when this share of their words lines up
# (SequenceMatcher ratio over words); below it, one was dropped and another written.
REWORDED_MIN_RATIO = 0.5
# Pairing reworded paragraphs compares every unmatched pair (quadratic); past this many
# unmatched paragraphs on a side the rest are reported as added and removed.
PAIRING_MAX_PARAGRAPHS = 300

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_WORD = re.compile(r"\s*\S+\s*")


@dataclass(frozen=True)
class Segment:
    """A run of words: ``equal`` in both texts, ``insert`` only in the newer, ``delete`` only
    in the older."""

    kind: str
    text: str


@dataclass(frozen=True)
class ParagraphRow:
    """One paragraph's fate. ``old_number``/``new_number`` are 1-based positions in the older
    and newer text (None on the side it is missing from); ``old``/``new`` its words, marked
    word by word when reworded."""

    kind: str
    old_number: int | None
    new_number: int | None
    old: tuple[Segment, ...] = ()
    new: tuple[Segment, ...] = ()

    @property
    def old_text(self) -> str:
        return "".join(s.text for s in self.old)

    @property
    def new_text(self) -> str:
        return "".join(s.text for s in self.new)


@dataclass(frozen=True)
class ParagraphComparison:
    rows: list[ParagraphRow] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        """How many paragraphs of each kind, every kind present (0 when none)."""
        counts = dict.fromkeys(KINDS, 0)
        for row in self.rows:
            counts[row.kind] += 1
        return counts

    @property
    def changed(self) -> bool:
        return any(row.kind != UNCHANGED for row in self.rows)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, whitespace inside each collapsed; blank ones dropped.

    Blank lines separate paragraphs; a text without any (an extracted page, one paragraph a
    line) has one paragraph a line.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [p for p in (" ".join(part.split()) for part in parts) if p]


def _ratio(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def word_segments(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The older and newer wording, marked word by word."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == EQUAL:
            left.append(Segment(EQUAL, "".join(a[i1:i2])))
            right.append(Segment(EQUAL, "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Segment(DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment(INSERT, "".join(b[j1:j2])))
    return tuple(left), tuple(right)


def _match(old: list[str], new: list[str]) -> tuple[dict[int, tuple[str, int]], set[int]]:
    """For each newer paragraph index matched to an older one: (kind, older index)."""
    matched: dict[int, tuple[str, int]] = {}
    used_old: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            matched[block.b + k] = (UNCHANGED, block.a + k)
            used_old.add(block.a + k)
    # Identical paragraphs out of order: moved (first free occurrence, in order).
    free_old: dict[str, list[int]] = {}
    for i, paragraph in enumerate(old):
        if i not in used_old:
            free_old.setdefault(paragraph, []).append(i)
    for j, paragraph in enumerate(new):
        if j not in matched and free_old.get(paragraph):
            i = free_old[paragraph].pop(0)
            matched[j] = (MOVED, i)
            used_old.add(i)
    # The most similar remaining pairs: reworded.
    rest_old = [i for i in range(len(old)) if i not in used_old]
    rest_new = [j for j in range(len(new)) if j not in matched]
    if max(len(rest_old), len(rest_new)) <= PAIRING_MAX_PARAGRAPHS:
        pairs = sorted(
            (
                (-ratio, abs(i - j), i, j)
                for i in rest_old
                for j in rest_new
                if (ratio := _ratio(old[i], new[j])) >= REWORDED_MIN_RATIO
            ),
        )
        for _, _, i, j in pairs:
            if i not in used_old and j not in matched:
                matched[j] = (REWORDED, i)
                used_old.add(i)
    return matched, used_old


def compare_paragraphs(old: str, new: str) -> ParagraphComparison:
    """Paragraph-level comparison of an older and a newer text (see the module docstring)."""
    old_paragraphs, new_paragraphs = paragraphs(old), paragraphs(new)
    matched, used_old = _match(old_paragraphs, new_paragraphs)
    removed = [i for i in range(len(old_paragraphs)) if i not in used_old]
    rows: list[ParagraphRow] = []

    def flush_removed(before: int) -> None:
        while removed and removed[0] < before:
            i = removed.pop(0)
            rows.append(
                ParagraphRow(REMOVED, i + 1, None, old=(Segment(DELETE, old_paragraphs[i]),))
            )

    def flush_following(after: int) -> None:
        # Paragraphs removed right after one kept in place are shown right after it.
        end = after + 1
        while end in removed:
            end += 1
        flush_removed(end)

    for j, paragraph in enumerate(new_paragraphs):
        kind, i = matched.get(j, (ADDED, None))
        if kind in (UNCHANGED, REWORDED):
            flush_removed(i)
        if kind == ADDED:
            rows.append(ParagraphRow(ADDED, None, j + 1, new=(Segment(INSERT, paragraph),)))
        elif kind == REWORDED:
            old_segments, new_segments = word_segments(old_paragraphs[i], paragraph)
            rows.append(ParagraphRow(REWORDED, i + 1, j + 1, old=old_segments, new=new_segments))
        else:
            segment = (Segment(EQUAL, paragraph),)
            rows.append(ParagraphRow(kind, i + 1, j + 1, old=segment, new=segment))
        if kind in (UNCHANGED, REWORDED):
            flush_following(i)
    flush_removed(len(old_paragraphs))
    return ParagraphComparison(rows=rows)
