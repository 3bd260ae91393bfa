"""Citations: the sources behind any curated record."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import (
    LinkField,
    StrictIntegerField,
    StrictModelSerializer,
)
from rounds.api.serializers.base import RESOURCE_OF_TYPE, links
from rounds.filtersets import CITABLE_TYPES
from rounds.models import (
    Citation,
)
from rounds.selectors.base import content_types


def cited_type(citation: Citation) -> str | None:
    """The model name of what ``citation`` cites, from Django's cache of content types (no
    join, and no query per citation)."""
    if citation.content_type_id is None:
        return None
    manager = content_types(citation._state.db or DEFAULT_DB_ALIAS)
    return manager.get_for_id(citation.content_type_id).model


class CitedTypeField(serializers.ChoiceField):
    """``type``, read by ``cited_type``; written as ``content_type.model`` (its source)."""

    reads_no_context = True  # astana_site.api.representation may keep it across requests

    def get_attribute(self, instance):
        return cited_type(instance)


class CitationSerializer(StrictModelSerializer):
    """A source for a record: write ``type`` and ``object_id`` to say which record it supports."""

    type = CitedTypeField(
        choices=CITABLE_TYPES, help_text="Type of the cited record.", source="content_type.model"
    )
    object_id = StrictIntegerField(min_value=1, help_text="Id of the cited record.")
    target_url = serializers.SerializerMethodField(help_text="The cited record in the API.")
    url = LinkField(
        blank_when_read=True,
        help_text="The source: an http(s) link (blank only for an ingested local file).",
    )
    api_url = serializers.SerializerMethodField(help_text="This citation in the API.")

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
            "language",
            "published",
            "quote",
            "retrieved",
            "tier",
            "article",
            "created",
            "api_url",
        ]
        read_only_fields = ["id", "article", "created"]

    def validate(self, attrs):
        type_name = attrs.pop("content_type", {}).get("model")
        if type_name is None and self.instance is not None:
            type_name = cited_type(self.instance)
        object_id = attrs.get("object_id", getattr(self.instance, "object_id", None))
        model = ContentType.objects.get_by_natural_key("rounds", type_name).model_class()
        target = model._default_manager.filter(pk=object_id).first()
        if target is None:
            raise serializers.ValidationError(
                {
                    "object_id": gettext("There is no %(type)s with id %(id)s.")
                    % {"type": type_name, "id": object_id}
                },
                code="does_not_exist",
            )
        content_type = ContentType.objects.get_for_model(model)
        # Given only when it changes: comparing it with the record's would read the record's.
        if self.instance is None or content_type.pk != self.instance.content_type_id:
            attrs["content_type"] = content_type
        return attrs

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_target_url(self, obj) -> str | None:
        # ``target_key`` is annotated by the selector (no query per row); fall back to a
        # lookup for an instance the view has just written. A type the API has no resource
        # for (a governorate) has no link, and nothing is read for it.
        key = getattr(obj, "target_key", None)
        type_name = cited_type(obj)
        route = RESOURCE_OF_TYPE.get(type_name)
        if key is None and route is not None and obj.content_object is not None:
            key = getattr(obj.content_object, route[1])
        return links(self.context).api_url(type_name, key)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return links(self.context).url("api:citation-detail", "pk", obj.pk)
