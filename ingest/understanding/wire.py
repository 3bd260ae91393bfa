"""Wire stories: the header that opens them ("ASTANA, Sept 15 (Reuters) -") and its dateline
city. The header's date is when the story was filed, not when a meeting took place."""

from __future__ import annotations

import re

from .gazetteer import canonical_name


def find_dateline_place(text: str) -> str | None:
    """The city of a wire-style dateline ("ASTANA. KAZINFORM", "NUR-SULTAN, July 8. /TASS/")."""
    for match in _DATELINE.finditer(text[:800]):
        name = canonical_name(match.group("city"))
        if name:
            return name
    return None


# A wire header at the very start: "ASTANA, Sept 15 (Reuters) - ", "АСТАНА, 22 декабря. /ТАСС/.",
# "Астана, 21 декабря /Синьхуа/ --",
# "ASTANA, 22 Aralık (Sputnik) - ", "أستانا، 24 كانون الثاني (رويترز) - ". Its date is when the
# story was filed, not when a meeting took place.
_WIRE_HEADER = re.compile(
    r"^\s*[^\W\d_][^\n,،(]{1,40}?[,،]\s*[^\n]{0,40}?\d[^\n]{0,30}?"
    r"(?:\s*\([^()\n]{1,30}\)\s*[-–—]+|\s*\.?\s*/[^/\n]{1,15}/\s*(?:\.|[-–—]+)?|\s+[-–—]+)(?=\s)"
)


def wire_header_span(text: str) -> tuple[int, int]:
    """The span of a wire header ("ASTANA, Sept 15 (Reuters) -") opening the text or one of
    its first lines (after a headline or page furniture), or (0, 0) when there is none."""
    at = 0
    for _ in range(8):
        if at >= 800:
            break
        match = _WIRE_HEADER.match(text[at : at + 200])
        if match:
            return at, at + match.end()
        newline = text.find("\n", at)
        if newline < 0:
            break
        at = newline + 1
    return 0, 0


def wire_header_end(text: str) -> int:
    """The end offset of the wire header (see :func:`wire_header_span`), or 0."""
    return wire_header_span(text)[1]


_DATELINE = re.compile(
    r"(?m)^\s*(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ-]{2,}(?:\s[A-ZА-ЯЁ-]{3,})?)\s*(?:,|\.|\(|\s-)\s"
)
