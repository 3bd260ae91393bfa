"""Events."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import (
    StrictCharField,
    StrictSlugRelatedField,
)
from rounds.api.serializers.base import (
    CuratedSerializer,
    MeetingSerializer,
    TranslatedNamesMixin,
    links,
    translations_field,
)
from rounds.models import (
    Event,
    Participant,
    Place,
    Round,
)


class EventSerializer(TranslatedNamesMixin, MeetingSerializer):
    type_name = "event"
    translated_outputs = {"title": ("", "title"), "place_name": ("place", "name")}
    translations = translations_field(Event)
    expandable_fields = ("participants", "citations")
    place = StrictSlugRelatedField(
        slug_field="slug",
        queryset=Place.objects.all(),
        required=False,
        allow_null=True,
        help_text="Place slug.",
    )
    place_name = StrictCharField(source="place.name", read_only=True, allow_null=True)
    round = StrictSlugRelatedField(
        slug_field="number",
        queryset=Round.objects.all(),
        required=False,
        allow_null=True,
        help_text="Number of the round that announced or prepared it.",
    )
    parent = StrictSlugRelatedField(
        slug_field="slug",
        queryset=Event.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the event this one prepared or belongs to.",
    )
    participants = StrictSlugRelatedField(
        slug_field="slug", queryset=Participant.objects.all(), many=True, required=False
    )
    details = serializers.DictField(required=False, help_text="Free-form structured details.")
    page_url = serializers.SerializerMethodField(help_text="The event's page on the site.")

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "translations",
            "description",
            "start_date",
            "end_date",
            "date_precision",
            "place",
            "place_name",
            "location_text",
            "status",
            "overdue",
            "status_label",
            "round",
            "parent",
            "participants",
            "details",
            *CuratedSerializer.curated_fields,
            "page_url",
        ]
        read_only_fields = ["created", "modified"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, obj: Event) -> str:
        return links(self.context).url("dashboard:event-detail", "slug", obj.slug)
