"""Reading a local file for ingestion, bounded whatever the file is.

``st_size`` says nothing about a device (``/dev/zero``), a FIFO or a file still growing, so
the size is never trusted: the file is opened without blocking, must be a regular file once
open (a symlink is followed, then judged by what it points to), and at most ``max_bytes + 1``
bytes are read, in bounded chunks.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ingest.errors import IngestError

__all__ = ["FileTooLarge", "read_limited"]

_CHUNK = 64 * 1024


class FileTooLarge(IngestError):
    default_code = "too_large"


def read_limited(path: Path | str, *, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    Raises :class:`IngestError` with ``code`` ``not_a_file`` (a directory, device, FIFO or
    socket), ``too_large`` (more than ``max_bytes``, however the file reports its size) or
    ``unreadable`` (missing, no permission). Never blocks on a FIFO with no writer.
    """
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise IngestError(f"{path}: not a regular file", code="not_a_file") from exc
        raise IngestError(f"{path}: cannot open: {exc.strerror}", code="unreadable") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise IngestError(
                f"{path}: not a regular file (a directory, device, FIFO or socket)",
                code="not_a_file",
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise FileTooLarge(f"{path}: larger than INGEST_MAX_BYTES ({max_bytes} bytes)")
        return b"".join(chunks)
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror}", code="unreadable") from exc
    finally:
        os.close(fd)
