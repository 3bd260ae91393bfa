"""What the pipeline reads: sources it polls and the articles it stores.

Nothing here imports the curated domain; curated records point at articles as evidence.
"""

import zlib
from urllib.parse import urlsplit

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from astana_site.reads import RecordFromRowMixin
from ingest.choices import ArticleStatus, SourceKind

# What the poller records about a source's last polls: shown to analysts, never edited by them.
SOURCE_POLL_STATE_FIELDS = (
    "last_polled",
    "next_poll_at",
    "last_success",
    "last_error",
    "last_error_code",
    "failure_count",
)

# Minutes between polls of a source. At most a year: a source polled less often is better made
# inactive, and the scheduler adds four times this (backing off) to the current time.
POLL_INTERVAL_MIN = 1
POLL_INTERVAL_MAX = 365 * 24 * 60


class Source(models.Model):
    """A feed or page an analyst registered for polling."""

    name = models.CharField(max_length=255)
    url = models.URLField(max_length=1000, unique=True)
    kind = models.CharField(max_length=8, choices=SourceKind.choices, default=SourceKind.FEED)
    language = models.CharField(max_length=8, blank=True, help_text="Default language, if known.")
    active = models.BooleanField(default=True)
    poll_interval = models.PositiveIntegerField(
        default=60,
        validators=[MinValueValidator(POLL_INTERVAL_MIN), MaxValueValidator(POLL_INTERVAL_MAX)],
        help_text=f"Minutes between polls, {POLL_INTERVAL_MIN} to {POLL_INTERVAL_MAX} (a year).",
    )
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=255, blank=True)
    last_polled = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_success = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_code = models.CharField(max_length=32, blank=True)
    failure_count = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval__gte=POLL_INTERVAL_MIN)
                & Q(poll_interval__lte=POLL_INTERVAL_MAX),
                name="source_poll_interval",
            )
        ]

    def __str__(self) -> str:
        return self.name


LABEL_LENGTH = 150  # characters of a text's first line taken as its title


def title_from_text(text: str) -> str:
    """A title for a text that came without one: its first non-blank line, shortened."""
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= LABEL_LENGTH:
                return line
            return line[: LABEL_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""


def public_address(url: str) -> str:
    """``url`` if it is a web address a reader can follow, else "" (a local file's ``file:``
    URL names a path on the server, which is never shown)."""
    return url if url.startswith(("http://", "https://")) else ""


class Article(RecordFromRowMixin, models.Model):
    """One news story, stored once however many outlets published it (see ``sightings``).

    An article from a local file (``ingest_file`` without ``--url``) is keyed by its ``file:``
    URL, which stays internal: ``public_url`` is empty for it. Analysts may correct the title,
    URL, outlet and date (``ingest.services.article_correct``), which history keeps.
    """

    url = models.URLField(max_length=2000)
    canonical_url = models.URLField(max_length=2000, unique=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    title = models.CharField(max_length=1000, blank=True)
    outlet = models.CharField(
        max_length=255, blank=True, help_text="Who published it, e.g. TASS or Anadolu Agency."
    )
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    fingerprint = models.TextField(blank=True, help_text="MinHash signature for near-duplicates.")
    raw = models.BinaryField(null=True, blank=True, help_text="The fetched document, zlib.")
    raw_content_type = models.CharField(max_length=128, blank=True)
    status = models.CharField(
        max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.FETCHED
    )
    error = models.TextField(blank=True)
    extraction = models.JSONField(null=True, blank=True)
    pipeline_version = models.PositiveIntegerField(default=0)
    fetched = models.DateTimeField(auto_now_add=True)
    processed = models.DateTimeField(null=True, blank=True)

    # Who corrected what the pipeline stored; the text and the pipeline's output are not kept.
    history = HistoricalRecords(
        excluded_fields=["raw", "text", "fingerprint", "extraction", "error", "content_hash"]
    )

    class Meta:
        ordering = ["-published", "-pk"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.label

    @property
    def public_url(self) -> str:
        """The address a reader can follow, or "" for a local file."""
        return public_address(self.url)

    @property
    def label(self) -> str:
        """The title; else the text's first line; else "Untitled (host)" or "Untitled"."""
        if self.title:
            return self.title
        if first := title_from_text(self.text):
            return first
        host = urlsplit(self.public_url).hostname or ""
        return f"Untitled ({host.removeprefix('www.')})" if host else "Untitled"

    def set_raw(self, content: bytes) -> None:
        # Level 1: a third of level 6's time for HTML, at ~15% more bytes.
        self.raw = zlib.compress(content, level=1)

    def get_raw(self) -> bytes:
        return zlib.decompress(bytes(self.raw)) if self.raw else b""


class Sighting(RecordFromRowMixin, models.Model):
    """One place an article was published: a wire story republished by several outlets is one
    article with several sightings."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sightings")
    url = models.URLField(max_length=2000)
    canonical_url = models.URLField(max_length=2000, unique=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="sightings"
    )
    title = models.CharField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True)
    similarity = models.FloatField(default=1.0)
    seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "seen", "pk"]

    def __str__(self) -> str:
        return public_address(self.url) or self.title or f"Sighting {self.pk}"
