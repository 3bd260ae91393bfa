"""When two document titles name the same document: the one rule, for understanding (one text
naming a document twice) and for linking (a document a text names, against the statements on
record)."""

from __future__ import annotations

import re

# How many words of four letters or more two titles must share to name the same document
# (or half the words of the shorter title, for short ones such as "joint statement").
SAME_TITLE_WORDS = 3


def title_words(title: str) -> set[str]:
    """The words of four letters or more of ``title``, case-folded."""
    return set(re.findall(r"\w{4,}", title.casefold()))


def same_document(words: set[str], other: set[str]) -> bool:
    """True when two titles' words (:func:`title_words`) name the same document."""
    shared = len(words & other)
    shorter = min(len(words), len(other))
    return shared >= SAME_TITLE_WORDS or (shorter > 0 and 2 * shared >= shorter)


def restates(words: set[str], other: set[str]) -> bool:
    """True when one title only restates the other (its words are a subset): within one text,
    "the joint statement" and "the joint statement of Iran, Russia and Turkey" are one
    document."""
    return words <= other or other <= words
