from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from rounds.choices import SuggestionKind, SuggestionStatus


class Suggestion(models.Model):
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
        ordering = ["status", "-created", "pk"]
        indexes = [models.Index(fields=["status", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "key"], name="suggestion_unique"),
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.PENDING) | Q(reviewed_at__isnull=False),
                name="suggestion_reviewed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.key}"
