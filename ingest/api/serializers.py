"""Representations of ingestion's own records; writes go through ``ingest.services``."""

from astana_site.api.fields import LinkField, StrictModelSerializer
from ingest.models import SOURCE_POLL_STATE_FIELDS, Source


class SourceSerializer(StrictModelSerializer):
    url = LinkField(max_length=1000, help_text="The feed's or page's http(s) address.")

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "url",
            "kind",
            "language",
            "active",
            "poll_interval",
            *SOURCE_POLL_STATE_FIELDS,
            "created",
        ]
        read_only_fields = ["id", *SOURCE_POLL_STATE_FIELDS, "created"]
