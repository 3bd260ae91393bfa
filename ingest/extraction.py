"""Turn fetched bytes into an article: decoded text, main body, title, date and language.

Pure function over bytes (no network, no database): :func:`extract_document`. Steps:

1. **Refuse binary** by declared type and by magic bytes (``binary_content``).
2. **Decode** (:func:`decode_bytes`): a byte-order mark wins; then the declared charset, the
   ``<meta charset>``/XML declaration and UTF-8 are tried strictly. A single-byte declaration
   (latin-1, cp1252, cp1251, koi8-r...) never beats bytes that are valid multi-byte UTF-8, since
   such sequences almost never occur by accident, so "says latin-1 but is UTF-8 Cyrillic" is
   read correctly. If nothing decodes strictly, charset-normalizer guesses. Text that is itself
   UTF-8 mis-read as latin-1/cp1252 (``Ð¡Ð¸Ñ€Ð¸Ñ``) is repaired when the whole text
   round-trips. NUL and other C0 control characters are dropped.
3. **Extract** the main text of HTML with trafilatura, tuned on the article extraction
   benchmark (``bench/bench_extraction.py``, ``docs/PERFORMANCE.md``): ``favor_precision``,
   comments excluded, tables included. Plain text is taken as is (first short line = title).
4. **Date** from trafilatura's metadata (htmldate), **language** with py3langid restricted to
   the languages the project reads.

Input over ``max_bytes`` is truncated before parsing, which bounds time and memory on hostile
pages; deeply nested or otherwise pathological HTML that the parser cannot handle ends as
``no_article`` rather than an unexpected exception.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass
from datetime import date

from astana_site.dates import parse_iso_date
from ingest.errors import ExtractionError
from ingest.fetching import sniff_binary
from ingest.language import DEFAULT_LANGUAGES, detect_language

__all__ = [
    "DEFAULT_LANGUAGES",
    "ExtractedDocument",
    "decode_bytes",
    "detect_language",
    "extract_document",
]


#: trafilatura options chosen on the benchmark: the best mean token F1 of the settings tried.
TRAFILATURA_OPTIONS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
}

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_BINARY_PREFIXES = ("image/", "audio/", "video/", "font/")
_BINARY_TYPES = frozenset(
    {"application/octet-stream", "application/zip", "application/pdf", "application/gzip"}
)
_SINGLE_BYTE = frozenset(
    {
        "latin_1",
        "iso8859_1",
        "cp1252",
        "cp1251",
        "cp1250",
        "cp1254",
        "cp1256",
        "koi8_r",
        "koi8_u",
        "iso8859_2",
        "iso8859_5",
        "iso8859_6",
        "iso8859_9",
        "iso8859_15",
        "mac_cyrillic",
        "mac_roman",
        "ascii",
    }
)
_WESTERN = frozenset({"latin_1", "iso8859_1", "cp1252", "iso8859_15"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile(
    r"[ÃÂÐÑØÙÚÛ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u203a]"
)
_LOOKS_HTML = re.compile(rb"<\s*(!doctype|html|head|body|p|div|article|meta|title)\b", re.I)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ExtractedDocument:
    """The article in a fetched page: plain ``text`` of the main body (paragraphs separated by
    newlines), ``title`` (may be empty), ``published`` day or None, ISO 639-1 ``language`` or
    None when unsure, and the ``charset`` the bytes were decoded with."""

    title: str
    text: str
    published: date | None
    language: str | None
    charset: str


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as latin-1/cp1252 upstream, when the whole text allows."""
    hits = len(_MOJIBAKE.findall(text))
    if hits < 3:
        return text
    for codec in ("cp1252", "latin_1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(repaired)) < hits:
            return repaired
    return text


def decode_bytes(content: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``content`` to text and return ``(text, codec_name)``; see the module docstring.

    Never raises on undecodable bytes: the last resort is UTF-8 with replacement characters.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf_8"),
        (codecs.BOM_UTF32_LE, "utf_32"),
        (codecs.BOM_UTF32_BE, "utf_32"),
        (codecs.BOM_UTF16_LE, "utf_16"),
        (codecs.BOM_UTF16_BE, "utf_16"),
    ):
        if content.startswith(bom):
            text = content.decode("utf_8_sig" if codec == "utf_8" else codec, errors="replace")
            return _clean(text), codec

    head = content[:4096]
    candidates: list[str] = []
    for label in (
        declared,
        _first_group(_META_CHARSET, head),
        _first_group(_XML_ENCODING, head),
    ):
        name = _codec_name(label)
        if name and name not in candidates:
            candidates.append(name)

    utf8_text: str | None = None
    with contextlib.suppress(UnicodeDecodeError):
        utf8_text = content.decode("utf-8")
    # Valid UTF-8 with non-ASCII bytes is UTF-8, whatever a single-byte label claims.
    if utf8_text is not None and (
        not candidates or (candidates[0] in _SINGLE_BYTE and not content.isascii())
    ):
        return _clean(utf8_text), "utf_8"
    for name in candidates:
        if name.startswith(("utf_16", "utf_32")) and b"\x00" not in content[:4]:
            continue  # an ASCII-compatible page mislabelled as UTF-16/32
        try:
            text = content.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name in _WESTERN and _implausibly_accented(text):
            guess = _normalizer_guess(content)
            if guess is not None and not _implausibly_accented(guess[0]):
                return guess
        return _clean(text), name
    if utf8_text is not None:
        return _clean(utf8_text), "utf_8"
    guess = _normalizer_guess(content)
    if guess is not None:
        return guess
    return _clean(content.decode("utf-8", errors="replace")), "utf_8"


def _normalizer_guess(content: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is None:
        return None
    name = _codec_name(best.encoding) or "utf_8"
    try:
        return _clean(content.decode(name, errors="replace")), name
    except LookupError:
        return None


def _implausibly_accented(text: str) -> bool:
    """True when over 30% of letters are in U+00C0-U+00FF: Cyrillic or Greek read as latin-1.

    Western European prose stays far below that (French and German are around 2-5%).
    """
    sample = text[:20_000]
    letters = sum(1 for ch in sample if ch.isalpha())
    accented = sum(1 for ch in sample if "\u00c0" <= ch <= "\u00ff")
    return letters >= 40 and accented / letters > 0.3


def _first_group(pattern: re.Pattern[bytes], data: bytes) -> str | None:
    match = pattern.search(data)
    return match.group(1).decode("ascii", "ignore") if match else None


def _clean(text: str) -> str:
    return _repair_mojibake(_CONTROL.sub("", text))


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def extract_document(
    content: bytes,
    *,
    content_type: str | None,
    charset: str | None,
    url: str | None,
    min_text_chars: int = 200,
    max_bytes: int = 3_000_000,
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
) -> ExtractedDocument:
    """Extract the article from a fetched body. See the module docstring for the steps.

    ``content_type`` is the media type (parameters allowed, None when unknown), ``charset`` the
    declared charset if any, ``url`` the page address (helps trafilatura and htmldate). Input
    beyond ``max_bytes`` is ignored. Raises :class:`ExtractionError` with code
    ``binary_content`` (images, archives, PDFs, by type or magic bytes), ``bad_content_type``
    (a type that is neither HTML nor plain text) or ``no_article`` (main text shorter than
    ``min_text_chars`` characters).
    """
    media_type = _media_type(content_type)
    if media_type and (media_type in _BINARY_TYPES or media_type.startswith(_BINARY_PREFIXES)):
        raise ExtractionError(f"binary content type {media_type}", code="binary_content", url=url)
    kind = sniff_binary(content[:2048])
    if kind is not None:
        raise ExtractionError(f"body looks like {kind}", code="binary_content", url=url)
    if media_type and media_type not in _HTML_TYPES and media_type not in _TEXT_TYPES:
        raise ExtractionError(
            f"cannot extract an article from {media_type}", code="bad_content_type", url=url
        )
    content = content[:max_bytes]
    text, used = decode_bytes(content, declared=charset)

    is_plain = media_type in _TEXT_TYPES or (
        media_type is None and not _LOOKS_HTML.search(content[:4096])
    )
    if is_plain:
        title, body, published = *_split_plain(text), None
    else:
        title, body, published = _extract_html(text, url=url)
    if len(body) < min_text_chars:
        raise ExtractionError(
            f"no article text ({len(body)} characters, need {min_text_chars})",
            code="no_article",
            url=url,
        )
    return ExtractedDocument(
        title=title,
        text=body,
        published=published,
        language=detect_language(body, languages=languages),
        charset=used,
    )


def _split_plain(text: str) -> tuple[str, str]:
    text = _tidy(text)
    first, _, rest = text.partition("\n")
    if first and len(first) <= 150 and rest.strip() and not first.endswith((".", ",", ";")):
        return first.strip(), rest.strip()
    return "", text


def _extract_html(html: str, *, url: str | None) -> tuple[str, str, date | None]:
    import trafilatura
    from lxml.etree import LxmlError

    html = _XML_DECL.sub("", html, count=1)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    except (RecursionError, ValueError, LxmlError, MemoryError, TypeError):
        doc = None
    if doc is None or not (doc.text or "").strip():
        return _fallback_title(html), "", None
    title = _tidy(doc.title or "") or _fallback_title(html)
    return title, _tidy(doc.text or ""), _parse_date(doc.date)


def _fallback_title(html: str) -> str:
    match = _TITLE_TAG.search(html[:100_000])
    if not match:
        return ""
    import html as html_lib

    return _tidy(html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))))[:500]


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value[:10])
    except ValueError:
        return None
