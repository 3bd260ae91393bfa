"""Representations of the curated records. Serializers parse and present; writes happen in
``rounds.services`` (called from the views), never in ``save()`` here.

Related records are addressed by their stable public keys: rounds by ``number``, participants,
events, statements, zones and places by ``slug``, governorates by OCHA ``pcode``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import (  # noqa: F401  (re-exported for the serializers below)
    LINK_PATTERN,
    SMALLINT_MAX,
    LinkField,
    OptionalLinkField,
    StrictBooleanField,
    StrictCharField,
    StrictFloatField,
    StrictIntegerField,
    StrictModelSerializer,
    StrictSlugField,
    StrictSlugRelatedField,
)
from rounds.filtersets import CITABLE_TYPES
from rounds.models import (
    Citation,
    Delegation,
    Event,
    Governorate,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)

# Which API resource shows a record of each citable type, and the field addressing it.
RESOURCE_OF_TYPE: dict[str, tuple[str, str]] = {
    "round": ("api:round-detail", "number"),
    "participant": ("api:participant-detail", "slug"),
    "statement": ("api:statement-detail", "slug"),
    "event": ("api:event-detail", "slug"),
    "zone": ("api:zone-detail", "slug"),
    "place": ("api:place-detail", "slug"),
}


def api_url(request, type_name: str, key) -> str | None:
    """The absolute API URL of a record of ``type_name`` addressed by ``key``, if it has one."""
    route = RESOURCE_OF_TYPE.get(type_name)
    if route is None or key in (None, ""):
        return None
    path = reverse(route[0], kwargs={route[1]: key})
    return request.build_absolute_uri(path) if request is not None else path


class AliasSerializer(serializers.Serializer):
    name = StrictCharField(max_length=128)
    lang = StrictCharField(max_length=16, required=False, allow_blank=True)


@extend_schema_field(
    {
        "type": "array",
        "minItems": 1,
        "items": {"type": "array"},
        "description": "Polygon: rings of [lon, lat] positions, each ring closed (first = last) "
        "with at least four positions; MultiPolygon: a list of such polygons.",
    }
)
class CoordinatesField(serializers.JSONField):
    def to_internal_value(self, data):
        if not isinstance(data, list) or not data or not all(isinstance(d, list) for d in data):
            self.fail("invalid")
        return super().to_internal_value(data)


def _invalid_geometry(message: str) -> serializers.ValidationError:
    # Well-formed JSON the schema allows, but not a polygon: a 422, not a 400.
    return serializers.ValidationError(message, code="invalid_geometry")


class GeometrySerializer(serializers.Serializer):
    """A GeoJSON geometry in WGS84, ``[longitude, latitude]`` positions."""

    type = serializers.ChoiceField(choices=["Polygon", "MultiPolygon"])
    coordinates = CoordinatesField()

    def validate(self, attrs):
        polygons = [attrs["coordinates"]] if attrs["type"] == "Polygon" else attrs["coordinates"]
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                raise _invalid_geometry("Each polygon is a non-empty list of rings.")
            for ring in polygon:
                if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
                    raise _invalid_geometry(
                        "Each ring is a closed list of at least four positions."
                    )
                for position in ring:
                    if not (
                        isinstance(position, list)
                        and len(position) == 2
                        and all(
                            isinstance(v, int | float) and not isinstance(v, bool) for v in position
                        )
                        and -180 <= position[0] <= 180
                        and -90 <= position[1] <= 90
                    ):
                        raise _invalid_geometry(
                            "Each position is [longitude, latitude] in degrees."
                        )
        return attrs


class CitationInlineSerializer(StrictModelSerializer):
    """A source supporting the record it is listed under."""

    class Meta:
        model = Citation
        fields = ["id", "url", "publisher", "title", "published", "quote"]
        read_only_fields = fields


class CuratedSerializer(StrictModelSerializer):
    """Fields every curated record shows: uncertainty, citations, timestamps and its URL."""

    api_url = serializers.SerializerMethodField(help_text="This record in the API.")
    citations = CitationInlineSerializer(many=True, read_only=True)

    type_name: str = ""
    curated_fields = ["uncertain", "uncertain_note", "citations", "created", "modified", "api_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str | None:
        key = getattr(obj, RESOURCE_OF_TYPE[self.type_name][1])
        return api_url(self.context.get("request"), self.type_name, key)


# --- Participants --------------------------------------------------------------------------


class ParticipantSerializer(CuratedSerializer):
    type_name = "participant"
    aliases = AliasSerializer(
        many=True, required=False, help_text="Names in other languages and spellings."
    )

    class Meta:
        model = Participant
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "is_guarantor",
            "aliases",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]


class ParticipantRefSerializer(StrictModelSerializer):
    class Meta:
        model = Participant
        fields = ["slug", "name", "short_name", "is_guarantor"]
        read_only_fields = fields


# --- Places ----------------------------------------------------------------------------------


class PlaceSerializer(CuratedSerializer):
    type_name = "place"
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
            "kind",
            "country",
            "governorate",
            "latitude",
            "longitude",
            "aliases",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]


class PlaceRefSerializer(StrictModelSerializer):
    class Meta:
        model = Place
        fields = ["slug", "name", "country", "latitude", "longitude"]
        read_only_fields = fields


# --- Rounds ----------------------------------------------------------------------------------


class DelegationSerializer(StrictModelSerializer):
    participant = ParticipantRefSerializer(read_only=True)
    head = StrictCharField(
        source="head_of_delegation", read_only=True, help_text="Who led the delegation."
    )

    class Meta:
        model = Delegation
        fields = ["participant", "role", "head", "note"]
        read_only_fields = fields


class DocumentRefSerializer(StrictModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = ["slug", "title", "kind", "date", "url", "api_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str | None:
        return api_url(self.context.get("request"), "statement", obj.slug)


class EventRefSerializer(StrictModelSerializer):
    place = StrictSlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["slug", "kind", "title", "start_date", "end_date", "place", "status", "api_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str | None:
        return api_url(self.context.get("request"), "event", obj.slug)


class NextMeetingSerializer(serializers.Serializer):
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


class RoundSerializer(CuratedSerializer):
    type_name = "round"
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
            "city",
            "place",
            "venue",
            "start_date",
            "end_date",
            "date_note",
            "status",
            "summary",
            "outcomes",
            "delegations",
            "documents",
            "events",
            "next_meeting",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]


# --- Statements ------------------------------------------------------------------------------


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


# --- Events ----------------------------------------------------------------------------------


class EventSerializer(CuratedSerializer):
    type_name = "event"
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

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "description",
            "start_date",
            "end_date",
            "date_precision",
            "place",
            "place_name",
            "location_text",
            "status",
            "round",
            "parent",
            "participants",
            "details",
            *CuratedSerializer.curated_fields,
        ]
        read_only_fields = ["created", "modified"]


# --- Zones -----------------------------------------------------------------------------------


class ZoneStatusChangeSerializer(StrictModelSerializer):
    class Meta:
        model = ZoneStatusChange
        fields = ["date", "date_precision", "status", "note"]
        read_only_fields = fields


class ZoneSerializer(CuratedSerializer):
    type_name = "zone"
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


# --- Citations -------------------------------------------------------------------------------


class CitationSerializer(StrictModelSerializer):
    """A source for a record: write ``type`` and ``object_id`` to say which record it supports."""

    type = serializers.ChoiceField(
        choices=CITABLE_TYPES, help_text="Type of the cited record.", source="content_type.model"
    )
    object_id = StrictIntegerField(min_value=1, help_text="Id of the cited record.")
    target_url = serializers.SerializerMethodField(help_text="The cited record in the API.")
    url = LinkField(help_text="The source: an http(s) link.")
    api_url = serializers.HyperlinkedIdentityField(view_name="api:citation-detail")

    class Meta:
        model = Citation
        fields = [
            "id",
            "type",
            "object_id",
            "target_url",
            "url",
            "publisher",
            "title",
            "published",
            "quote",
            "article",
            "created",
            "api_url",
        ]
        read_only_fields = ["id", "article", "created"]

    def validate(self, attrs):
        type_name = attrs.pop("content_type", {}).get("model")
        if type_name is None and self.instance is not None:
            type_name = self.instance.content_type.model
        object_id = attrs.get("object_id", getattr(self.instance, "object_id", None))
        model = ContentType.objects.get_by_natural_key("rounds", type_name).model_class()
        target = model._default_manager.filter(pk=object_id).first()
        if target is None:
            raise serializers.ValidationError(
                {"object_id": f"There is no {type_name} with id {object_id}."},
                code="does_not_exist",
            )
        attrs["content_type"] = ContentType.objects.get_for_model(model)
        return attrs

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_target_url(self, obj) -> str | None:
        # ``target_key`` is annotated by the selector (no query per row); fall back to a
        # lookup for an instance the view has just written.
        key = getattr(obj, "target_key", None)
        if key is None and obj.content_object is not None:
            route = RESOURCE_OF_TYPE.get(obj.content_type.model)
            key = getattr(obj.content_object, route[1]) if route else None
        return api_url(self.context.get("request"), obj.content_type.model, key)
