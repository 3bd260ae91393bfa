"""The shared cache of expensive reads, invalidated by the services that write.

One *data version* (a nanosecond timestamp in the shared cache) stands for everything readers
see. Every service that changes what readers see calls :func:`data_changed`, which bumps the
version once the transaction commits; cached reads are keyed by the version, so a write makes
every cached page and API list stale at once and the old entries expire on their own. The
version also gives lists their ``ETag`` and ``Last-Modified`` (conditional GET, 304).

The cache is ``CACHES["default"]``: Redis when ``CACHE_URL`` names it, the database otherwise
(settings), so every worker sees the same version.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

VERSION_KEY = "astana:data-version"
# How long a cached read lives if no write makes it stale first (seconds).
READ_CACHE_SECONDS = getattr(settings, "READ_CACHE_SECONDS", 600)


def data_version() -> int:
    """The current data version (set to now the first time it is asked for)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY) or time.time_ns()
    return int(version)


# The data version the current request read (``reading_at``), so what it reads next is
# judged by the same version without asking the cache again.
_VERSION_READ: ContextVar[int | None] = ContextVar("astana_data_version_read", default=None)


@contextmanager
def reading_at(version: int) -> Iterator[None]:
    """Within the block, ``current_data_version()`` is ``version``: the version a request read
    (an API list reads it with its kept count, in the throttle's round trip to the cache)."""
    token = _VERSION_READ.set(version)
    try:
        yield
    finally:
        _VERSION_READ.reset(token)


def current_data_version() -> int:
    """The data version the current request read (``reading_at``), else the cache's."""
    version = _VERSION_READ.get()
    return data_version() if version is None else version


def _bump() -> None:
    # Strictly increasing even when two writers bump within one clock tick.
    current = cache.get(VERSION_KEY) or 0
    cache.set(VERSION_KEY, max(time.time_ns(), int(current) + 1), timeout=None)


def data_changed() -> None:
    """Mark everything readers see as changed. Services that write call it.

    The version is bumped at once and again when the current transaction commits: a reader
    that caches between the two (it still sees the old rows) caches under a version the
    commit makes stale."""
    _bump()
    transaction.on_commit(_bump)


def changes_data(service: Callable[..., T]) -> Callable[..., T]:
    """For a service that writes what readers see outside a transaction of its own: the data
    version is bumped when it has written (``data_changed`` at its start would bump before the
    writes, with nothing left to bump after them: a reader in between would keep the old
    answer under the new version)."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        finally:
            data_changed()

    return wrapper


def read_cache_enabled() -> bool:
    return getattr(settings, "READ_CACHE_ENABLED", True)


def cached_read(namespace: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the shared cache under ``namespace``/``key`` until the data
    changes (or ``READ_CACHE_SECONDS`` pass)."""
    if not read_cache_enabled():
        return compute()
    full = versioned_key(namespace, key)
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, READ_CACHE_SECONDS)
    return value


def count_cache_enabled() -> bool:
    return getattr(settings, "COUNT_CACHE_ENABLED", True)


class ReadAhead(NamedTuple):
    """What a request read from the cache before it asked (its throttle's round trip to Redis
    reads the keys the view names: ``astana_site.api.throttling``): the keys read, and the
    values of those that have one. A key read with no value stands for "none"; a key not read
    stands for nothing, and is asked for."""

    keys: frozenset[str]
    values: dict

    def covers(self, *keys: str) -> bool:
        return set(keys) <= self.keys


@dataclass(frozen=True)
class KeptCount:
    """A list's count as kept in the shared cache under ``key`` (``(version, count)``, or
    ``None``), read with the data ``version`` in one round trip (``data_version_and_count``)."""

    key: str
    version: int
    kept: tuple[int, int] | None

    def count(self, count: Callable[[], int]) -> int:
        """The kept count if kept at this data version, else ``count()``, then kept (for at
        most ``READ_CACHE_SECONDS``). A list's ``COUNT`` reads every row that matches
        (200,000 citations: more than the rest of the answer), on every page. A count made
        while a write bumps the version is kept under the version read before, so the next
        reader counts again."""
        if self.kept is not None and self.kept[0] == self.version:
            return self.kept[1]
        value = count()
        cache.set(self.key, (self.version, value), READ_CACHE_SECONDS)
        return value


def data_version_and_count(key: str, read_ahead: ReadAhead | None = None) -> KeptCount:
    """The data version and the count kept under ``key``, in one round trip to the cache
    (an API list asks for both on every request), or in none where the request's throttle
    read both already (``read_ahead``)."""
    if read_ahead is not None and read_ahead.covers(VERSION_KEY, key):
        got = read_ahead.values
    else:
        got = cache.get_many([VERSION_KEY, key])
    version = got.get(VERSION_KEY)
    if version is None:
        return KeptCount(key=key, version=data_version(), kept=None)
    kept = got.get(key)
    return KeptCount(key=key, version=int(version), kept=kept if isinstance(kept, tuple) else None)


def count_key(key: str) -> str:
    """Where a list's count is kept: one entry per list and filters, holding the version it
    was counted at (a new version overwrites it rather than leaving it to expire)."""
    return f"astana:api-count:{hashlib.sha256(key.encode()).hexdigest()[:32]}"


def versioned_key(namespace: str, key: str, version: int | None = None) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"astana:{namespace}:{version or data_version()}:{digest}"


def list_etag(key: str, version: int | None = None) -> str:
    """A weak entity tag for a representation of the data at ``version`` (lists, pages)."""
    digest = hashlib.sha256(f"{version or data_version()}\n{key}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def etag_matches(if_none_match: str, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag`` (weak comparison, RFC 9110 13.1.2) or ``*``."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    bare = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == bare for t in if_none_match.split(","))


def version_seconds(version: int) -> float:
    return version / 1e9


def kept_tables_enabled() -> bool:
    return getattr(settings, "KEPT_TABLES_ENABLED", True)


# At most this many rows of a table are kept (``kept_rows``); a larger table is read by key.
KEPT_TABLE_ROWS = 10_000


@dataclass(frozen=True)
class _KeptTable:
    version: int  # the data version it was read at
    read_at: float  # time.monotonic() when read
    rows: dict | None  # key -> row, None when the table has too many rows to keep

    def serves(self, version: int) -> bool:
        return self.version == version and time.monotonic() - self.read_at < READ_CACHE_SECONDS


# (model label, columns, database) -> the table as last read.
_KEPT_TABLES: dict[tuple, _KeptTable] = {}


def kept_rows(model, attnames: tuple[str, ...], using: str) -> dict | None:
    """The rows of ``model``'s small table (``attnames``' values, as ``values_list`` gives
    them, the key among them), by key, read once per data version and process and kept in
    the process (None when keeping is off or the table has more than ``KEPT_TABLE_ROWS``).

    For a list that shows, of each row's related record, a name or a number from a small
    table (the places an event names, the round a statement comes from): reading them from
    here costs neither a join nor a query. A write through the services bumps the version,
    and the next reader reads the table again; until then the rows are those read at the
    version, as cached pages are, and as those for at most ``READ_CACHE_SECONDS`` (should a
    bump be missed: the cache out of reach when a write commits). A key not among them (a
    row written while the version stood) is not found here: the caller reads it from the
    database. The rows are shared by every reader of the process: their values must not be
    mutable (``rounds.selectors.base.with_kept_relations`` keeps no JSON column)."""
    if not kept_tables_enabled():
        return None
    version = current_data_version()
    key = (model._meta.label, attnames, using)
    kept = _KEPT_TABLES.get(key)
    if kept is not None and kept.serves(version):
        return kept.rows
    at = attnames.index(model._meta.pk.attname)
    read_at = time.monotonic()
    rows = list(
        model._base_manager.using(using).order_by().values_list(*attnames)[: KEPT_TABLE_ROWS + 1]
    )
    table = None if len(rows) > KEPT_TABLE_ROWS else {row[at]: row for row in rows}
    _KEPT_TABLES[key] = _KeptTable(version=version, read_at=read_at, rows=table)
    return table


def forget_kept_tables() -> None:
    """Drop every kept table (tests; the next reader reads them again)."""
    _KEPT_TABLES.clear()
