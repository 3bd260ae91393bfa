"""Attaching a statement's official text, from the address it is published at or from a file.

Reading and writing are two steps, so no network I/O happens inside a transaction:

1. **Read** (:func:`statement_text_fetch`, :func:`statement_text_read_file`): the page is
   fetched through the ingest fetcher (``ingest.fetching.fetch``, with its SSRF guard and
   size, type and time caps), a file through the bounded reader (``ingest.files``); either
   way the text is extracted by ``ingest.extraction``. ``rounds`` may import ``ingest`` (the
   import contract); the network stays inside ``ingest``.
2. **Write** (:func:`statement_text_attach`): the statement's ``text``, ``url`` and
   ``text_source`` through the curated services (field-level save under a row lock, history
   with user and reason, ``expected_version`` honoured), and for a page a citation of it
   (title, language, date, when retrieved) on the statement.

A file's path never reaches a public field: its source reads "a file supplied by an analyst"
(with the address it is published at, if the analyst gives one); the file name goes only into
the history reason, which analysts see.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from astana_site.exceptions import TrackerError
from ingest.errors import IngestError
from ingest.extraction import extract_document
from ingest.fetching import fetch
from ingest.files import read_limited
from ingest.language import DEFAULT_LANGUAGES, detect_language
from rounds.models import Citation, Statement
from rounds.services import curated_save, curated_update

__all__ = [
    "StatementText",
    "StatementTextError",
    "statement_text_attach",
    "statement_text_fetch",
    "statement_text_from_bytes",
    "statement_text_pasted",
    "statement_text_read_file",
]

# A statement can be a few sentences (a short press statement); the extraction's default for
# news articles (200 characters) would refuse some.
STATEMENT_MIN_CHARS = 80
# What a statement page may be served as: pages and plain text, not feeds.
STATEMENT_ACCEPT = ("text/html", "application/xhtml+xml", "text/plain")
_PLAIN_SUFFIXES = {".txt", ".text", ""}
PAGE, FILE, PASTE = "page", "file", "paste"


class StatementTextError(TrackerError):
    """The text could not be read: the address refused, the file unreadable, no text in it."""


@dataclass(frozen=True)
class StatementText:
    """A text read for a statement. ``url`` is the address it was fetched from (after
    redirects) or given for a file or pasted text, '' without one; ``origin`` is ``page``,
    ``file`` or ``paste``; ``file_name`` (a file's name, no directory) goes only into history."""

    text: str
    title: str
    url: str
    language: str | None
    published: date | None
    retrieved: datetime
    origin: str = "page"
    file_name: str = ""


def _without_title(text: str, title: str) -> str:
    """The text without a first line that only repeats the title (a page's heading)."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == title.casefold():
        return rest.strip()
    return text


def statement_text_fetch(*, url: str) -> StatementText:
    """Fetch and extract the text published at ``url``. Raises :class:`StatementTextError`."""
    if not url.startswith(("http://", "https://")):
        raise StatementTextError(f"{url!r} is not an http(s) address.")
    try:
        result = fetch(
            url,
            allow_loopback=settings.INGEST_ALLOW_LOOPBACK,
            timeout=settings.INGEST_FETCH_TIMEOUT,
            max_bytes=settings.INGEST_MAX_BYTES,
            max_redirects=settings.INGEST_MAX_REDIRECTS,
            total_timeout=settings.INGEST_FETCH_DEADLINE,
            accept=STATEMENT_ACCEPT,
        )
        document = extract_document(
            result.content,
            content_type=result.content_type,
            charset=result.charset,
            url=result.final_url,
            min_text_chars=STATEMENT_MIN_CHARS,
            max_bytes=settings.INGEST_MAX_BYTES,
        )
    except IngestError as exc:
        raise StatementTextError(f"Could not read a text at {url}: {exc.message}") from exc
    return StatementText(
        text=_without_title(document.text, document.title),
        title=document.title,
        url=result.final_url,
        language=document.language,
        published=document.published,
        retrieved=timezone.now(),
    )


def statement_text_read_file(*, path: Path | str, url: str = "") -> StatementText:
    """Read and extract the text of a local HTML or plain-text file (bounded reader); ``url``
    is where it is published, if known. Raises :class:`StatementTextError`."""
    path = Path(path)
    try:
        content = read_limited(path, max_bytes=settings.INGEST_MAX_BYTES)
    except IngestError as exc:
        # The message names the file as the analyst gave it; it is shown to them only.
        raise StatementTextError(f"Could not read {path.name}: {exc.message}") from exc
    return statement_text_from_bytes(content=content, name=path.name, url=url)


def statement_text_from_bytes(*, content: bytes, name: str, url: str = "") -> StatementText:
    """Extract the text of a file's bytes (an upload, a file read with the bounded reader);
    ``name`` picks plain text or HTML by its suffix. Raises :class:`StatementTextError`."""
    if url and not url.startswith(("http://", "https://")):
        raise StatementTextError(f"{url!r} is not an http(s) address.")
    if len(content) > settings.INGEST_MAX_BYTES:
        raise StatementTextError(f"{name} is larger than {settings.INGEST_MAX_BYTES} bytes.")
    suffix = Path(name).suffix.lower()
    content_type = (
        "text/plain" if suffix in _PLAIN_SUFFIXES else mimetypes.guess_type(name)[0] or "text/html"
    )
    try:
        document = extract_document(
            content,
            content_type=content_type,
            charset=None,
            url=url or None,
            min_text_chars=STATEMENT_MIN_CHARS,
            max_bytes=settings.INGEST_MAX_BYTES,
        )
    except IngestError as exc:
        raise StatementTextError(f"Could not read a text from {name}: {exc.message}") from exc
    return StatementText(
        text=_without_title(document.text, document.title),
        title=document.title,
        url=url,
        language=document.language,
        published=document.published,
        retrieved=timezone.now(),
        origin=FILE,
        file_name=Path(name).name,
    )


def statement_text_pasted(*, text: str, url: str = "") -> StatementText:
    """A text an analyst pasted, tidied like an extracted one (``url``: where it is published)."""
    if url and not url.startswith(("http://", "https://")):
        raise StatementTextError(f"{url!r} is not an http(s) address.")
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not tidy:
        raise StatementTextError("The pasted text is empty.")
    return StatementText(
        text=tidy,
        title="",
        url=url,
        language=detect_language(tidy, languages=DEFAULT_LANGUAGES),
        published=None,
        retrieved=timezone.now(),
        origin=PASTE,
    )


def text_source_label(read: StatementText) -> str:
    """What the statement page says about where its text came from (no server path)."""
    day = timezone.localtime(read.retrieved).date().isoformat()
    if read.origin == PAGE:
        return f"Fetched from {urlsplit(read.url).hostname} on {day}"
    supplied = "A file supplied" if read.origin == FILE else "Text pasted"
    published = f", published at {urlsplit(read.url).hostname}" if read.url else ""
    return f"{supplied} by an analyst{published}, attached on {day}"


@transaction.atomic
def statement_text_attach(
    *,
    statement: Statement,
    read: StatementText,
    user=None,
    reason: str = "",
    expected_version: str | None = None,
) -> Statement:
    """Store a text read for ``statement``: its ``text``, ``url`` (when the text has one) and
    ``text_source``, and a citation of the address, all with history naming ``user`` and
    ``reason`` (a default reason says where the text came from). Raises
    ``StaleRecordError`` against a stale ``expected_version`` (nothing is written)."""
    if not read.text.strip():
        raise StatementTextError("The text is empty.")
    if not reason.strip():
        where = {PAGE: read.url, FILE: f"file {read.file_name}", PASTE: "pasted text"}[read.origin]
        reason = f"Statement text attached from {where}"[:255]
    data = {"text": read.text, "text_source": text_source_label(read)}
    if read.url:
        data["url"] = read.url
    curated_update(
        statement, data=data, user=user, reason=reason, expected_version=expected_version
    )
    if read.url:
        _cite(statement=statement, read=read, user=user, reason=reason)
    return statement


def _cite(*, statement: Statement, read: StatementText, user, reason: str) -> Citation:
    content_type = ContentType.objects.get_for_model(Statement)
    citation = Citation.objects.filter(
        content_type=content_type, object_id=statement.pk, url=read.url
    ).first() or Citation(content_type=content_type, object_id=statement.pk, url=read.url)
    data = {
        "title": (read.title or statement.title)[:500],
        "language": (read.language or "")[:8],
        "retrieved": read.retrieved,
    }
    if read.published:
        data["published"] = read.published
    if citation.pk is None:
        for field, value in data.items():
            setattr(citation, field, value)
        return curated_save(citation, user=user, reason=reason)
    return curated_update(citation, data=data, user=user, reason=reason)
