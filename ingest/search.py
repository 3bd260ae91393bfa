"""The full-text search engine every search in the project goes through.

One engine, two databases:

- **PostgreSQL**: a stored ``tsvector`` per record in an index table with a GIN index, built
  with the text search configuration of the record's language (``english``, ``russian``,
  ``turkish``, ``arabic``, otherwise ``simple``) from weighted fields (A: names and titles,
  B: heads of delegation, outcomes, topics, C: running text); ranked with ``ts_rank``.
- **SQLite**: an FTS5 table with the ``unicode61 remove_diacritics 2`` tokenizer, ranked with
  ``bm25`` and the same column weights.

On both, excerpts are cut and marked in Python (:func:`highlight`) for the records shown only.

Both index text folded by :func:`fold_text` (case and diacritics in every script, Arabic
alef variants, Turkish dotted I), and read a query through :func:`parse_query`: a place or
participant of the gazetteer (``ingest/understanding/gazetteer.py``) becomes every name it
goes by in en/ru/tr/ar, and a query naming a round ("8", "Astana-8", "round 8", "8-й
раунд", "8. tur", "الجولة الثامنة") carries that round's number so the caller can put the
round first.

An index is a :class:`SearchIndex` over one table; the services that write a record keep its
entry in step (``put``/``remove`` in the writer's transaction). A search looks at no more
than ``CANDIDATES`` matches per kind, the first in the index's order (oldest first): ranking
is over those, and counts stop there, so a word found in every article costs the same as a
rare one. They are the same matches on every request (PostgreSQL started a scan of a large
table where the last one stopped, so "the first 1,000 found" changed between requests; the
search session turns that off). Asking for the newest matches instead (``ORDER BY id DESC``)
made PostgreSQL walk the whole primary key for a rare word (100 ms at 100k articles).
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape

from django.db import connection, transaction
from django.db.models import BooleanField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from astana_site.api.pagination import few_rows
from astana_site.exceptions import TrackerError
from ingest.understanding._text import fold
from ingest.understanding.gazetteer import find_mentions
from ingest.understanding.ordinals import find_round_numbers

# Longest query read (characters); the API's filters accept the same.
MAX_QUERY_LENGTH = 200
# Matches looked at per kind, oldest first: ranking and counting stop here (a common word in
# 100k articles then ranks 1,000 vectors, a few milliseconds, instead of all of them).
CANDIDATES = 1000
# Alternative spellings at most per place or participant named in a query (each becomes one
# lexeme lookup in the index, times the five language configurations on PostgreSQL).
MAX_ALIASES = 40
# A search query that runs longer than this is cancelled (PostgreSQL): a reader gets an
# answer or an error, and no runaway query keeps a worker busy after gunicorn gave up.
STATEMENT_TIMEOUT_MS = 5000
SNIPPET_CHARS = 240
# Excerpts are cut in Python around the first word matching the query (folded, by ``prefix``:
# the words SQLite matches), reading the text in pieces of FIND_CHUNK characters until one
# matches, so a page of 20 long texts costs a few milliseconds. PostgreSQL's ts_headline,
# which also marks stemmed forms, cost ~1 ms a text whatever its length (20-50 ms a page).
FIND_CHUNK = 1000
# A bare number up to this reads as a round number (the API's round filter takes the same).
MAX_ROUND_NUMBER = 32767

WEIGHTS = ("A", "B", "C")
# bm25 weights of the FTS5 columns a, b, c (SQLite); ts_rank's defaults play that role on
# PostgreSQL ({0.1, 0.2, 0.4, 1.0} for D, C, B, A).
BM25_WEIGHTS = (10.0, 4.0, 1.0)
LANGUAGE_CONFIGS = {"en": "english", "ru": "russian", "tr": "turkish", "ar": "arabic"}
CONFIGS = ("english", "russian", "turkish", "arabic", "simple")

_WORD = re.compile(r"\w+", re.UNICODE)
_SHORT_Y = "\ue002"  # keeps й (a letter of its own, which unaccent keeps too) through NFKD


def fold_text(text: str) -> str:
    """``text`` lower-cased with diacritics removed in every script (Сирии -> сирии,
    Çavuşoğlu -> cavusoglu, İdlib -> idlib, إدلب -> ادلب), for indexing and querying alike."""
    folded = fold(text or "").replace("й", _SHORT_Y).replace("ı", "i")
    stripped = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", folded)
        if not unicodedata.combining(ch) and ch != "\u0640"  # tatweel
    )
    return unicodedata.normalize("NFC", stripped).replace(_SHORT_Y, "й")


class _BaseLetters(dict):
    """``str.translate`` table: each character to its letter without diacritics, where that
    is one character (``ç`` -> ``c``, ``ё`` -> ``е``); filled as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch == "й":  # a letter of its own, as in fold_text
            base = ch
        elif ch == "ı":
            base = "i"
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            if len(base) != 1:
                base = ch  # a ligature, a combining mark: kept, so the length stays
        self[code] = base
        return base


_BASE_LETTERS = _BaseLetters()


class _FoldedLetters(dict):
    """``str.translate`` table: each character folded (``fold``: case, Arabic and Russian
    letter variants) and then to its base letter, in one pass; filled as characters are
    met."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        letter = _BASE_LETTERS[ord(folded)] if len(folded) == 1 else chr(code)
        self[code] = letter
        return letter


_FOLDED_LETTERS = _FoldedLetters()


def fold_in_place(text: str) -> str:
    """``text`` folded as :func:`fold_text` folds it, character for character: the same
    length, so a span found in it is the span of the original text (ligatures and the
    tatweel, which ``fold_text`` expands or drops, are kept as they are)."""
    text = text or ""
    if text.isascii():  # the common case, in C: folding changes only case and backquotes
        return text.lower().replace("`", "'")
    return text.translate(_FOLDED_LETTERS)


def _pg_text(text: str) -> str:
    """Folded text for PostgreSQL's parser, slashes as spaces: it would read
    "detainees/abductees" as one file-path token and never match "detainees"."""
    return fold_text(text).replace("/", " ")


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return _WORD.findall(fold_text(text))


def matching_ids(rows: Iterable[tuple[int, Sequence[str]]], terms: Sequence[str]) -> list[int]:
    """The ids of ``rows`` (a record's id and its texts) whose texts hold every one of
    ``terms`` (folded words, as :func:`words` reads a query), in the rows' order. Each text is
    folded by :func:`fold_text` (case and diacritics in every script) and a term may be any
    part of a word, as ``icontains`` matches ("okka" finds "Quokkaville"); a term never spans
    two texts.

    Reads every row it is given: for tables of tens to hundreds of records (places,
    participants, zones), matched alike on SQLite and PostgreSQL; larger kinds go through a
    :class:`SearchIndex`."""
    ids = []
    for object_id, texts in rows:
        folded = "\n".join(fold_text(text) for text in texts if text)
        if all(term in folded for term in terms):
            ids.append(object_id)
    return ids


@dataclass(frozen=True)
class ParsedQuery:
    """A query as the index reads it: every group must match; a group matches when any of its
    alternatives (a phrase: words in sequence) does. ``round_number`` is the round the query
    names, if any."""

    text: str
    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    round_number: int | None = None

    @property
    def terms(self) -> list[str]:
        """Every word of every alternative (for highlighting)."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for phrase in group:
                for word in phrase:
                    seen.setdefault(word, None)
        return list(seen)

    def __bool__(self) -> bool:
        return bool(self.groups) or self.round_number is not None


@cache
def _aliases(name: str) -> tuple[tuple[str, ...], ...]:
    """Every spelling of the gazetteer entry ``name``, as folded word sequences."""
    from ingest.understanding.gazetteer import GAZETTEER

    entry = next(e for e in GAZETTEER if e.name == name)
    spellings = [a for names in entry.aliases.values() for a in names] + list(entry.acronyms)
    seen: dict[tuple[str, ...], None] = {}
    for spelling in spellings:
        phrase = tuple(words(spelling))
        if phrase and len(phrase) <= 3:
            seen.setdefault(phrase, None)
    return tuple(seen)[:MAX_ALIASES]


def _round_number(query: str) -> int | None:
    stripped = query.strip().strip("#№")
    if stripped.isdecimal():
        number = int(stripped)
        return number if 1 <= number <= MAX_ROUND_NUMBER else None
    mentions = find_round_numbers(query)
    return mentions[0].number if mentions else None


def parse_query(query: str) -> ParsedQuery:
    """Read a reader's query: its words (folded), names expanded to all their spellings, and
    the round it names."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if not query:
        return ParsedQuery(text="")
    groups: list[tuple[tuple[str, ...], ...]] = []
    pos = 0
    mentions = find_mentions(query)
    for mention in [*mentions, None]:
        end = mention.start if mention else len(query)
        groups.extend(((w,),) for w in words(query[pos:end]))
        if mention:
            own = tuple(words(query[mention.start : mention.end]))
            alternatives = dict.fromkeys([own, *_aliases(mention.entry.name)])
            groups.append(tuple(a for a in alternatives if a))
            pos = mention.end
    unique = tuple(dict.fromkeys(g for g in groups if g))
    return ParsedQuery(text=query, groups=unique, round_number=_round_number(query))


# --- documents -----------------------------------------------------------------------------


@dataclass
class Document:
    """What the index holds for one record: weighted texts (A, B, C) in a language."""

    object_id: int
    kind: str = ""
    language: str = ""
    texts: dict[str, str] = field(default_factory=dict)

    def weighted(self, weight: str) -> str:
        return self.texts.get(weight, "") or ""


def config_for(language: str) -> str:
    return LANGUAGE_CONFIGS.get((language or "")[:2].lower(), "simple")


# --- the index --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    object_id: int
    rank: float


@dataclass(frozen=True)
class Page:
    """Ranked ids of one page of matches and how many there are, ``capped`` when the count
    stopped at ``CANDIDATES``."""

    ids: list[int]
    count: int
    capped: bool


class SearchTimeout(TrackerError):
    """PostgreSQL cancelled a search at ``STATEMENT_TIMEOUT_MS``."""


@dataclass(frozen=True)
class SearchIndex:
    """One index table: ``kind`` and ``object_id`` name a record; kinds are numbered so an
    SQLite FTS5 rowid can hold both (``object_id * 16 + code``)."""

    table: str
    kinds: tuple[str, ...]

    def code(self, kind: str) -> int:
        return self.kinds.index(kind) + 1

    # -- writes ---------------------------------------------------------------------------

    def put(self, kind: str, documents: Iterable[Document]) -> None:
        """Store (or replace) the entries of ``documents``; runs in the caller's transaction."""
        documents = list(documents)
        if not documents:
            return
        self.remove(kind, [d.object_id for d in documents])
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.executemany(
                    f"INSERT INTO {self.table} (kind, object_id, config, vector) VALUES "  # noqa: S608 - table names are constants
                    "(%s, %s, %s, setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'C'))",
                    [
                        (
                            kind,
                            d.object_id,
                            config_for(d.language),
                            *[
                                v
                                for w in WEIGHTS
                                for v in (config_for(d.language), _pg_text(d.weighted(w)))
                            ],
                        )
                        for d in documents
                    ],
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {self.table} (rowid, a, b, c) VALUES (%s, %s, %s, %s)",  # noqa: S608
                    [
                        (
                            d.object_id * 16 + self.code(kind),
                            *[fold_text(d.weighted(w)) for w in WEIGHTS],
                        )
                        for d in documents
                    ],
                )

    def remove(self, kind: str, object_ids: Sequence[int]) -> None:
        ids = [int(i) for i in object_ids]
        if not ids:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE kind = %s AND object_id = ANY(%s)",  # noqa: S608
                    [kind, ids],
                )
            else:
                code = self.code(kind)
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    cursor.execute(
                        f"DELETE FROM {self.table} WHERE rowid IN "  # noqa: S608
                        f"({', '.join(['%s'] * len(chunk))})",
                        [i * 16 + code for i in chunk],
                    )

    def clear(self, kind: str | None = None) -> None:
        with connection.cursor() as cursor:
            if kind is None:
                cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608
            elif connection.vendor == "postgresql":
                cursor.execute(f"DELETE FROM {self.table} WHERE kind = %s", [kind])  # noqa: S608
            else:
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE (rowid & 15) = %s",  # noqa: S608
                    [self.code(kind)],
                )

    # -- reads ----------------------------------------------------------------------------

    def page(
        self,
        kind: str,
        parsed: ParsedQuery,
        *,
        limit: int,
        offset: int = 0,
        table: str = "",
        candidates: int = CANDIDATES,
    ) -> Page:
        """The ids of the best matches ``[offset, offset + limit)`` of ``kind``, best first,
        among its first ``candidates`` matches; ``table`` (the records' table) restricts
        them to records that exist."""
        matches = self.matches(kind, parsed, table=table, candidates=candidates)
        return Page(
            ids=[m.object_id for m in matches[offset : offset + limit]],
            count=len(matches),
            capped=len(matches) >= candidates,
        )

    def matches(
        self, kind: str, parsed: ParsedQuery, *, table: str = "", candidates: int = CANDIDATES
    ) -> list[Match]:
        """Up to ``candidates`` matches of ``kind``, best first (ties by id)."""
        if not parsed.groups:
            return []
        if connection.vendor == "postgresql":
            return self._pg_matches(kind, parsed, table, candidates)
        return self._sqlite_matches(kind, parsed, table, candidates)

    def _pg_matches(
        self, kind: str, parsed: ParsedQuery, table: str, candidates: int
    ) -> list[Match]:
        tsquery, params = pg_tsquery(parsed)
        exists = (
            f"AND EXISTS (SELECT 1 FROM {table} r WHERE r.id = e.object_id)"  # noqa: S608 - constants
            if table
            else ""
        )
        sql = (
            f"SELECT object_id, ts_rank(vector, ({tsquery})) AS rank FROM ("  # noqa: S608 - constants only
            f"  SELECT e.object_id, e.vector FROM {self.table} e"
            f"  WHERE e.kind = %s AND e.vector @@ ({tsquery}) {exists} LIMIT %s"
            ") candidates ORDER BY rank DESC, object_id"
        )
        rows = _pg_run(sql, [*params, kind, *params, candidates])
        return [Match(object_id, rank) for object_id, rank in rows]

    def _sqlite_matches(
        self, kind: str, parsed: ParsedQuery, table: str, candidates: int
    ) -> list[Match]:
        exists = (
            f"AND EXISTS (SELECT 1 FROM {table} r WHERE r.id = ({self.table}.rowid >> 4))"  # noqa: S608
            if table
            else ""
        )
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        sql = (
            f"SELECT rowid >> 4, bm25({self.table}, {weights}) FROM {self.table} "  # noqa: S608
            f"WHERE {self.table} MATCH %s AND (rowid & 15) = %s {exists} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts5_query(parsed), self.code(kind), candidates])
            rows = cursor.fetchall()
        # bm25 is lower for better matches.
        rows.sort(key=lambda row: (row[1], row[0]))
        return [Match(object_id, -score) for object_id, score in rows]


_session = threading.local()


@contextmanager
def search_session():
    """One transaction under ``statement_timeout`` for every search query run inside it (a
    page's four sections and their excerpts): the limit is set once, not per query. Raises
    ``SearchTimeout`` when a query is cancelled. Nothing happens on SQLite."""
    if connection.vendor != "postgresql" or getattr(_session, "active", False):
        yield
        return
    from django.db.utils import OperationalError

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(STATEMENT_TIMEOUT_MS)}")
            # The candidates are the first matches in the table's order: a scan from its
            # start, in one process. PostgreSQL otherwise starts a scan of a large table where
            # the last one stopped (synchronize_seqscans), and parallel workers interleave.
            cursor.execute("SET LOCAL synchronize_seqscans = off")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            _session.active = True
            try:
                yield
            finally:
                _session.active = False
    except OperationalError as error:
        if "statement timeout" in str(error):
            raise SearchTimeout(
                gettext("The search took too long and was stopped; try more specific words.")
            ) from error
        raise


def _pg_run(sql: str, params: list) -> list[tuple]:
    """Run a search query under ``statement_timeout`` (in the current ``search_session``, or
    one of its own); raise ``SearchTimeout`` when cancelled."""
    with search_session(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _pg_operand(phrase: tuple[str, ...]) -> str:
    if len(phrase) == 1 and (start := prefix(phrase[0])) and start != phrase[0]:
        # A Russian word: its inflections do not all stem alike ("Астана" and "Астане").
        return f"'{phrase[0]}' | '{start}':*"
    return " <-> ".join(f"'{w}'" for w in phrase)


@lru_cache(maxsize=512)
def _pg_normalized(groups: tuple[tuple[tuple[str, ...], ...], ...]) -> str:
    """The query as one ``tsquery`` text: each group an OR of what every language
    configuration makes of each of its spellings (duplicates once), groups AND-ed; "" when
    every group is only stop words.

    A group that some configuration drops entirely is a stop word in that language ("the",
    "в", "في") and is left out: a record is indexed in its own language's configuration, which
    dropped the word from it too, so keeping the group would match no English record for "the
    ceasefire".

    Asking PostgreSQL once for each spelling in each configuration, instead of OR-ing the whole
    query under the five configurations, keeps the query small: "sochi" was 25 lexemes to test
    against every candidate's vector (five configurations of five spellings, most of them the
    same lexeme), and is seven. The configurations and their dictionaries do not change while
    the site runs, so the answer is kept per query (and per process)."""
    operands = sorted({_pg_operand(p) for group in groups for p in group})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o, c, to_tsquery(c::regconfig, o)::text FROM unnest(%s::text[]) AS c, "
            "unnest(%s::text[]) AS o",
            [list(CONFIGS), operands],
        )
        normalized: dict[tuple[str, str], list[str]] = {
            (operand, config): _pg_alternatives(text or "")
            for operand, config, text in cursor.fetchall()
        }
    parts = []
    for group in groups:
        spellings = [_pg_operand(p) for p in group]
        if any(all(not normalized[(o, c)] for o in spellings) for c in CONFIGS):
            continue  # a stop word in some language
        alternatives = sorted({a for o in spellings for c in CONFIGS for a in normalized[(o, c)]})
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


def _pg_alternatives(text: str) -> list[str]:
    """The top-level alternatives of a ``tsquery`` text (``'a' | 'b':*`` -> two); a text with
    anything else at the top level is one alternative."""
    quoted, depth, start, out = False, 0, 0, []
    for i, ch in enumerate(text):
        if ch == "'":
            quoted = not quoted  # a quote inside a lexeme is doubled: it toggles twice
        elif quoted:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [a for a in out if a]


def pg_tsquery(parsed: ParsedQuery) -> tuple[str, list[str]]:
    """SQL for the query's ``tsquery`` (each spelling in every language configuration, so each
    record matches in its own; see ``_pg_normalized``), and its parameters. A query of stop
    words only is NULL, which matches nothing."""
    text = _pg_normalized(parsed.groups)
    if not text:
        return "NULL::tsquery", []
    return "%s::tsquery", [text]


_RU_ENDINGS = "аеиоуыэюяйь"


def prefix(word: str) -> str | None:
    """The beginning a word of the query matches by on SQLite, which has no stemmer for these
    languages: a word of three letters or more as a prefix, a Russian one without its final
    vowels ("астане", "астана" -> "астан"); ``None`` for an exact match (numbers, short
    words)."""
    if len(word) < 3 or word.isdecimal():
        return None
    if "\u0400" <= word[0] <= "\u04ff":
        stem = word.rstrip(_RU_ENDINGS)
        return stem if len(stem) >= 3 else word
    return word


def fts5_query(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression: groups AND-ed, alternatives OR-ed, phrases quoted, the last
    word of each matching by its ``prefix``."""

    def phrase(words_: tuple[str, ...]) -> str:
        start = prefix(words_[-1])
        quoted = '"' + " ".join([*words_[:-1], start or words_[-1]]) + '"'
        return quoted + " *" if start else quoted

    return " AND ".join(
        "(" + " OR ".join(phrase(p) for p in group) + ")" for group in parsed.groups
    )


# --- excerpts ---------------------------------------------------------------------------------


def headlines(parsed: ParsedQuery, documents: Sequence[tuple[str, str]]) -> list[SafeString]:
    """An escaped excerpt of each ``(text, language)`` with the query's words in ``<mark>``
    (:func:`highlight`), the same on both databases. ``language`` is not needed to find the
    words (they are matched folded, by ``prefix``) and is kept for callers."""
    return [highlight(text, parsed) for text, _ in documents]


# English endings a word of the query is marked without, so an excerpt marks the forms the
# English stemmer matched ("delegations" also marks "delegation", "talks" "talk").
_ENGLISH_ENDINGS = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "es", "ed", "s")
# Characters fold_text folds away or expands but fold_in_place keeps (the Arabic tatweel,
# Latin ligatures, Arabic presentation forms): a text holding one is read word by word.
_KEPT_BY_FOLD_IN_PLACE = re.compile("[\u0640\ufb00-\ufeff]")


def _english_start(word: str) -> str | None:
    if not (word.isascii() and word.isalpha()):
        return None
    for ending in _ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return None


@lru_cache(maxsize=512)
def _needles(terms: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """What a word of folded text starts with to match one of ``terms``: a term's ``prefix``
    (any ending) and its start without an English ending, or the term itself where it has
    no prefix (numbers, short words: whole word)."""
    needles: dict[tuple[str, bool], None] = {}
    for term in terms:
        start = prefix(term)
        needles.setdefault((start, False) if start else (term, True), None)
        if start and (stem := _english_start(term)):
            needles.setdefault((stem, False), None)
    return tuple(needles)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _first_in(
    folded: str, needles: tuple[tuple[str, bool], ...], lo: int = 0
) -> tuple[int, int] | None:
    """The span of the first word of ``folded`` from ``lo`` on that a needle matches (the
    character before ``lo`` tells whether a word starts at ``lo``), or None."""
    best: tuple[int, int] | None = None
    for needle, whole in needles:
        at = folded.find(needle, lo)
        while at != -1 and (best is None or at < best[0]):
            end = at + len(needle)
            if at == 0 or not _is_word_char(folded[at - 1]):
                while end < len(folded) and _is_word_char(folded[end]):
                    end += 1
                if not whole or end == at + len(needle):
                    best = (at, end)
                    break
            at = folded.find(needle, at + 1)
    return best


def _word_by_word(text: str) -> bool:
    """Whether ``text`` holds a character ``fold_in_place`` keeps but ``fold_text`` folds."""
    return not text.isascii() and _KEPT_BY_FOLD_IN_PLACE.search(text) is not None


def _word_spans(text: str, needles: tuple[tuple[str, bool], ...]) -> list[tuple[int, int]]:
    """The spans of the matching words of ``text``, each word folded by ``fold_text``: the
    slow way, for a text holding a character ``fold_in_place`` keeps."""
    spans = []
    for m in _WORD.finditer(text):
        word = fold_text(m.group())
        if any(word == n if whole else word.startswith(n) for n, whole in needles):
            spans.append(m.span())
    return spans


def first_match(text: str, parsed: ParsedQuery) -> int | None:
    """Where the first word of ``text`` that matches the query starts (whatever its case and
    accents), or None. Folds the text a piece at a time and stops at the first match."""
    needles = _needles(tuple(parsed.terms))
    if not needles or not text:
        return None
    if _word_by_word(text):
        spans = _word_spans(text, needles)
        return spans[0][0] if spans else None
    longest = max(len(n) for n, _ in needles)
    for start in range(0, len(text), FIND_CHUNK):
        # Each piece after the first starts a character early (does a word start at the
        # cut?) and runs a needle's length over (a word across the next cut).
        lead = 1 if start else 0
        piece = fold_in_place(text[start - lead : start + FIND_CHUNK + longest + 1])
        found = _first_in(piece, needles, lead)
        if found is not None and found[0] - lead < FIND_CHUNK:
            return start - lead + found[0]
    return None


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """The spans of the words of ``text`` that match the query, in order."""
    needles = _needles(tuple(parsed.terms))
    if not needles:
        return []
    if _word_by_word(text):
        return _word_spans(text, needles)
    folded = fold_in_place(text)
    spans = []
    pos = 0
    while (found := _first_in(folded, needles, pos)) is not None:
        spans.append(found)
        pos = found[1]
    return spans


def highlight(text: str, parsed: ParsedQuery, *, width: int = SNIPPET_CHARS) -> SafeString:
    """Escaped excerpt of ``text`` around the first word matching the query (folded, by
    ``prefix``), matches in ``<mark>``."""
    text = " ".join((text or "").split())
    at = first_match(text, parsed)
    start = max(0, at - width // 3) if at is not None else 0
    stop = start + width
    # The window starts and ends between words (a word longer than the window is cut).
    if start:
        space = text.find(" ", start, at if at is not None else stop)
        start = space + 1 if space != -1 else start
    if stop < len(text):
        space = text.rfind(" ", max(start, at or 0), stop)
        stop = space if space != -1 else stop
    spans = match_spans(text[start:stop], parsed)
    spans = [(start + b, start + e) for b, e in spans]
    out, pos = [], start
    for begin, end in spans:
        if begin < start or end > stop:
            continue
        out.append(escape(text[pos:begin]))
        out.append(f"<mark>{escape(text[begin:end])}</mark>")
        pos = end
    out.append(escape(text[pos:stop]))
    lead = "… " if start else ""
    tail = " …" if stop < len(text) else ""
    return mark_safe(lead + "".join(out) + tail)  # noqa: S308 - every part escaped


# --- articles ---------------------------------------------------------------------------------

ARTICLE_INDEX = SearchIndex(table="ingest_article_search", kinds=("article",))
# Articles written per statement while rebuilding.
REBUILD_BATCH = 500


def article_document(article) -> Document:
    """An article's entry: A its title, C its text, in its language."""
    return Document(
        object_id=article.pk,
        kind="article",
        language=article.language,
        texts={"A": article.title, "C": article.text},
    )


def article_search_sync(article) -> None:
    """Bring an article's entry up to date after ``ingest.services`` wrote it."""
    from ingest.models import Article

    stored = Article.objects.only("pk", "title", "text", "language").get(pk=article.pk)
    ARTICLE_INDEX.put("article", [article_document(stored)])


def article_search_rebuild(apps=None) -> int:
    """Write every article's entry again; returns how many. ``apps`` is a migration's app
    registry when a migration builds the index."""
    if apps is None:
        from ingest.models import Article
    else:
        Article = apps.get_model("ingest", "Article")  # noqa: N806 - a model class
    ARTICLE_INDEX.clear()
    count, batch = 0, []
    rows = Article.objects.only("pk", "title", "text", "language").order_by("pk")
    for article in rows.iterator(chunk_size=REBUILD_BATCH):
        batch.append(article_document(article))
        if len(batch) >= REBUILD_BATCH:
            ARTICLE_INDEX.put("article", batch)
            count, batch = count + len(batch), []
    ARTICLE_INDEX.put("article", batch)
    return count + len(batch)


def article_search_page(
    parsed: ParsedQuery, *, limit: int, offset: int = 0, candidates: int = CANDIDATES
) -> Page:
    """One page of the ids of articles matching ``parsed``, best first among the first
    ``candidates`` matches."""
    # No check that each article still exists (a semi-join with the article table, ten times
    # the cost of the match itself at 100k articles): articles are not deleted (the admin does
    # not allow it), and a page shows only the articles it finds.
    return ARTICLE_INDEX.page("article", parsed, limit=limit, offset=offset, candidates=candidates)


def article_search_queryset(queryset, query: str):
    """``queryset`` restricted to the articles matching ``query``, best first (the first
    ``CANDIDATES``): what the API's ``search``/``q`` filter returns."""
    parsed = parse_query(query)
    if not parsed.groups:
        return queryset
    # Articles are not deleted (the admin does not allow it); an entry left without its
    # article would make a page one short.
    return ranked(queryset, article_search_page(parsed, limit=CANDIDATES).ids)


def ranked(queryset, ids: Sequence[int]):
    """``queryset`` restricted to ``ids`` in their order (:func:`in_order`), marked for the
    API's paginator as few rows (``astana_site.api.pagination.few_rows``). On an unfiltered
    queryset the ids are its keys, and a page's rows are read by the page's ids alone."""
    if queryset.query.where.children:
        return few_rows(in_order(queryset, ids))
    return few_rows(in_order(queryset, ids), ids, rows=lambda keys: in_order(queryset, keys))


def in_order(queryset, ids: Sequence[int]):
    """``queryset`` restricted to ``ids``, in their order (one ``CASE`` written as SQL: a
    thousand ``When`` expressions cost seconds to compile)."""
    from django.db.models.expressions import RawSQL

    if not ids:
        return queryset.none()
    column = f'"{queryset.model._meta.db_table}"."{queryset.model._meta.pk.column}"'
    if connection.vendor == "postgresql":
        # Two parameters whatever the number of ids: the keys as one array, and each key's
        # position in a JSON object (looked up per row). A CASE of 1,000 branches cost ~10 ms
        # to plan and to evaluate (each row tries the branches in turn), and 1,000 ``IN``
        # parameters ~3 ms of Django's time per query.
        ids = [int(pk) for pk in ids]
        positions = json.dumps({str(pk): i for i, pk in enumerate(ids)})
        among = RawSQL(f"{column} = ANY(%s::bigint[])", [ids], output_field=BooleanField())  # noqa: S611
        order = RawSQL(f"(%s::jsonb ->> {column}::text)::int", [positions])  # noqa: S611
        return queryset.filter(among).order_by(order.asc(), "pk")
    whens = " ".join(f"WHEN {int(pk)} THEN {i}" for i, pk in enumerate(ids))
    order = RawSQL(f"CASE {column} {whens} END", [])  # noqa: S611 - integers only
    return queryset.filter(pk__in=ids).order_by(order.asc(), "pk")


# --- schema (used by the migrations that create an index) --------------------------------------


def create_index_table(schema_editor, table: str) -> None:
    """Create the index table ``table``: a tsvector table with a GIN index on PostgreSQL, an
    FTS5 table elsewhere."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TABLE {table} (kind varchar(16) NOT NULL, object_id bigint NOT NULL, "
            "config varchar(16) NOT NULL, vector tsvector NOT NULL, "
            "PRIMARY KEY (kind, object_id))"
        )
        schema_editor.execute(f"CREATE INDEX {table}_vector ON {table} USING gin (vector)")
        keep_vectors_inline(schema_editor, table)
    else:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5(a, b, c, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )


def keep_vectors_inline(schema_editor, table: str, *, rewrite: bool = False) -> None:
    """Keep ``table``'s vectors in its rows (PostgreSQL's ``STORAGE MAIN``), not in its TOAST
    table: an article's vector (about 2 KB, which compression does not shrink) was stored out
    of line, and a search reading a thousand of them made a TOAST lookup for each (the
    candidates of a Russian word at 100k articles: 17 ms, 7 ms inline). ``rewrite``: rewrite
    the rows already stored (``VACUUM FULL``, outside a transaction), which the setting alone
    leaves as they are."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN vector SET STORAGE MAIN")
    if rewrite:
        schema_editor.execute(f"VACUUM FULL {table}")


def drop_index_table(schema_editor, table: str) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def create_headline_configs(schema_editor) -> None:
    """``astana_<config>``: each language configuration with ``unaccent`` before its stemmer,
    for excerpts of text with accents (created by migration ``ingest 0003_search_index``;
    excerpts are now cut in Python and no longer use them). Without permission to create the
    extension, they are plain copies (matching is unaffected: the index holds folded text)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            unaccent = True
        except Exception:  # noqa: BLE001 - any refusal means: go without unaccent
            unaccent = False
        for config in CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS astana_{config}")
            cursor.execute(
                f"CREATE TEXT SEARCH CONFIGURATION astana_{config} (COPY = pg_catalog.{config})"
            )
            if unaccent:
                dictionary = "simple" if config == "simple" else f"{config}_stem"
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION astana_{config} ALTER MAPPING FOR "
                    f"hword, hword_part, word WITH unaccent, {dictionary}"
                )


def drop_headline_configs(schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS astana_{config}")
