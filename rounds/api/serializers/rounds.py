"""Rounds, with their delegations, documents, events and next meeting."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import (
    SMALLINT_MAX,
    StrictCharField,
    StrictIntegerField,
    StrictModelSerializer,
    StrictSlugRelatedField,
)
from astana_site.api.representation import CompiledRepresentationMixin
from rounds.api.serializers.base import (
    OVERDUE_HELP,
    STATUS_LABEL_HELP,
    CuratedSerializer,
    MeetingSerializer,
    TranslatedNamesMixin,
    links,
    translations_field,
)
from rounds.api.serializers.participants import ParticipantRefSerializer
from rounds.models import (
    Delegation,
    Event,
    Place,
    Round,
    Statement,
)


class DelegationSerializer(StrictModelSerializer):
    participant = ParticipantRefSerializer(read_only=True)
    head = StrictCharField(
        source="head_of_delegation", read_only=True, help_text="Who led the delegation."
    )

    class Meta:
        model = Delegation
        fields = ["participant", "role", "head", "note"]
        read_only_fields = fields


class DocumentRefSerializer(TranslatedNamesMixin, StrictModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = ["slug", "title", "kind", "date", "url", "api_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str | None:
        return links(self.context).api_url("statement", obj.slug)


class EventRefSerializer(TranslatedNamesMixin, StrictModelSerializer):
    place = StrictSlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    overdue = serializers.BooleanField(read_only=True, help_text=OVERDUE_HELP)
    status_label = serializers.CharField(read_only=True, help_text=STATUS_LABEL_HELP)
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "start_date",
            "end_date",
            "place",
            "status",
            "overdue",
            "status_label",
            "api_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str | None:
        return links(self.context).api_url("event", obj.slug)


class NextMeetingSerializer(CompiledRepresentationMixin, serializers.Serializer):
    """The next meeting as the round announced it: the wording and the window it implies."""

    text = StrictCharField(
        source="next_meeting_text",
        max_length=255,
        required=False,
        allow_blank=True,
        help_text="As worded, e.g. 'mid-July 2017'.",
    )
    place = StrictSlugRelatedField(
        source="next_meeting_place",
        slug_field="slug",
        queryset=Place.objects.all(),
        required=False,
        allow_null=True,
        help_text="Place slug.",
    )
    start = serializers.DateField(
        source="next_meeting_start", required=False, allow_null=True, help_text="Window start."
    )
    end = serializers.DateField(
        source="next_meeting_end", required=False, allow_null=True, help_text="Window end."
    )


class RoundSerializer(TranslatedNamesMixin, MeetingSerializer):
    type_name = "round"
    translations = translations_field(Round)
    expandable_fields = ("delegations", "documents", "events", "citations")
    number = StrictIntegerField(min_value=1, max_value=SMALLINT_MAX)
    place = StrictSlugRelatedField(
        slug_field="slug",
        queryset=Place.objects.all(),
        required=False,
        allow_null=True,
        help_text="Place slug, e.g. astana.",
    )
    outcomes = serializers.ListField(
        child=StrictCharField(max_length=2000), required=False, max_length=100
    )
    delegations = DelegationSerializer(many=True, read_only=True)
    documents = DocumentRefSerializer(
        source="statements", many=True, read_only=True, help_text="Statements adopted."
    )
    events = EventRefSerializer(many=True, read_only=True)
    next_meeting = NextMeetingSerializer(source="*", required=False)

    class Meta:
        model = Round
        fields = [
            "number",
            "name",
            "translations",
            "city",
            "place",
            "venue",
            "start_date",
            "end_date",
            "date_note",
            "status",
            "overdue",
            "status_label",
            "summary",
            "outcomes",
            "delegations",
            "documents",
            "events",
            "next_meeting",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]
