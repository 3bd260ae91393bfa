"""Statements."""

from __future__ import annotations

from rest_framework import serializers

from astana_site.api.fields import (
    OptionalLinkField,
    StrictCharField,
    StrictSlugRelatedField,
)
from rounds.api.serializers.base import CuratedSerializer
from rounds.models import (
    Participant,
    Round,
    Statement,
)


class StatementSerializer(CuratedSerializer):
    type_name = "statement"
    round = StrictSlugRelatedField(
        slug_field="number",
        queryset=Round.objects.all(),
        required=False,
        allow_null=True,
        help_text="Number of the round that adopted it.",
    )
    issuers = StrictSlugRelatedField(
        slug_field="slug",
        queryset=Participant.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the participants that issued it.",
    )
    topics = serializers.ListField(
        child=StrictCharField(max_length=64), required=False, max_length=50
    )
    url = OptionalLinkField(required=False, help_text="Where the text is published.")

    class Meta:
        model = Statement
        fields = [
            "slug",
            "title",
            "kind",
            "date",
            "round",
            "issuers",
            "text",
            "url",
            "topics",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]
