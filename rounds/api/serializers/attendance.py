"""Attendance: one row per delegation (a participant at a round), flat enough for CSV."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import StrictCharField, StrictIntegerField, StrictModelSerializer
from rounds.api.serializers.base import (
    CITATIONS_PER_RECORD,
    ChoiceLabelsMixin,
    CitationInlineSerializer,
    ExpandableMixin,
    TranslatedNamesMixin,
    links,
)
from rounds.api.serializers.participants import ParticipantRefSerializer
from rounds.models import Delegation
from rounds.selectors import attendance_sources, attendance_sources_of


class AttendanceSerializer(
    ChoiceLabelsMixin, ExpandableMixin, TranslatedNamesMixin, StrictModelSerializer
):
    """One row per delegation: a participant at a round, in a role, led by someone, on the
    delegation's sources or else the round's."""

    expandable_fields = ("sources",)
    translated_outputs = {"round_name": ("round", "name"), "city": ("round", "city")}

    round = StrictIntegerField(source="round.number", read_only=True, help_text="Round number.")
    round_name = StrictCharField(source="round.name", read_only=True)
    start_date = serializers.DateField(source="round.start_date", read_only=True, allow_null=True)
    end_date = serializers.DateField(source="round.end_date", read_only=True, allow_null=True)
    city = StrictCharField(source="round.city", read_only=True)
    participant = ParticipantRefSerializer(read_only=True)
    role_label = serializers.SerializerMethodField(
        help_text="The role as readers see it, in the language asked for."
    )
    head = StrictCharField(
        source="head_of_delegation", read_only=True, help_text="Who led the delegation."
    )
    sources = serializers.SerializerMethodField(
        help_text="The delegation's own sources, or else the round's (see `sources_of`); at "
        f"most {CITATIONS_PER_RECORD}, in the order they were recorded. In the list, only with "
        "`?expand=sources`."
    )
    sources_of = serializers.SerializerMethodField(
        help_text="Whose sources `sources` lists: `delegation` or `round`."
    )
    page_url = serializers.SerializerMethodField(help_text="The round's page on the site.")

    class Meta:
        model = Delegation
        fields = [
            "round",
            "round_name",
            "start_date",
            "end_date",
            "city",
            "participant",
            "role",
            "role_label",
            "head",
            "note",
            "uncertain",
            "sources",
            "sources_of",
            "page_url",
        ]
        read_only_fields = fields

    @extend_schema_field(CitationInlineSerializer(many=True))
    def get_sources(self, obj: Delegation) -> list[dict]:
        citations, _ = attendance_sources(obj)
        return CitationInlineSerializer(citations, many=True).data

    @extend_schema_field({"type": "string", "enum": ["delegation", "round"]})
    def get_sources_of(self, obj: Delegation) -> str:
        return attendance_sources_of(obj)

    def get_role_label(self, obj: Delegation) -> str:
        return self.choice_labels("role").get(obj.role, obj.role)

    def get_page_url(self, obj: Delegation) -> str:
        return links(self.context).url("dashboard:round-detail", "number", obj.round.number)
