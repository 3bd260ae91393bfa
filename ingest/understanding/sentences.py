"""Sentence splitting that keeps every sentence as an exact slice of the input."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A boundary is end punctuation (optionally followed by closing quotes) and whitespace, or a
# blank line / line break. Abbreviations and initials are rejoined afterwards.
_BOUNDARY = re.compile(r"(?<=[.!?\u061f\u06d4])(?P<q>[\"'\u201d\u00bb)]*)\s+|\s*\n\s*")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|[A-Z]\.[A-Z]|U\.S|U\.N|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|г|гг|т\.е|им|ул)\.)$"
)
# Turkish ordinals ("8. tur") end in a period; a one- or two-digit number before the period
# is an ordinal, not the end of a sentence, when the next word starts in lower case.
_ORDINAL_DOT = re.compile(r"(?<![\d.])\d{1,2}\.$")


# No real sentence is this long; a text without sentence breaks (a table, a dump, a hostile page)
# is cut into pieces of about this size at a space, so every later step works on bounded
# pieces and the whole stays linear in the length of the text.
MAX_SENTENCE = 1500


def _bounded(start: int, end: int, text: str):
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; each keeps its offsets and exact original wording.

    In Turkish a number of one or two digits with a period is an ordinal ("14. Toplantı",
    "11. Astana toplantısı") whatever the case of the next word, so it never ends a sentence.
    """
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group("q") or "")
        head = text[cursor:end]
        if "\n" not in match.group() and head:
            tail = text[match.end() : match.end() + 1]
            if _ABBREVIATION.search(head) or (
                _ORDINAL_DOT.search(head) and tail and (language == "tr" or not tail.isupper())
            ):
                continue
            if tail and tail.islower() and not head.endswith(("!", "?")):
                continue
        pieces.append((cursor, end))
        cursor = match.end()
    pieces.append((cursor, len(text)))
    sentences = []
    for start, end in (b for piece in pieces for b in _bounded(*piece, text)):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Sentence(start, end, text[start:end]))
    return sentences
