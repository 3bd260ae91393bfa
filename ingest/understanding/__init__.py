"""The "Understand" step of news ingestion: pure functions from text to an :class:`Extraction`.

No database, no network; pure functions (the language guess uses ``ingest.language``). Entry point::

    understand(text, published=date(2017, 12, 22), language="en", title=None,
               calendar=(KnownRound(8, date(2017, 12, 21), date(2017, 12, 22), "Astana"), ...))
        -> Extraction

``calendar`` is optional: the rounds the caller already knows (curated data). It only fills
gaps the text leaves (a round's number from its dates, its city, whether it was already held);
with an empty calendar everything comes from the text alone. The package keeps no copy of it.

``Extraction.to_dict()`` has exactly this shape (other tools depend on it)::

    {"relevant": bool, "round_numbers": [int],
     "meetings": [{"kind", "round_number", "place", "start", "end", "status", "quote",
                   "confidence", "reason"}],
     "places": [str], "participants": [str],
     "documents": [{"kind", "title", "quote", "confidence", "reason"}], "topics": [str]}

Every meeting and document carries a ``confidence`` (0-1: how far the text itself supports
it; facts stated weigh more than facts inferred from the calendar or the publication date) and
a ``reason`` saying what it rests on. Linking cites an article on a public record only where
its claim agrees with the curated record; everything else waits for review.

Names are the canonical English names of :mod:`.gazetteer`. Astana and Nur-Sultan are one
place named ``"Astana"`` (one Place record; the quote keeps the name used at the time).
``participants`` holds only those the text names: "the three guarantors", "страны-гаранты",
"garantör ülkeler", "الدول الضامنة" name none of them (they make a text relevant).
Every ``quote`` is an exact substring of the input text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.language import detect_language

from ._text import fold
from .documents import Document, extract_documents
from .gazetteer import (
    GAZETTEER,
    MEDIA,
    PLACE,
    GazetteerEntry,
    canonical_name,
    find_mentions,
    gazetteer_records,
)
from .meetings import Meeting, extract_meetings
from .normalise import normalise
from .ordinals import find_round_numbers
from .relevance import is_relevant
from .round_calendar import KnownRound, RoundCalendar, publication_from_calendar
from .sentences import split_sentences
from .topics import find_topics

__all__ = [
    "GAZETTEER",
    "Document",
    "Extraction",
    "GazetteerEntry",
    "KnownRound",
    "Meeting",
    "canonical_name",
    "detect_language",
    "gazetteer_records",
    "understand",
]

#: The languages understanding reads; the one detector (``ingest.language``) chooses among them.
LANGUAGES = ("en", "ru", "tr", "ar")

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one text says about the Astana process."""

    relevant: bool
    language: str
    round_numbers: tuple[int, ...]
    meetings: tuple[Meeting, ...]
    places: tuple[str, ...]
    participants: tuple[str, ...]
    documents: tuple[Document, ...]
    topics: tuple[str, ...]

    def to_dict(self) -> dict:
        """The JSON shape shared with other tools (``language`` is not part of it)."""
        return {
            "relevant": self.relevant,
            "round_numbers": list(self.round_numbers),
            "meetings": [m.to_dict() for m in self.meetings],
            "places": list(self.places),
            "participants": list(self.participants),
            "documents": [d.to_dict() for d in self.documents],
            "topics": list(self.topics),
        }


def _reference_year(text: str, published: dt.date | None) -> int | None:
    if published:
        return published.year
    years = [int(y) for y in _YEAR.findall(text) if 2015 <= int(y) <= 2035]
    return max(years) if years else None


def understand(
    text: str,
    *,
    published: dt.date | None = None,
    language: str | None = None,
    title: str | None = None,
    calendar: Sequence[KnownRound] = (),
) -> Extraction:
    """Extract rounds, meetings, places, participants, documents and topics from ``text``.

    ``published`` anchors years left out and relative dates ("today", "Friday"). ``language``
    is an ISO 639-1 code; when None it is guessed by ``ingest.language`` (English if unsure).
    ``title`` is read for relevance, places, participants and topics but quotes always come
    from ``text``.
    ``calendar`` is the rounds the caller already knows (see :mod:`.round_calendar`); the text
    always wins over it, and with the default empty calendar only the text is used.
    Irrelevant texts get no rounds, meetings or documents.
    """
    original = normalise(text)
    text = original.text
    title = normalise(title).text if title else title
    language = language or detect_language(text, languages=LANGUAGES) or "en"
    folded = fold(text)
    sentences = split_sentences(text, language)
    mentions = find_mentions(text, folded)
    title_mentions = find_mentions(title) if title else []
    title_folded = fold(title) if title else ""
    relevant = is_relevant(folded + "\n" + title_folded, mentions + title_mentions)

    round_mentions = find_round_numbers(text, folded) if relevant else []
    if published is None and calendar and round_mentions:
        # An undated page that says a known round is on "today" dates itself.
        published = publication_from_calendar(
            folded,
            [(s.start, s.end) for s in sentences],
            [(r.number, r.start) for r in round_mentions],
            RoundCalendar(calendar),
        )
    meetings = (
        extract_meetings(
            text,
            folded,
            sentences,
            mentions,
            round_mentions,
            published=published,
            ref_year=_reference_year(text + " " + (title or ""), published),
            calendar=RoundCalendar(calendar),
            language=language,
        )
        if relevant
        else []
    )
    numbers: list[int] = []
    asserted = [m for m in meetings if not m.in_passing]
    for number in (
        [m.round_number for m in asserted if m.status == "held"]
        + [m.round_number for m in asserted]
        + [r.number for r in round_mentions]
    ):
        if number and number not in numbers:
            numbers.append(number)

    places: list[str] = []
    participants: list[str] = []
    for mention in title_mentions + mentions:
        if mention.entry.kind == MEDIA:
            continue  # "روسيا اليوم" (Russia Today) in a credit line names no state
        bucket = places if mention.entry.kind == PLACE else participants
        if mention.entry.name not in bucket:
            bucket.append(mention.entry.name)
    for meeting in meetings:
        if meeting.place and meeting.place not in places:
            places.append(meeting.place)

    documents = extract_documents(text, folded, sentences) if relevant else []
    # Quotes were read from the repaired text: give back the publisher's own wording.
    meetings = [dataclasses.replace(m, quote=original.original_quote(m.quote)) for m in meetings]
    documents = [dataclasses.replace(d, quote=original.original_quote(d.quote)) for d in documents]
    topics = find_topics(folded + "\n" + title_folded)
    return Extraction(
        relevant=relevant,
        language=language,
        round_numbers=tuple(numbers),
        meetings=tuple(meetings),
        places=tuple(places),
        participants=tuple(participants),
        documents=tuple(documents),
        topics=tuple(topics),
    )
