"""Representations of ingestion's own records; writes go through ``ingest.services``."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from astana_site.api.fields import LinkField, StrictModelSerializer
from ingest.models import POLL_INTERVAL_MAX, POLL_INTERVAL_MIN, SOURCE_POLL_STATE_FIELDS, Source

# Said of any poll interval out of range, in the reader's language (the bounds come from the
# model's validators, which the schema states as minimum and maximum).
POLL_INTERVAL_RANGE = format_lazy(
    gettext_lazy("Minutes between polls: a whole number from {minimum} to {maximum} (a year)."),
    minimum=POLL_INTERVAL_MIN,
    maximum=POLL_INTERVAL_MAX,
)


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
        extra_kwargs = {
            "poll_interval": {
                "error_messages": {
                    "min_value": POLL_INTERVAL_RANGE,
                    "max_value": POLL_INTERVAL_RANGE,
                }
            }
        }
