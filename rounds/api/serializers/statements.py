"""Statements."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import (
    OptionalLinkField,
    StrictCharField,
    StrictSlugRelatedField,
)
from rounds.api.serializers.base import (
    CuratedSerializer,
    TranslatedNamesMixin,
    translations_field,
)
from rounds.comparison import KINDS
from rounds.models import (
    Participant,
    Round,
    Statement,
)
from rounds.translations import SOURCE_LANGUAGE, translated


class StatementSerializer(TranslatedNamesMixin, CuratedSerializer):
    type_name = "statement"
    translations = translations_field(Statement)
    expandable_fields = ("text", "citations")
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
            "translations",
            "kind",
            "date",
            "round",
            "issuers",
            "text",
            "url",
            "text_source",
            "topics",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified", "text_source"]


class SegmentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["equal", "insert", "delete"],
        help_text="equal: in both texts; insert: only in the newer; delete: only in the older.",
    )
    text = serializers.CharField()


class ParagraphRowSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=list(KINDS),
        help_text="What became of the paragraph: unchanged, moved, reworded, added or removed.",
    )
    old_number = serializers.IntegerField(
        allow_null=True, help_text="1-based position in the previous statement (null: added)."
    )
    new_number = serializers.IntegerField(
        allow_null=True, help_text="1-based position in this statement (null: removed)."
    )
    old_text = serializers.CharField(help_text="The paragraph in the previous statement.")
    new_text = serializers.CharField(help_text="The paragraph in this statement.")
    old = SegmentSerializer(many=True, help_text="The older wording, marked word by word.")
    new = SegmentSerializer(many=True, help_text="The newer wording, marked word by word.")


class ComparisonSummarySerializer(serializers.Serializer):
    unchanged = serializers.IntegerField(min_value=0)
    moved = serializers.IntegerField(min_value=0)
    reworded = serializers.IntegerField(min_value=0)
    added = serializers.IntegerField(min_value=0)
    removed = serializers.IntegerField(min_value=0)


class StatementComparisonSerializer(serializers.Serializer):
    """A statement's text against the previous round's statement of the same kind."""

    statement = serializers.CharField(source="statement.slug", help_text="This statement.")
    previous = serializers.SerializerMethodField(
        help_text="Slug of the previous round's statement of the same kind (null: none)."
    )
    previous_title = serializers.SerializerMethodField()
    compared = serializers.SerializerMethodField(
        help_text="Whether both full texts are on record and were compared."
    )
    note = serializers.CharField(help_text="Why nothing was compared, when it was not.")
    summary = serializers.SerializerMethodField()
    paragraphs = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_previous(self, obj) -> str | None:
        return obj.previous.slug if obj.previous else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_previous_title(self, obj) -> str | None:
        if obj.previous is None:
            return None
        return translated(obj.previous, "title", self.context.get("lang", SOURCE_LANGUAGE))

    def get_compared(self, obj) -> bool:
        return obj.comparison is not None

    @extend_schema_field(ComparisonSummarySerializer(allow_null=True))
    def get_summary(self, obj):
        return obj.comparison.summary if obj.comparison else None

    @extend_schema_field(ParagraphRowSerializer(many=True))
    def get_paragraphs(self, obj):
        rows = obj.comparison.rows if obj.comparison else []
        return ParagraphRowSerializer(rows, many=True).data
