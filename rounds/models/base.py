"""What every curated record shares: history, uncertainty and citations."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from simple_history.models import HistoricalRecords


class CuratedModel(models.Model):
    """A record analysts curate: it keeps who changed it, when and why, and can be cited."""

    uncertain = models.BooleanField(
        default=False, help_text="Sources conflict, are indirect, or a value is inferred."
    )
    uncertain_note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)
    citations = GenericRelation("rounds.Citation")

    class Meta:
        abstract = True


def history() -> HistoricalRecords:
    """History on a curated model: user, time and change reason for every save and delete."""
    return HistoricalRecords(inherit=False, excluded_fields=["modified"])
