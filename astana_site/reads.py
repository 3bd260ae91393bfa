"""Whether the records read now will be written back.

A curated record remembers the values it was read with (``rounds.models.base``), so that a
save writes only what the caller changed. That costs every read, and most reads are pages and
API lists that never write: a list of 100 records paid for 100 snapshots. Code that only
reads says so with ``reading_only()``; ``ReadOnlyRequestMiddleware`` does it for safe HTTP
methods (GET, HEAD, OPTIONS), which must not change data. A record read without its snapshot
cannot be saved: ``rounds.services.curated_save`` refuses it (``ReadForDisplayError``), since it
could not tell the caller's changes from what others changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_snapshots = ContextVar("astana_load_snapshots", default=True)


def snapshots_wanted() -> bool:
    """True unless the current code said it only reads."""
    return _snapshots.get()


@contextmanager
def reading_only() -> Iterator[None]:
    token = _snapshots.set(False)
    try:
        yield
    finally:
        _snapshots.reset(token)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyRequestMiddleware:
    """Records read while answering a GET, HEAD or OPTIONS request skip the load snapshot."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with reading_only():
            return self.get_response(request)
