"""Reads that join ingested articles with the curated records citing them, and the queue."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Subquery

from ingest.models import Article
from rounds.choices import SuggestionStatus
from rounds.models import Citation, Round, Suggestion


def article_api_list():
    """Articles with the numbers of the rounds citing them, suggestions and sightings
    (four queries for any page size)."""
    round_citations = (
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(Round))
        .annotate(
            round_number=Subquery(Round.objects.filter(pk=OuterRef("object_id")).values("number"))
        )
        .only("pk", "object_id", "article_id")
    )
    return (
        Article.objects.defer("raw", "fingerprint")
        .prefetch_related(
            Prefetch("citations", queryset=round_citations, to_attr="round_citations"),
            Prefetch(
                "suggestions",
                queryset=Suggestion.objects.only("pk", "kind", "status", "article_id"),
            ),
            "sightings",
        )
        .order_by("-published", "-pk")
    )


def suggestion_list():
    return Suggestion.objects.select_related("content_type", "reviewed_by").prefetch_related(
        "target"
    )


def pending_suggestion_count() -> int:
    """How many suggestions wait for an analyst (the admin index shows it)."""
    return Suggestion.objects.filter(status=SuggestionStatus.PENDING).count()


def next_pending_suggestion(*, after: Suggestion) -> Suggestion | None:
    """The pending suggestion the queue shows after ``after`` (newest first, then by id),
    wrapping to the start; None when ``after`` is the only one left."""
    queue = Suggestion.objects.filter(status=SuggestionStatus.PENDING).order_by("-created", "pk")
    later = queue.filter(created__lt=after.created) | queue.filter(
        created=after.created, pk__gt=after.pk
    )
    return later.first() or queue.exclude(pk=after.pk).first()
