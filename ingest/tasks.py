"""Celery tasks of the pipeline: thin, idempotent, retried only on transient failures.

beat -> poll_due_sources_task -> source_poll_task (per source) -> article_fetch_task (per new
entry) -> the configured link task (review.tasks.article_link_task).
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, transaction
from kombu.exceptions import OperationalError as BrokerError

from astana_site.dates import parse_iso_date
from ingest import services
from ingest.errors import IngestError
from ingest.models import Source

logger = logging.getLogger(__name__)

# Sources fanned out per beat tick: each costs one fetch; the rest wait for the next tick.
POLL_FANOUT_LIMIT = 200
# How long an enqueued poll keeps its source from being enqueued again (it waits in the queue).
POLL_CLAIM_MINUTES = 15
# An article still unlinked this long after it was stored lost its link task: enqueue it again.
LINK_SWEEP_MINUTES = 10


class TransientIngestError(Exception):
    """Raised inside a task to ask Celery for a retry with backoff."""


RETRY = {
    "autoretry_for": (TransientIngestError,),
    "retry_backoff": 30,
    "retry_backoff_max": 15 * 60,
    "retry_jitter": True,
    "max_retries": 4,
    "acks_late": True,
}


@shared_task(acks_late=True)
def poll_due_sources_task() -> int:
    """Enqueue a poll of every source that is due, and re-enqueue linking of articles whose
    link task was lost; returns how many sources were enqueued."""
    ids = list(services.sources_due().values_list("pk", flat=True)[:POLL_FANOUT_LIMIT])
    services.sources_claim(source_ids=ids, minutes=POLL_CLAIM_MINUTES)
    for source_id in ids:
        source_poll_task.delay(source_id)
    link = services.article_link_task()
    for article_id in services.articles_awaiting_link(older_than_minutes=LINK_SWEEP_MINUTES):
        link.delay(article_id)
    return len(ids)


def source_poll_enqueue(*, source_id: int) -> bool:
    """Ask for a poll of one source now, from a process that must never fetch (the web).

    Returns True once the poll is on the broker's queue. Without a broker (tasks run
    in-process) nothing is run here: the source is made due, for the next ``poll_sources``,
    and False is returned. Raises :class:`IngestError` (``enqueue_failed``) when the broker
    cannot take the task; the source is made due then too, so the next beat tick polls it.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        services.sources_claim(source_ids=[source_id], minutes=0)
        return False
    try:
        source_poll_task.apply_async(args=[source_id], retry=False)
    except BrokerError as exc:
        services.sources_claim(source_ids=[source_id], minutes=0)
        raise IngestError(
            f"the task broker did not take the poll: {exc}", code="enqueue_failed", transient=True
        ) from exc
    services.sources_claim(source_ids=[source_id], minutes=POLL_CLAIM_MINUTES)
    return True


@shared_task(bind=True, **RETRY)
def source_poll_task(self, source_id: int) -> int:
    """Poll one source, hand each new entry to ``article_fetch_task`` (a page source is
    ingested here, from the body just fetched), then record the poll's validators.

    The ETag/Last-Modified are stored only after the entries are handed on: a poll that dies
    in between is repeated in full, not answered with 304. Returns the entries handed on.
    """
    source = Source.objects.filter(pk=source_id, active=True).first()
    if source is None:
        return 0
    try:
        poll = services.source_poll(source=source)
        if poll.page is not None:
            result = services.article_ingest_page(source=source, fetched=poll.page)
            _link_after_commit(result.article.pk)
    except IngestError as error:
        services.source_record_failure(source=source, error=error, count=not self.request.retries)
        if error.transient:
            raise TransientIngestError(str(error)) from error
        return 0
    except SoftTimeLimitExceeded:
        # The fetch deadline sits well inside the soft limit, so this is extraction or the
        # database being slow: record it, so the source backs off like any failing one.
        services.source_record_failure(
            source=source,
            error=IngestError("the poll ran past the task's soft time limit", code="time_limit"),
            count=not self.request.retries,
        )
        return 0
    except DatabaseError:
        raise  # nothing can be recorded; the task fails and the next beat tick tries again
    except Exception as exc:
        # A bug met on this source's input: recorded on the source (so it backs off and an
        # analyst sees it), then raised to be logged with its traceback.
        services.source_record_failure(
            source=source,
            error=IngestError(
                f"internal error: {type(exc).__name__}: {exc}", code="internal_error"
            ),
            count=not self.request.retries,
        )
        raise
    deferred = 0
    for entry in poll.entries:
        published = entry.published.date().isoformat() if entry.published else None
        try:
            article_fetch_task.delay(entry.url, source_id, published)
        except Retry:
            # Only run in-process (no broker): a transient failure of one article. Keep going;
            # the validators are not kept, so the next poll reads the whole feed again.
            deferred += 1
    keep = not deferred
    services.source_record_success(
        source=source,
        etag=poll.etag if keep else None,
        last_modified=poll.last_modified if keep else None,
    )
    return len(poll.entries)


def _link_after_commit(article_id: int) -> None:
    link = services.article_link_task()
    transaction.on_commit(lambda: link.delay(article_id))


@shared_task(**RETRY)
def article_fetch_task(
    url: str, source_id: int | None = None, published: str | None = None
) -> int | None:
    """Fetch, extract, understand and store one article, then enqueue linking."""
    source = Source.objects.filter(pk=source_id).first() if source_id else None
    try:
        result = services.article_ingest_url(
            url=url,
            source=source,
            published=parse_iso_date(published),
        )
    except IngestError as error:
        logger.warning("article %s not ingested: %s", url, error)
        if error.transient:
            raise TransientIngestError(str(error)) from error
        return None
    _link_after_commit(result.article.pk)
    return result.article.pk
