"""Writes of sources: registering them, claiming the due ones, polling, and recording how
each poll went. Articles a poll finds are stored by ``ingest.services.articles``."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ingest.choices import SourceKind
from ingest.errors import IngestError
from ingest.feeds import FeedEntry, parse_feed
from ingest.fetching import FetchResult, fetch
from ingest.models import POLL_INTERVAL_MAX, POLL_INTERVAL_MIN, Sighting, Source
from ingest.services.articles import _canonical, _fetch_options  # shared within the package

logger = logging.getLogger(__name__)

# Failures after which a source is backed off to 4x its interval until an analyst looks.
SOURCE_BACKOFF_AFTER_FAILURES = 5
SOURCE_BACKOFF_FACTOR = 4


def _next_poll(source: Source, now: datetime.datetime, *, factor: int = 1) -> datetime.datetime:
    """When to poll ``source`` next: ``factor`` times its interval after ``now``. An interval
    stored outside the model's range (written around it) is read as the nearest bound, so the
    date can always be computed."""
    minutes = min(max(source.poll_interval, POLL_INTERVAL_MIN), POLL_INTERVAL_MAX)
    return now + datetime.timedelta(minutes=minutes * factor)


def sources_due(*, now: datetime.datetime | None = None):
    """Active sources whose next poll time has come (or that were never polled)."""
    now = now or timezone.now()
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    return Source.objects.filter(due, active=True).order_by("next_poll_at", "pk")


@transaction.atomic
def source_save(*, source: Source, data: dict) -> Source:
    """Create or change a source from validated fields; raises ValidationError if invalid.

    A changed URL or kind forgets the conditional-GET validators and is polled at once.
    """
    refetch = any(k in data and data[k] != getattr(source, k) for k in ("url", "kind"))
    for name, value in data.items():
        setattr(source, name, value)
    if refetch:
        source.etag = source.last_modified = ""
        source.next_poll_at = None
    source.full_clean()
    source.save()
    return source


def source_record_success(*, source: Source, etag: str | None, last_modified: str | None) -> None:
    now = timezone.now()
    Source.objects.filter(pk=source.pk).update(
        etag=etag or "",
        last_modified=last_modified or "",
        last_polled=now,
        last_success=now,
        next_poll_at=_next_poll(source, now),
        failure_count=0,
        last_error="",
        last_error_code="",
    )


@transaction.atomic
def source_record_failure(*, source: Source, error: IngestError, count: bool = True) -> None:
    """Record a failed poll on the source (shown in the admin) and schedule the next one: the
    count, the error and the next time together, or nothing.

    ``count`` is False for a retry of a poll already counted, so one outage counts once.
    """
    now = timezone.now()
    if count:
        Source.objects.filter(pk=source.pk).update(failure_count=F("failure_count") + 1)
    failures = Source.objects.values_list("failure_count", flat=True).get(pk=source.pk)
    factor = SOURCE_BACKOFF_FACTOR if failures >= SOURCE_BACKOFF_AFTER_FAILURES else 1
    Source.objects.filter(pk=source.pk).update(
        last_polled=now,
        next_poll_at=_next_poll(source, now, factor=factor),
        last_error=str(error)[:2000],
        last_error_code=error.code[:32],
    )
    source.failure_count = failures


def sources_claim(*, source_ids: list[int], minutes: int) -> None:
    """Push the next poll of sources just enqueued a lease into the future, so the next beat
    tick does not enqueue them again while they wait in the queue; the poll's outcome then
    sets the real next time."""
    Source.objects.filter(pk__in=source_ids).update(
        next_poll_at=timezone.now() + datetime.timedelta(minutes=minutes)
    )


@dataclass(frozen=True)
class PollResult:
    """What one poll found. ``entries`` are the feed entries not yet stored (for a page
    source: none, the page itself is in ``page``). The validators are to be recorded with
    :func:`source_record_success` only once the entries have been handed on, so that a poll
    that dies in between is repeated in full rather than answered with 304."""

    entries: list[FeedEntry]
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    page: FetchResult | None = None
    skipped: int = 0


def _safe_canonical(url: str) -> str | None:
    try:
        return _canonical(url)
    except IngestError:
        return None


def source_poll(*, source: Source) -> PollResult:
    """Fetch a source (conditionally) and say what is new; writes nothing.

    Entries whose link cannot be canonicalised are skipped (counted in ``skipped``), not
    allowed to block the rest of the feed. Raises :class:`IngestError`; the caller retries
    transient ones and records failures with :func:`source_record_failure`.
    """
    result = fetch(
        source.url,
        etag=source.etag or None,
        last_modified=source.last_modified or None,
        **_fetch_options(),
    )
    etag = result.etag or (source.etag if result.not_modified else None)
    last_modified = result.last_modified or (source.last_modified if result.not_modified else None)
    if result.not_modified:
        return PollResult([], etag, last_modified, not_modified=True)
    if source.kind == SourceKind.PAGE:
        return PollResult([], etag, last_modified, page=result)
    entries, canonical, skipped = [], {}, 0
    for entry in parse_feed(result.content, base_url=result.final_url):
        key = _safe_canonical(entry.url)
        if key is None:
            logger.warning("source %s: skipping entry with unusable link %r", source.pk, entry.url)
            skipped += 1
            continue
        canonical[entry.url] = key
        entries.append(entry)
    known = set(
        Sighting.objects.filter(canonical_url__in=canonical.values()).values_list(
            "canonical_url", flat=True
        )
    )
    new = [e for e in entries if canonical[e.url] not in known]
    return PollResult(new, etag, last_modified, skipped=skipped)
