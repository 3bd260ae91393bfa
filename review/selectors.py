"""Reads that join ingested articles with the curated records citing them, and the queue."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from ingest.models import Article, Sighting
from rounds.choices import SuggestionStatus
from rounds.models import Citation, Event, Round, Suggestion
from rounds.models.base import overdue_meetings


def article_api_list(*, with_text: bool = True):
    """Articles, newest first; without their text and extraction for a list
    (``with_text=False``: a page of 50 read 150 KB of text it does not show). A list's page
    gets its related rows from ``with_article_relations``; a detail (``with_text``) has them
    prefetched."""
    heavy = ("raw", "fingerprint") if with_text else ("raw", "fingerprint", "text", "extraction")
    articles = Article.objects.defer(*heavy).order_by("-published", "-pk")
    if not with_text:
        return articles
    return articles.prefetch_related(
        Prefetch("citations", queryset=_round_citations(), to_attr="round_citations"),
        Prefetch("suggestions", queryset=_suggestion_refs(), to_attr="suggestion_refs"),
        Prefetch("sightings", queryset=_sightings(), to_attr="sighting_list"),
    )


def with_article_relations(articles: list[Article]) -> list[Article]:
    """``articles`` with the numbers of the rounds citing them (``round_citations``), their
    suggestions (``suggestion_refs``) and sightings (``sighting_list``) as plain lists: three
    queries for any number of articles, by their ids. (Django's prefetch into ``to_attr`` does
    the same with each related row matched to its article through the relation's machinery:
    for a page of 100 articles it cost more than the rest of the answer.)"""
    ids = [a.pk for a in articles]
    related = {}
    for name, rows in [
        ("round_citations", _round_citations()),
        ("suggestion_refs", _suggestion_refs()),
        ("sighting_list", _sightings()),
    ]:
        by_article: dict[int, list] = {}
        for row in rows.filter(article_id__in=ids):
            by_article.setdefault(row.article_id, []).append(row)
        related[name] = by_article
    for article in articles:
        for name, by_article in related.items():
            setattr(article, name, by_article.get(article.pk, []))
    return articles


def _round_citations():
    return (
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(Round))
        .annotate(
            round_number=Subquery(Round.objects.filter(pk=OuterRef("object_id")).values("number"))
        )
        .only("pk", "object_id", "article_id")
        .order_by()
    )


def _suggestion_refs():
    return Suggestion.objects.only("pk", "kind", "status", "article_id")


def _sightings():
    # In the order of the model's (article, seen, pk), without joining the articles for it.
    return Sighting.objects.only("pk", "url", "article_id").order_by("article_id", "seen", "pk")


def suggestion_list():
    return Suggestion.objects.select_related("content_type", "reviewed_by").prefetch_related(
        "target"
    )


def pending_suggestion_count() -> int:
    """How many suggestions wait for an analyst (the admin index shows it)."""
    return Suggestion.objects.filter(status=SuggestionStatus.PENDING).count()


def overdue_meeting_counts(*, today: datetime.date | None = None) -> dict[str, int]:
    """How many rounds and events are overdue — still scheduled or announced though their dates
    have passed — and so wait for an analyst to record what happened (two queries)."""
    today = today or timezone.localdate()
    return {
        "rounds": overdue_meetings(Round.objects.all(), today).count(),
        "events": overdue_meetings(Event.objects.all(), today).count(),
    }


def _queue_key(suggestion: Suggestion) -> tuple:
    """Where a suggestion stands in the review queue (the model's ordering): the best
    supported first (unknown confidence last), then the newest, then by id."""
    confidence = suggestion.confidence
    return (
        confidence is None,
        -(confidence or 0.0),
        -suggestion.created.timestamp(),
        suggestion.pk,
    )


def next_pending_suggestion(*, after: Suggestion) -> Suggestion | None:
    """The pending suggestion the queue shows after ``after`` (in the queue's order: best
    supported first, then newest), wrapping to the start; None when ``after`` is the only one
    left."""
    queue = sorted(
        Suggestion.objects.filter(status=SuggestionStatus.PENDING).exclude(pk=after.pk),
        key=_queue_key,
    )
    mark = _queue_key(after)
    return next((s for s in queue if _queue_key(s) > mark), queue[0] if queue else None)
