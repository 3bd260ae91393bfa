"""Duplicate detection helpers: canonical URLs, exact content hashes, near-duplicate MinHash.

Pure functions (standard library and numpy). Three levels, cheapest first:

* :func:`canonical_url` maps the many spellings of one article address (tracking parameters,
  AMP variants, default ports, fragments, parameter order, trailing slash) to one string that
  can carry a database uniqueness constraint.
* :func:`content_hash` is a SHA-256 of the normalised text: the same story re-fetched, or
  re-served with different whitespace or capitalisation, has the same hash.
* :func:`fingerprint` / :func:`similarity` estimate the Jaccard similarity of word 5-shingle
  sets with a 128-value MinHash signature; two texts at or above
  :data:`NEAR_DUPLICATE_THRESHOLD` are the same story (a wire copy republished with another
  site's header, footer or light edits). See ``docs/DEDUP.md`` for how the threshold was set.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import numpy as np

from ingest.errors import IngestError

__all__ = [
    "FINGERPRINT_PREFIX",
    "NEAR_DUPLICATE_THRESHOLD",
    "NUM_HASHES",
    "SHINGLE_SIZE",
    "canonical_url",
    "content_hash",
    "fingerprint",
    "is_near_duplicate",
    "normalize_text",
    "similarities",
    "similarity",
]

#: Jaccard estimate at or above which two texts are treated as the same story. Chosen on the
#: labelled pairs in ``tests/data/dedup_pairs.json`` (see ``docs/DEDUP.md``).
NEAR_DUPLICATE_THRESHOLD = 0.37

#: Words per shingle. 5 keeps shared stock phrases ("the Astana format on Syria") from making
#: two different reports about one round look alike, while light edits only break a few.
SHINGLE_SIZE = 5

#: MinHash signature length. 128 values give a standard error of about 0.044 on the Jaccard
#: estimate; the signature serialises to 688 ASCII characters.
NUM_HASHES = 128

FINGERPRINT_PREFIX = _FP_PREFIX = "mh2:"  # a new hashing scheme gets a new prefix
_MAX32 = 0xFFFFFFFF
_PACK = struct.Struct(f"<{NUM_HASHES}I")
# Multiply-shift hash family: fixed odd multipliers and addends, so signatures are stable
# across processes and releases (change the prefix if they ever change).
_RNG = np.random.default_rng(20170123)
_MULTIPLIERS = _RNG.integers(1, 2**63, size=NUM_HASHES, dtype=np.uint64) * np.uint64(2) + np.uint64(
    1
)
_ADDENDS = _RNG.integers(0, 2**63, size=NUM_HASHES, dtype=np.uint64)
# Shingles hashed per numpy block: bounds the temporary matrix to 2048 x 128 x 8 bytes = 2 MiB.
_FINGERPRINT_BLOCK = 2048
_SHINGLE_BASE = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "yclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "cmpid",
        "ocid",
    }
)
_AMP_PARAMS = {"amp": {"", "1", "true", "yes"}, "outputtype": {"amp"}}
_WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = "/:@!$'()*+,;-._~?"


def canonical_url(url: str) -> str:
    """Return the canonical spelling of an http(s) article URL.

    Lowercases scheme and host (IDNA-encoded), drops user info, default ports, the fragment,
    tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``yclid``, ``mc_cid``, ``mc_eid``,
    ``ref``, ``_ga`` and similar) and AMP variants (``?amp=1``, ``?outputType=amp``, a final
    ``/amp`` path segment, an ``amp.`` subdomain when at least two labels remain), sorts the
    remaining query parameters and normalises percent-encoding. The root path is ``/``; any
    other path loses its trailing slash. Idempotent: ``canonical_url(canonical_url(u)) ==
    canonical_url(u)``.

    Raises :class:`IngestError` (``bad_url``) for anything but an absolute http(s) URL.

    Why not courlan (installed with trafilatura): its ``normalize_url(strict=True)`` drops every
    query parameter (articles whose id is in the query would collapse into one), it neither
    strips AMP variants nor IDNA-encodes hosts, and switching would change the unique
    ``canonical_url`` of every article already stored.
    """
    if not isinstance(url, str):
        raise IngestError("URL must be a string", code="bad_url")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise IngestError(f"unparseable URL: {url!r}", code="bad_url", url=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise IngestError(f"not an absolute http(s) URL: {url!r}", code="bad_url", url=url)

    host = _normalise_host(parts.hostname)
    labels = host.split(".")
    if labels[0] == "amp" and len(labels) >= 3:
        host = ".".join(labels[1:])
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"

    path = quote(unquote(parts.path), safe=_PATH_SAFE) or "/"
    path = re.sub(r"/{2,}", "/", path)
    segments = path.rstrip("/").split("/")
    if len(segments) > 1 and segments[-1].lower() == "amp":
        segments.pop()
    path = "/".join(segments) or "/"
    if not path.startswith("/"):
        path = "/" + path

    params = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        low = key.lower()
        if low.startswith("utm_") or low in _TRACKING_PARAMS:
            continue
        if low in _AMP_PARAMS and value.lower() in _AMP_PARAMS[low]:
            continue
        params.append((key, value))
    params.sort()
    query = urlencode(params, safe=_QUERY_SAFE, quote_via=quote)
    return urlunsplit((scheme, netloc, path, query, ""))


def _normalise_host(hostname: str) -> str:
    host = hostname.strip(".").lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def normalize_text(text: str) -> str:
    """Unicode NFKC, case-folded, whitespace collapsed to single spaces and stripped."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return _SPACE_RE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """Hex SHA-256 of :func:`normalize_text` of ``text`` (64 characters)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def _shingles(text: str, k: int = SHINGLE_SIZE) -> set[str]:
    """The word k-shingles of ``text`` as strings (the set the signature estimates)."""
    words = _WORD_RE.findall(normalize_text(text))
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _shingle_hashes(text: str, k: int = SHINGLE_SIZE) -> np.ndarray:
    """One 64-bit value per distinct word k-shingle: each distinct word is hashed once, and a
    shingle's value is a polynomial of its words' hashes (computed with numpy)."""
    words = _WORD_RE.findall(normalize_text(text))
    if not words:
        return np.empty(0, dtype=np.uint64)
    cache: dict[str, int] = {}
    hashes = np.fromiter(
        (cache[w] if w in cache else cache.setdefault(w, _word_hash(w)) for w in words),
        dtype=np.uint64,
        count=len(words),
    )
    width = min(k, len(hashes))
    count = len(hashes) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # wraps mod 2**64
        combined = combined * _SHINGLE_BASE + hashes[offset : offset + count]
    return np.unique(combined)


def fingerprint(text: str) -> str:
    """MinHash signature of the word 5-shingles of ``text`` as a compact ASCII string.

    Each distinct shingle gets one 64-bit value; ``NUM_HASHES`` multiply-shift hash functions
    (odd 64-bit multipliers from a fixed seed, top 32 bits kept) permute those values and the
    minimum of each is kept. All in numpy, in blocks, so a long article costs about a
    millisecond. Packed little-endian and base64url-encoded behind a version prefix (688
    characters). Text with fewer than five words is one shingle; empty text gives a signature
    that is similar to nothing.
    """
    values = _shingle_hashes(text)
    mins = np.full(NUM_HASHES, _MAX32, dtype=np.uint64)
    for start in range(0, len(values), _FINGERPRINT_BLOCK):
        block = values[start : start + _FINGERPRINT_BLOCK, None]
        hashed = (block * _MULTIPLIERS + _ADDENDS) >> np.uint64(32)
        mins = np.minimum(mins, hashed.min(axis=0))
    packed = _PACK.pack(*(int(v) for v in mins))
    return _FP_PREFIX + base64.urlsafe_b64encode(packed).decode("ascii")


def _decode(fp: str | bytes) -> tuple[int, ...]:
    if isinstance(fp, bytes):
        fp = fp.decode("ascii", "replace")
    if not isinstance(fp, str) or not fp.startswith(_FP_PREFIX):
        raise IngestError("not a fingerprint produced by fingerprint()", code="bad_fingerprint")
    try:
        raw = base64.urlsafe_b64decode(fp[len(_FP_PREFIX) :].encode("ascii"))
        return _PACK.unpack(raw)
    except (ValueError, struct.error) as exc:
        raise IngestError("corrupt fingerprint", code="bad_fingerprint") from exc


def similarity(fp_a: str | bytes, fp_b: str | bytes) -> float:
    """Estimated Jaccard similarity (0.0-1.0) of the shingle sets behind two fingerprints.

    The fraction of signature positions that agree. Returns 0.0 when either text was empty.
    Raises :class:`IngestError` (``bad_fingerprint``) for strings not made by
    :func:`fingerprint`.
    """
    a, b = _decode(fp_a), _decode(fp_b)
    if all(v == _MAX32 for v in a) or all(v == _MAX32 for v in b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_HASHES


def similarities(fp: str | bytes, others: list[str]) -> np.ndarray:
    """:func:`similarity` of ``fp`` to each of ``others`` at once (vectorised with numpy)."""
    if not others:
        return np.empty(0)
    mine = np.array(_decode(fp), dtype=np.uint32)
    if (mine == _MAX32).all():
        return np.zeros(len(others))
    matrix = np.array([_decode(o) for o in others], dtype=np.uint32)
    scores = (matrix == mine).mean(axis=1)
    scores[(matrix == _MAX32).all(axis=1)] = 0.0
    return scores


def is_near_duplicate(
    fp_a: str | bytes, fp_b: str | bytes, *, threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> bool:
    """True when :func:`similarity` of the two fingerprints reaches ``threshold``."""
    return similarity(fp_a, fp_b) >= threshold
