"""Strict JSON types for serializers: a number is not a string and a string is not a number,
so what the schema says is what the API accepts (DRF would coerce 0 to "0" and "5" to 5)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from astana_site.api.representation import CompiledRepresentationMixin
from astana_site.reads import listed_as

SMALLINT_MAX = 32767
# "Not whitespace" spelled out so that Python's and ECMAScript's regexes mean the same set.
NON_SPACE = r"[^\s\x1c-\x1f\x85\ufeff]"
LINK_PATTERN = rf"^https?://{NON_SPACE}+$"
OPTIONAL_LINK_PATTERN = rf"^(https?://{NON_SPACE}+)?$"


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class ListedManyRelatedField(serializers.ManyRelatedField):
    """A many-to-many relation, read from the plain list a selector prefetched it into
    (``astana_site.reads.listed_as``) when there is one, else as DRF reads it."""

    reads_no_context = True  # what it reads is the record's (astana_site.api.representation)

    def get_attribute(self, instance):
        if len(self.source_attrs) == 1:
            listed = getattr(instance, "__dict__", {}).get(listed_as(self.source_attrs[0]))
            if listed is not None:
                return listed
        return super().get_attribute(instance)


class StrictSlugRelatedField(serializers.SlugRelatedField):
    """A reference by public key: a string slug, or an integer for round numbers. An empty
    string is not read as null, and a key of the wrong JSON type is a 400. Many of them are
    read from a prefetched list where a selector made one (``ListedManyRelatedField``)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        # DRF's RelatedField.many_init, with the field class above.
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return ListedManyRelatedField(**list_kwargs)

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)

    def to_internal_value(self, data):
        wants_int = self.slug_field == "number"
        if isinstance(data, bool) or not isinstance(data, int if wants_int else str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "pattern": LINK_PATTERN, "maxLength": 1000})
class LinkField(StrictCharField):
    """An http(s) link; may hold non-ASCII characters (an IRI), as news sites' links do.
    ``blank_when_read``: written as a link, but read blank where the record has none (the
    schema of answers says so)."""

    def __init__(self, *, blank_when_read: bool = False, **kwargs):
        kwargs.setdefault("max_length", 1000)
        self.blank_when_read = blank_when_read
        super().__init__(**kwargs)
        self.validators.append(RegexValidator(LINK_PATTERN, gettext_lazy("Enter an http(s) link.")))


@extend_schema_field({"type": "string", "pattern": OPTIONAL_LINK_PATTERN, "maxLength": 1000})
class OptionalLinkField(StrictCharField):
    """An http(s) link, or empty when none is known. Anything else (``ftp://``, a word) is a
    400, as the schema's pattern says."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        kwargs.pop("allow_blank", None)  # the pattern allows "", and the schema says so once
        super().__init__(**kwargs)
        self.validators.append(
            RegexValidator(OPTIONAL_LINK_PATTERN, gettext_lazy("Enter an http(s) link."))
        )

    def run_validation(self, data=serializers.empty):
        if data == "":
            return ""
        return super().run_validation(data)


class OnlyWritableFieldsMixin:
    """A serializer whose writes take only its writable fields: a body naming anything else is
    a 400 listing those names (``unknown_field``)."""

    def unknown_field_message(self, writable: list[str]) -> str:
        return gettext("Not a field this resource takes; it takes: %(fields)s.") % {
            "fields": ", ".join(writable)
        }

    def writable_field_names(self) -> list[str]:
        return [name for name, field in self.fields.items() if not field.read_only]

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = self.writable_field_names()
            unknown = sorted(str(name) for name in data if name not in writable)
            if unknown:
                message = self.unknown_field_message(writable)
                raise serializers.ValidationError(
                    {name: [message] for name in unknown}, code="unknown_field"
                )
        return super().to_internal_value(data)


class StrictModelSerializer(
    OnlyWritableFieldsMixin, CompiledRepresentationMixin, serializers.ModelSerializer
):
    """A model serializer whose writes take only its writable fields: a body naming anything
    else (a misspelt field, or a read-only one such as ``created``) is a 400 that lists those
    names, instead of a change that silently leaves them out. The schema says the same
    (``additionalProperties: false`` on request bodies). Its representation is DRF's,
    compiled once per serializer (``astana_site.api.representation``)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.IntegerField: StrictIntegerField,
        models.PositiveSmallIntegerField: StrictIntegerField,
        models.PositiveBigIntegerField: StrictIntegerField,
        models.FloatField: StrictFloatField,
        models.BooleanField: StrictBooleanField,
        models.URLField: OptionalLinkField,
    }
