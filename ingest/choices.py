"""Choice lists of the ingestion pipeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS/Atom feed")
    PAGE = "page", _("Single page")


class ArticleStatus(models.TextChoices):
    FETCHED = "fetched", _("Fetched")
    EXTRACTED = "extracted", _("Extracted")
    LINKED = "linked", _("Linked")
    IRRELEVANT = "irrelevant", _("Not about the Astana process")
    FAILED = "failed", _("Failed")
