"""What a fetched body may be: text types only, whatever the server declares (see
:mod:`ingest.fetching`). Binary responses are refused by declared type and by magic bytes."""

from __future__ import annotations

from collections.abc import Iterable

from ingest.errors import FetchError

_SNIFF_BYTES = 2048  # how much of a body is sniffed for binary content

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"\x7fELF", "application/x-executable"),
    (b"\x00asm", "application/wasm"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"fLaC", "audio/flac"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
)
_BINARY_TYPES = frozenset(
    {
        "application/octet-stream",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/pdf",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/vnd.rar",
        "application/x-rar-compressed",
        "application/x-bzip2",
        "application/x-executable",
        "application/x-msdownload",
        "application/wasm",
        "application/msword",
    }
)
_BINARY_PREFIXES = ("image/", "audio/", "video/", "font/")


def sniff_binary(head: bytes) -> str | None:
    """The binary media type ``head`` (first bytes of a body) starts like, or None for text.

    Magic numbers of common images, archives, documents, media and executables, plus a NUL
    byte ratio above 10% in text not starting with a UTF-16/32 byte-order mark.
    """
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    sample = head[:_SNIFF_BYTES]
    has_bom = sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    if sample and not has_bom and sample.count(0) / len(sample) > 0.1:
        return "application/octet-stream"
    return None


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media_type, _, params = value.partition(";")
    media_type = media_type.strip().lower() or None
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media_type, charset


def _check_content_type(media_type: str | None, accept: Iterable[str], url: str) -> None:
    if media_type is None:
        return  # decided by sniffing the body
    if media_type in _BINARY_TYPES or media_type.startswith(_BINARY_PREFIXES):
        raise FetchError(
            f"binary content type {media_type}", code="binary_content", url=url, status=200
        )
    if media_type not in accept:
        raise FetchError(
            f"unacceptable content type {media_type}", code="bad_content_type", url=url
        )


def _refuse_binary(head: bytes, url: str) -> None:
    kind = sniff_binary(head)
    if kind is not None:
        raise FetchError(
            f"body looks like {kind} whatever its declared type",
            code="binary_content",
            url=url,
        )
