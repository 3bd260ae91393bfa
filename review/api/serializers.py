"""Articles as the review side sees them (with the rounds citing them and their suggestions),
suggestions, and the body of a review decision."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import StrictCharField, StrictModelSerializer
from ingest.models import Article, public_address
from rounds.api.serializers import RESOURCE_OF_TYPE, api_url
from rounds.models import Suggestion


class SuggestionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suggestion
        fields = ["id", "kind", "status"]
        read_only_fields = fields


class ArticleListSerializer(StrictModelSerializer):
    rounds = serializers.SerializerMethodField(help_text="Numbers of the rounds it is cited on.")
    suggestions = SuggestionRefSerializer(source="suggestion_refs", many=True, read_only=True)
    sightings = serializers.SerializerMethodField(help_text="Every URL it was published at.")
    url = serializers.CharField(
        source="public_url",
        read_only=True,
        help_text="Where it was published; empty for a local file (no web address).",
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "published",
            "language",
            "status",
            "rounds",
            "suggestions",
            "sightings",
            "fetched",
            "processed",
        ]
        read_only_fields = fields

    def get_rounds(self, obj) -> list[int]:
        return sorted({c.round_number for c in obj.round_citations if c.round_number})

    def get_sightings(self, obj) -> list[str]:
        return [s.url for s in obj.sighting_list if public_address(s.url)]


class ArticleSerializer(ArticleListSerializer):
    extraction = serializers.JSONField(
        read_only=True, help_text="What the pipeline understood; see docs/EXTRACTION.md."
    )

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "text", "extraction"]
        read_only_fields = fields


class SuggestionSerializer(StrictModelSerializer):
    article = serializers.PrimaryKeyRelatedField(read_only=True)
    target = serializers.SerializerMethodField(help_text="The record it would change, if any.")
    reviewed_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The analyst who accepted or rejected it; null while it waits.",
    )

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "article",
            "kind",
            "key",
            "status",
            "target",
            "payload",
            "applied",
            "current",
            "quote",
            "confidence",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "created",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "type": {"type": "string"},
                "id": {"type": "integer"},
                "api_url": {"type": "string", "nullable": True},
            },
        }
    )
    def get_target(self, obj):
        if obj.content_type_id is None:
            return None
        type_name = obj.content_type.model
        target = obj.target
        key = (
            getattr(target, RESOURCE_OF_TYPE[type_name][1])
            if (target is not None and type_name in RESOURCE_OF_TYPE)
            else None
        )
        return {
            "type": type_name,
            "id": obj.object_id,
            "api_url": api_url(self.context.get("request"), type_name, key),
        }


class ReviewSerializer(serializers.Serializer):
    payload = serializers.JSONField(
        required=False,
        help_text="Edited values, merged over the proposal when accepting (accept only).",
    )
    note = StrictCharField(required=False, allow_blank=True, max_length=2000)

    def validate_payload(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("Expected an object.")
        return value
