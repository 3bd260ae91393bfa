"""Readable differences between two texts, for statement and round pages. Pure: no database.

Texts are compared sentence by sentence (``difflib.SequenceMatcher``), and sentences that were
reworded are compared word by word, so a reader sees which words changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import zip_longest

from django.utils.translation import gettext

# One word-level diff for the whole site: the statement comparison's (rounds.comparison).
from rounds.comparison import DELETE, EQUAL, INSERT, Segment, word_segments

REPLACE = "replace"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"“(«])")
# Reworded lines are compared word by word only when this similar; otherwise one line was
# dropped and another added, and word-level marks would only be noise.
PAIR_MIN_RATIO = 0.5
# Above this many sentences on a side, word-level pairing is skipped (quadratic cost).
WORD_DIFF_MAX_LINES = 400


@dataclass(frozen=True)
class DiffRow:
    """One aligned row: the older side, the newer side (either may be None) and what changed."""

    kind: str
    old: tuple[Segment, ...] | None
    new: tuple[Segment, ...] | None


@dataclass(frozen=True)
class Comparison:
    rows: list[DiffRow]
    basis: str  # what was compared, said on the page
    older_label: str
    newer_label: str

    @property
    def changed(self) -> bool:
        return any(row.kind != EQUAL for row in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        added = sum(1 for r in self.rows if r.kind in (INSERT, REPLACE) and r.new)
        removed = sum(1 for r in self.rows if r.kind in (DELETE, REPLACE) and r.old)
        return {"added": added, "removed": removed}


def sentences(text: str) -> list[str]:
    """Split a document into paragraphs, then sentences; blank parts dropped."""
    out = []
    for paragraph in re.split(r"\n\s*\n|\r\n\s*\r\n", text or ""):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            out.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
    return out


def _similar(old: str, new: str) -> bool:
    a, b = old.split(), new.split()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= PAIR_MIN_RATIO


def diff_lines(old: list[str], new: list[str]) -> list[DiffRow]:
    """Align two lists of lines; reworded lines are paired and diffed word by word."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    word_level = max(len(old), len(new)) <= WORD_DIFF_MAX_LINES
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            rows.extend(
                DiffRow(EQUAL, (Segment(EQUAL, line),), (Segment(EQUAL, line),))
                for line in old[i1:i2]
            )
        elif tag == DELETE:
            rows.extend(DiffRow(DELETE, (Segment(DELETE, line),), None) for line in old[i1:i2])
        elif tag == INSERT:
            rows.extend(DiffRow(INSERT, None, (Segment(INSERT, line),)) for line in new[j1:j2])
        else:
            for left, right in zip_longest(old[i1:i2], new[j1:j2]):
                if left is None:
                    rows.append(DiffRow(INSERT, None, (Segment(INSERT, right),)))
                elif right is None:
                    rows.append(DiffRow(DELETE, (Segment(DELETE, left),), None))
                elif word_level and _similar(left, right):
                    old_segments, new_segments = word_segments(left, right)
                    rows.append(DiffRow(REPLACE, old_segments, new_segments))
                else:
                    rows.append(DiffRow(DELETE, (Segment(DELETE, left),), None))
                    rows.append(DiffRow(INSERT, None, (Segment(INSERT, right),)))
    return rows


def compare_texts(old: str, new: str, *, older_label: str, newer_label: str) -> Comparison:
    return Comparison(
        rows=diff_lines(sentences(old), sentences(new)),
        basis=gettext("full text, sentence by sentence"),
        older_label=older_label,
        newer_label=newer_label,
    )


def round_summary_lines(*, documents: list[str], outcomes: list[str]) -> list[str]:
    """What a round adopted, one line each, for the comparison when no statement text exists."""
    document, outcome = gettext("Document: %(text)s"), gettext("Outcome: %(text)s")
    return [document % {"text": d} for d in documents] + [outcome % {"text": o} for o in outcomes]


def compare_rounds(
    *,
    older_label: str,
    newer_label: str,
    older_statement: str,
    newer_statement: str,
    older_documents: list[str],
    newer_documents: list[str],
    older_outcomes: list[str],
    newer_outcomes: list[str],
) -> Comparison:
    """A round against the previous one: their joint statements' text when both have it,
    otherwise the titles of the documents they adopted and their recorded outcomes."""
    if older_statement.strip() and newer_statement.strip():
        return compare_texts(
            older_statement, newer_statement, older_label=older_label, newer_label=newer_label
        )
    return Comparison(
        rows=diff_lines(
            round_summary_lines(documents=older_documents, outcomes=older_outcomes),
            round_summary_lines(documents=newer_documents, outcomes=newer_outcomes),
        ),
        basis=gettext(
            "the documents adopted and the recorded outcomes (no full text of the joint "
            "statements is on record)"
        ),
        older_label=older_label,
        newer_label=newer_label,
    )
