from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from astana_site.reads import RecordFromRowMixin
from rounds.choices import SuggestionKind, SuggestionStatus
from rounds.suggestion_titles import suggestion_title


class Suggestion(RecordFromRowMixin, models.Model):
    """A change to the curated data that ingestion proposes and an analyst reviews.

    Curated data is never overwritten silently: the pipeline writes suggestions, and only an
    accepted suggestion changes a curated record (through a service, with history saying which
    article it came from).
    """

    article = models.ForeignKey(
        "ingest.Article", on_delete=models.CASCADE, related_name="suggestions"
    )
    kind = models.CharField(max_length=32, choices=SuggestionKind.choices)
    key = models.CharField(
        max_length=255, help_text="What the suggestion is about; unique per article."
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    payload = models.JSONField(help_text="The values the pipeline proposed; kept as proposed.")
    applied = models.JSONField(
        null=True,
        blank=True,
        help_text="The values accepted: the proposal with the analyst's edits merged over it.",
    )
    current = models.JSONField(default=dict, blank=True, help_text="Curated values at the time.")
    quote = models.TextField(help_text="The sentence in the article that supports it.")
    confidence = models.FloatField(
        null=True,
        blank=True,
        help_text="How far the article's text itself supports the claim (0-1), as understanding "
        "measured it; the review queue puts the best supported first.",
    )
    status = models.CharField(
        max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_suggestions",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    # Who reviewed it, when and why; and what it proposed before any edit in the admin.
    history = HistoricalRecords()

    class Meta:
        # The review queue: pending first, the best supported claims first, then the newest.
        ordering = ["status", models.F("confidence").desc(nulls_last=True), "-created", "pk"]
        indexes = [models.Index(fields=["status", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "key"], name="suggestion_unique"),
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.PENDING) | Q(reviewed_at__isnull=False),
                name="suggestion_reviewed_has_time",
            ),
        ]

    def __str__(self) -> str:
        """A title a person reads ("Round 8: dates 20–21 Dec 2017 instead of 21–22 Dec 2017"),
        not the internal key."""
        target = self.target if self.object_id else None
        return suggestion_title(
            kind=self.kind,
            key=self.key,
            payload=self.applied or self.payload,
            current=self.current,
            record=str(target) if target is not None else "",
        )
