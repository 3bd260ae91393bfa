"""Celery tasks of the review side: thin, idempotent."""

from celery import shared_task
from django.db import OperationalError

from ingest.models import Article
from review.linking import article_link


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=10, max_retries=3)
def article_link_task(article_id: int) -> int:
    """Link one article to curated records; returns how many suggestions it queued."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    return article_link(article=article).suggestions
