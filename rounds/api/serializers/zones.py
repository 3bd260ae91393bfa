"""De-escalation zones and their status history."""

from __future__ import annotations

from rest_framework import serializers

from astana_site.api.fields import (
    SMALLINT_MAX,
    StrictFloatField,
    StrictIntegerField,
    StrictModelSerializer,
    StrictSlugRelatedField,
)
from rounds.api.serializers.base import (
    CuratedSerializer,
    GeometrySerializer,
    TranslatedNamesMixin,
    translations_field,
)
from rounds.models import (
    Governorate,
    Zone,
    ZoneStatusChange,
)


class ZoneStatusChangeSerializer(StrictModelSerializer):
    class Meta:
        model = ZoneStatusChange
        fields = ["date", "date_precision", "status", "note"]
        read_only_fields = fields


class ZoneSerializer(TranslatedNamesMixin, CuratedSerializer):
    type_name = "zone"
    translations = translations_field(Zone)
    number = StrictIntegerField(
        min_value=1, max_value=SMALLINT_MAX, help_text="Order in the memorandum (1-4)."
    )
    governorates = StrictSlugRelatedField(
        slug_field="pcode",
        queryset=Governorate.objects.all(),
        many=True,
        required=False,
        help_text="OCHA pcodes of the governorates it covers.",
    )
    centre_latitude = StrictFloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    centre_longitude = StrictFloatField(
        min_value=-180, max_value=180, required=False, allow_null=True
    )
    polygon = GeometrySerializer(required=False, allow_null=True)
    status = serializers.SerializerMethodField(help_text="Latest status, from status_changes.")
    status_changes = ZoneStatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Zone
        fields = [
            "slug",
            "number",
            "name",
            "short_name",
            "name_ar",
            "translations",
            "governorates",
            "governorates_text",
            "centre_latitude",
            "centre_longitude",
            "polygon",
            "polygon_approximate",
            "polygon_note",
            "population_note",
            "monitoring",
            "status",
            "status_changes",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]

    def get_status(self, obj) -> str | None:
        changes = sorted(obj.status_changes.all(), key=lambda c: (c.date, c.pk))
        return changes[-1].status if changes else None
