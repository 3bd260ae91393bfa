"""Duplicate detection helpers: canonical URLs, exact content hashes, near-duplicate MinHash.

Pure functions, standard library only. Three levels, cheapest first:

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

from ingest.errors import IngestError

__all__ = [
    "NEAR_DUPLICATE_THRESHOLD",
    "NUM_HASHES",
    "SHINGLE_SIZE",
    "canonical_url",
    "content_hash",
    "fingerprint",
    "is_near_duplicate",
    "normalize_text",
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

_FP_PREFIX = "mh1:"
_HASHES_PER_BLOCK = 16  # one 64-byte blake2b digest = 16 unsigned 32-bit values
_BLOCKS = NUM_HASHES // _HASHES_PER_BLOCK
_MAX32 = 0xFFFFFFFF
_UNPACK = struct.Struct(f"<{_HASHES_PER_BLOCK}I").unpack
_PACK = struct.Struct(f"<{NUM_HASHES}I")

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
    words = _WORD_RE.findall(normalize_text(text))
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def fingerprint(text: str) -> str:
    """MinHash signature of the word 5-shingles of ``text`` as a compact ASCII string.

    ``NUM_HASHES`` 32-bit minima, each from an independently salted blake2b, packed
    little-endian and base64url-encoded behind a version prefix (688 characters). Text with
    fewer than five words is one shingle; empty text gives a signature that is similar to
    nothing.
    """
    mins = [_MAX32] * NUM_HASHES
    salts = [struct.pack("<Q", block) for block in range(_BLOCKS)]
    for shingle in _shingles(text):
        data = shingle.encode("utf-8")
        values: list[int] = []
        for salt in salts:
            values.extend(_UNPACK(hashlib.blake2b(data, digest_size=64, salt=salt).digest()))
        mins = list(map(min, mins, values))
    return _FP_PREFIX + base64.urlsafe_b64encode(_PACK.pack(*mins)).decode("ascii")


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


def is_near_duplicate(
    fp_a: str | bytes, fp_b: str | bytes, *, threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> bool:
    """True when :func:`similarity` of the two fingerprints reaches ``threshold``."""
    return similarity(fp_a, fp_b) >= threshold
