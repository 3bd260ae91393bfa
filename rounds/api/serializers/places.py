"""Places."""

from __future__ import annotations

from astana_site.api.fields import (
    StrictFloatField,
    StrictSlugRelatedField,
)
from rounds.api.serializers.base import (
    AliasSerializer,
    CuratedSerializer,
    TranslatedNamesMixin,
    translations_field,
)
from rounds.models import (
    Governorate,
    Place,
)


class PlaceSerializer(TranslatedNamesMixin, CuratedSerializer):
    type_name = "place"
    translations = translations_field(Place)
    governorate = StrictSlugRelatedField(
        slug_field="pcode",
        queryset=Governorate.objects.all(),
        required=False,
        allow_null=True,
        help_text="OCHA pcode of the Syrian governorate, e.g. SY07.",
    )
    latitude = StrictFloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    longitude = StrictFloatField(min_value=-180, max_value=180, required=False, allow_null=True)
    aliases = AliasSerializer(many=True, required=False)

    class Meta:
        model = Place
        fields = [
            "slug",
            "name",
            "translations",
            "kind",
            "country",
            "governorate",
            "latitude",
            "longitude",
            "aliases",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]
