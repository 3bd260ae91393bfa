from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from astana_site.validators import RenderableFieldsMixin
from rounds.choices import SOURCE_TIER_RANK, SourceTier

from .base import LoadedValuesMixin, history


class Citation(LoadedValuesMixin, RenderableFieldsMixin, models.Model):
    """A source that supports a curated record: a URL, its publisher and date, and the quote.

    Any curated record can be cited (a generic relation). Citations made from ingested news
    point at the stored article, so the quote can be shown in its context.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    url = models.URLField(
        max_length=1000, blank=True, help_text="Blank only for an ingested local file."
    )
    publisher = models.CharField(
        max_length=255, blank=True, help_text="The outlet, e.g. TASS or the Turkish MFA."
    )
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1, e.g. en, ru.")
    published = models.DateField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The sentence that supports the claim.")
    retrieved = models.DateTimeField(
        null=True, blank=True, help_text="When the source was read (empty: not recorded)."
    )
    tier = models.CharField(
        max_length=8,
        choices=SourceTier.choices,
        default=SourceTier.OTHER,
        help_text="Reliability: primary (official), agency, press or other.",
    )
    article = models.ForeignKey(
        "ingest.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
    )
    created = models.DateTimeField(auto_now_add=True)

    history = history()

    class Meta:
        ordering = ["content_type", "object_id", "url"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "url"],
                condition=~models.Q(url=""),
                name="citation_unique_url_per_record",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "article"],
                condition=models.Q(article__isnull=False),
                name="citation_unique_article_per_record",
            ),
            models.CheckConstraint(
                condition=~models.Q(url="") | models.Q(article__isnull=False),
                name="citation_has_url_or_article",
                violation_error_message="A citation needs a URL or an ingested article.",
            ),
        ]

    def __str__(self) -> str:
        return self.publisher or self.url or f"Article {self.article_id}"

    @property
    def tier_rank(self) -> int:
        """0 for the best tier (primary): sources are listed best first."""
        return SOURCE_TIER_RANK.get(self.tier, len(SOURCE_TIER_RANK))
