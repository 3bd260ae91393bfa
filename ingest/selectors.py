"""Reads of ingestion's records."""

from django.db.models import QuerySet

from ingest.models import Source


def source_list() -> QuerySet[Source]:
    return Source.objects.order_by("name", "pk")
