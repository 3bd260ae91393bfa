"""Celery tasks of the pipeline: thin, idempotent, retried only on transient failures.

beat -> poll_due_sources_task -> source_poll_task (per source) -> article_fetch_task (per new
entry) -> the configured link task (rounds.tasks.article_link_task).
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import transaction

from ingest import services
from ingest.errors import IngestError
from ingest.models import Source

logger = logging.getLogger(__name__)

# Sources fanned out per beat tick: each costs one fetch; the rest wait for the next tick.
POLL_FANOUT_LIMIT = 200


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
    """Enqueue a poll of every source that is due; returns how many were enqueued."""
    ids = list(services.sources_due().values_list("pk", flat=True)[:POLL_FANOUT_LIMIT])
    for source_id in ids:
        source_poll_task.delay(source_id)
    return len(ids)


@shared_task(**RETRY)
def source_poll_task(source_id: int) -> int:
    """Poll one source and enqueue a fetch for each new entry; returns the count enqueued."""
    source = Source.objects.filter(pk=source_id, active=True).first()
    if source is None:
        return 0
    try:
        entries = services.source_poll(source=source)
    except IngestError as error:
        services.source_record_failure(source=source, error=error)
        if error.transient:
            raise TransientIngestError(str(error)) from error
        return 0
    for entry in entries:
        published = entry.published.date().isoformat() if entry.published else None
        # robust: one entry failing to enqueue (or, run eagerly, to ingest) spares the rest
        transaction.on_commit(
            lambda url=entry.url, p=published: article_fetch_task.delay(url, source_id, p),
            robust=True,
        )
    return len(entries)


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
            published=datetime.date.fromisoformat(published) if published else None,
        )
    except IngestError as error:
        logger.warning("article %s not ingested: %s", url, error)
        if error.transient:
            raise TransientIngestError(str(error)) from error
        return None
    link = services.article_link_task()
    article_id = result.article.pk
    transaction.on_commit(lambda: link.delay(article_id), robust=True)
    return article_id
