"""Normalisation of a text before anything reads it, keeping a map back to the original.

Real articles arrive with the accidents of their channel: lines hard-wrapped in the middle of a
sentence ("talks on 10-11" / "December 2019"), words split by a hyphen at the end of a line,
invisible characters (zero-width spaces and joiners, soft hyphens, byte-order marks, the Arabic
tatweel that stretches "الـ14"), and words run together where markup was stripped ("August1",
"14.Toplantı", "Rusya,İran"). Every matcher downstream would need its own tolerance for each of
these; instead the text is repaired once here.

:func:`normalise` returns a :class:`Normalised` text whose ``offsets`` give, for every character
of the repaired text, the index of the character of the original it came from. A span of the
repaired text maps back with :meth:`Normalised.original_span`, so quotes stay exact substrings of
what the publisher wrote. The repair never changes a character into another: it only deletes
(invisible characters, end-of-line hyphens), turns a wrapping line break into a space, and
inserts a space between run-together words.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cache

from ._text import fold

# Characters that carry no text: deleted. Arabic short-vowel marks (harakat, U+064B-U+065F,
# U+0670) go too: "عُقد" and "عقد" are one word to every matcher.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u0640\u200e\u200f\u061c"
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
)
# A line that ends a sentence or a heading's punctuation: the break after it is real.
_TERMINAL = re.compile(r"[.!?\u061f\u06d4:;\u2026\"'\u201d\u00bb)\]|]\s*$")
# A line that plainly continues on the next: it ends in a digit, a comma, a connector dash,
# or a word that cannot end a sentence.
_CONTINUES = re.compile(r"[\d,\u060c(\u2013\u2014-]\s*$")
# A line ending in a word that cannot end a sentence ("and", "в", "ve", "في") always continues.
_CONNECTOR_END = re.compile(
    r"(?<!\w)(?:the|a|an|of|in|on|at|to|and|or|for|from|with|by|"
    r"в|во|на|и|с|по|к|от|для|из|о|об|ve|ile|için|ki|في|من|على|الى|إلى|و|عن|مع)\s*$",
    re.IGNORECASE,
)
# The next line starts in lower case: it continues the sentence before it.
_LOWER_START = re.compile(r"\s*[^\W\d_]")
_CAPS_START = re.compile(r"\s*[A-ZА-ЯЁ][A-ZА-ЯЁ-]{2,}(?![a-zа-яё])")
_TIME_END = re.compile(r"\d{1,2}:\d\d\s*$")
_WORD_HYPHEN_END = re.compile(r"[^\W\d_]{2,}-$")
# Run-together words: letters glued to digits ("August1", "10December"), a Turkish ordinal glued
# to its noun ("14.Toplantı"), a comma glued to the next word ("Rusya,İran").
_GLUED = re.compile(
    r"(?<=[^\W\d_]{3})(?=\d)(?<!\u0627\u0644)"  # "august1" (not Arabic "ال14": a prefix)
    r"|(?<=\d)(?=[^\W\d_]{4,})(?!(?:st|nd|rd|th|го|ого|ый|ой|ий|ая|ую|ое|ом|ей|ым|ые|ых)\b)"
    r"|(?<=\d\.)(?=[^\W\d_]{3})"
    r"|(?<=[^\W\d_]{2}[,\u060c])(?=[^\W\d_]{2})"
)


# Arabic words glued together where markup was stripped: "تركياوروسيا", "الأممالمتحدة".
_ARABIC_RUN = re.compile(r"[\u0621-\u064a]{7,}")
_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "وال")


@cache
def _arabic_words() -> dict[str, tuple[int, ...]]:
    """Folded Arabic names the gazetteer knows, the words of the longer ones, and each longer
    name written without its spaces, with where those spaces were."""
    from .gazetteer import GAZETTEER  # the gazetteer needs nothing from here

    words: dict[str, tuple[int, ...]] = {}
    for entry in GAZETTEER:
        for alias in entry.aliases.get("ar", ()):
            parts = fold(alias).split()
            for word in parts:
                if len(word) >= 3:
                    words.setdefault(word, ())
            if len(parts) > 1:
                inner, at = [], 0
                for word in parts[:-1]:
                    at += len(word)
                    inner.append(at)
                words.setdefault("".join(parts), tuple(inner))
    return words


def _split_glued(token: str) -> list[int] | None:
    """Where to put spaces in a run of glued Arabic words, or None when it is one word.

    The run must split whole into known names, each after an optional clitic (و ف ب ل).
    """
    known = _arabic_words()
    folded = fold(token)
    n = len(folded)
    best: dict[int, list[int]] = {0: []}
    for i in range(n):
        if i not in best:
            continue
        for clitic in _CLITICS:
            if not folded.startswith(clitic, i):
                continue
            begin = i + len(clitic)
            for j in range(begin + 3, n + 1):
                inner = known.get(folded[begin:j])
                if inner is not None and j not in best:
                    best[j] = [*best[i], *([i] if i else []), *(begin + k for k in inner)]
    cuts = best.get(n)
    if not cuts or folded in known:
        return None
    return cuts


@dataclass(frozen=True, slots=True)
class Normalised:
    """A repaired text and, for each of its characters, the index it came from."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            point = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return point, point
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_quote(self, quote: str, hint: int = 0) -> str:
        """The original wording of ``quote``, a substring of the repaired text."""
        start = self.text.find(quote, hint)
        if start < 0:
            start = self.text.find(quote)
        if start < 0 or not quote:
            return quote
        lo, hi = self.original_span(start, start + len(quote))
        return self.original[lo:hi]


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None when it was not.

    A hard-wrapped text has several long lines that do not end a sentence and whose lengths lie
    close together (the wrap width less a word).
    """
    open_lines = [len(x) for x in lines if len(x) >= 40 and not _TERMINAL.search(x)]
    if len(open_lines) < 3:
        return None
    width = max(open_lines)
    close = [n for n in open_lines if n >= 0.75 * width]
    if len(close) < 3 or statistics.pstdev(close) > 0.12 * width:
        return None
    return width


def _joins(prev: str, nxt: str, width: int | None, first: bool) -> bool:
    """True when the line break between ``prev`` and ``nxt`` wraps one sentence.

    A break is kept after a line that ends a sentence, before a line that opens with a word in
    capitals (a dateline: "NUR-SULTAN. KAZINFORM") and after a time stamp ("18:06"); the first
    line (often a headline) is joined only where it plainly continues.
    """
    if not prev.strip() or not nxt.strip() or _TERMINAL.search(prev):
        return False
    if _LOWER_START.match(nxt) and nxt.lstrip()[0].islower():
        return True
    if _CAPS_START.match(nxt) or _TIME_END.search(prev):
        return False
    if _CONNECTOR_END.search(prev):
        return True
    if _CONTINUES.search(prev) and len(prev.strip()) >= 40:
        return True
    return bool(width and not first and len(prev) >= 0.75 * width)


def normalise(text: str) -> Normalised:
    """Repair ``text`` (see the module docstring) and keep the map back to it."""
    out: list[str] = []
    offsets: list[int] = []
    lines = text.split("\n")
    width = _wrap_width(lines)
    position = 0
    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        join = nxt is not None and _joins(line, nxt, width, first=not out)
        body = line
        if join and _WORD_HYPHEN_END.search(line.rstrip()) and nxt.lstrip()[:1].islower():
            # "negotia-" / "tions": the hyphen and the break go, the word is whole again.
            body = line.rstrip()[:-1]
        for i, ch in enumerate(body):
            if ch not in _INVISIBLE:
                out.append(ch)
                offsets.append(position + i)
        if nxt is not None:
            if join and body is not line:
                pass  # a hyphenated word continues directly
            else:
                out.append(" " if join else "\n")
                offsets.append(position + len(line))
        position += len(line) + 1
    repaired = "".join(out)
    # Insert a space between run-together words; an inserted space maps to the character after it.
    cuts = [m.start() for m in _GLUED.finditer(repaired)]
    for run in _ARABIC_RUN.finditer(repaired):
        split = _split_glued(run.group())
        if split:
            cuts.extend(run.start() + at for at in split)
    pieces: list[str] = []
    mapped: list[int] = []
    cursor = 0
    for at in sorted(set(cuts)):
        pieces.append(repaired[cursor:at])
        mapped.extend(offsets[cursor:at])
        pieces.append(" ")
        mapped.append(offsets[at] if at < len(offsets) else len(text))
        cursor = at
    pieces.append(repaired[cursor:])
    mapped.extend(offsets[cursor:])
    return Normalised("".join(pieces), tuple(mapped), text)
