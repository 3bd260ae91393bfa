"""Choice lists of the ingestion pipeline."""

from django.db import models


class SourceKind(models.TextChoices):
    FEED = "feed", "RSS/Atom feed"
    PAGE = "page", "Single page"


class ArticleStatus(models.TextChoices):
    FETCHED = "fetched", "Fetched"
    EXTRACTED = "extracted", "Extracted"
    LINKED = "linked", "Linked"
    IRRELEVANT = "irrelevant", "Not about the Astana process"
    FAILED = "failed", "Failed"
