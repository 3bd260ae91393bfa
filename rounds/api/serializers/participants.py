"""Participants (and guarantors) and references to them."""

from __future__ import annotations

from astana_site.api.fields import (
    StrictModelSerializer,
)
from rounds.api.serializers.base import (
    AliasSerializer,
    CuratedSerializer,
    TranslatedNamesMixin,
    translations_field,
)
from rounds.models import (
    Participant,
)


class ParticipantSerializer(TranslatedNamesMixin, CuratedSerializer):
    type_name = "participant"
    translations = translations_field(Participant)
    aliases = AliasSerializer(
        many=True, required=False, help_text="Names in other languages and spellings."
    )

    class Meta:
        model = Participant
        fields = [
            "slug",
            "name",
            "translations",
            "short_name",
            "kind",
            "is_guarantor",
            "aliases",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]


class ParticipantRefSerializer(TranslatedNamesMixin, StrictModelSerializer):
    class Meta:
        model = Participant
        fields = ["slug", "name", "short_name", "is_guarantor"]
        read_only_fields = fields
