"""Parse RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds into a flat list of entries, safely.

Two gates before feedparser sees the bytes:

* **Entity bombs and external entities.** Any entity declaration (``<!ENTITY``) is refused
  outright, and the document is parsed with :mod:`defusedxml` (entities and external references
  forbidden), so "billion laughs", quadratic blow-up and XXE never reach an expanding parser.
  Both raise :class:`FeedError` with code ``xml_bomb``.
* **Not a feed.** Bytes that feedparser cannot read as a feed (bozo with no entries, or no
  recognised feed version) raise :class:`FeedError` with code ``malformed_feed``. A feed with
  minor, recoverable faults (an undefined HTML entity, a wrong declared encoding) that still
  yields entries is accepted: real feeds are often slightly broken.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from ingest.dedup import canonical_url
from ingest.errors import FeedError, IngestError

__all__ = ["FeedEntry", "parse_feed"]

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_SUMMARY_MAX = 2000
# Faults feedparser reports about transport metadata rather than the document itself.
_BENIGN_FAULTS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. ``url`` is absolute http(s); ``published`` is aware UTC or None;
    ``title`` and ``summary`` are plain text; ``guid`` falls back to ``url``."""

    url: str
    title: str
    published: datetime | None
    summary: str
    guid: str


def parse_feed(
    content: bytes, *, base_url: str, max_bytes: int = 10_000_000, max_entries: int = 1000
) -> list[FeedEntry]:
    """Return the entries of an RSS/Atom feed, in document order, duplicates collapsed.

    Relative links are resolved against ``xml:base`` and then ``base_url``. Entries without an
    http(s) link (or permalink guid) are skipped. Two entries with the same canonical URL or the
    same guid are one entry (the first kept). At most ``max_entries`` are returned.

    Raises :class:`FeedError`: ``xml_bomb`` (entity declarations, external entities),
    ``too_large`` (over ``max_bytes``), ``malformed_feed`` (not a readable feed).
    """
    if not isinstance(content, bytes | bytearray):
        raise FeedError("feed content must be bytes", code="malformed_feed")
    content = bytes(content)
    if len(content) > max_bytes:
        raise FeedError(f"feed larger than {max_bytes} bytes", code="too_large")
    if not content.strip():
        raise FeedError("empty feed document", code="malformed_feed")
    _refuse_entities(content)

    parsed = feedparser.parse(
        content,
        response_headers={"content-location": base_url},
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    fault = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(fault, _BENIGN_FAULTS):
        fault = None
    if not parsed.entries and (fault is not None or not parsed.get("version")):
        reason = fault or "no RSS or Atom feed found"
        raise FeedError(f"not a readable feed: {reason}", code="malformed_feed")

    entries: list[FeedEntry] = []
    seen_urls: set[str] = set()
    seen_guids: set[str] = set()
    for raw in parsed.entries:
        entry = _entry(raw, base_url)
        if entry is None:
            continue
        key = _url_key(entry.url)
        if key in seen_urls or entry.guid in seen_guids:
            continue
        seen_urls.add(key)
        seen_guids.add(entry.guid)
        entries.append(entry)
        if len(entries) >= max_entries:
            break
    if fault is not None and not entries:
        # Broken XML from which no usable entry could be salvaged: report it, rather than
        # treating the source as an empty feed.
        raise FeedError(f"not a readable feed: {fault}", code="malformed_feed")
    return entries


def _refuse_entities(content: bytes) -> None:
    if _ENTITY_DECL.search(content):
        raise FeedError("feed declares XML entities", code="xml_bomb")
    try:
        defused_fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"unsafe XML construct: {exc!r}", code="xml_bomb") from exc
    except (ParseError, ValueError):
        pass  # not well-formed: feedparser's lenient parser decides below
    except RecursionError as exc:
        raise FeedError("feed nested too deeply", code="malformed_feed") from exc


def _url_key(url: str) -> str:
    try:
        return canonical_url(url)
    except IngestError:
        return url


def _is_http(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def _entry(raw: feedparser.FeedParserDict, base_url: str) -> FeedEntry | None:
    guid = (raw.get("id") or "").strip()
    link = (raw.get("link") or "").strip()
    if not link:
        for alt in raw.get("links") or ():
            if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                link = alt["href"].strip()
                break
    url = urljoin(base_url, link) if link else ""
    if not _is_http(url) and guid:
        candidate = urljoin(base_url, guid)
        if _is_http(candidate) and raw.get("guidislink", True):
            url = candidate
    if not _is_http(url):
        return None
    title = _plain(raw.get("title") or "")
    summary = _plain(raw.get("summary") or "")[:_SUMMARY_MAX]
    return FeedEntry(
        url=url,
        title=title,
        published=_date(raw),
        summary=summary,
        guid=guid or url,
    )


def _plain(value: str) -> str:
    text = _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", value))).strip()
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def _date(raw: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = raw.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None
