"""DRF's ``Serializer.to_representation``, compiled once per serializer instance.

A list of 100 records with 25 fields each (some of them nested objects read from the same
record, such as ``translations``) runs DRF's field loop 100 times: for every field it walks
``_readable_fields``, calls ``Field.get_attribute`` (``isinstance(instance, Mapping)``, a
callable check with ``inspect``, exception handling) and ``to_representation``. Most fields
read one attribute and turn it into a ``str`` or an ``int``; this module works that out once
per serializer (the fields a list shows are fixed when the serializer is built) and does only
that per record. Anything it cannot do the short way (a callable attribute, a missing
attribute, a field with its own ``get_attribute``) goes through DRF's own method, so the
output is DRF's output: ``tests/astana_site/api/test_representation.py`` compares the two on
every resource.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import fields as drf_fields
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import ISO_8601, api_settings

Getter = Callable[[object], object]
Representer = Callable[[object], object]


def _getter(field: drf_fields.Field) -> Getter:
    """Reads the attribute ``field`` shows from a record, as ``field.get_attribute`` would."""
    if type(field).get_attribute is not drf_fields.Field.get_attribute:
        return field.get_attribute  # related fields, method fields, lists: their own way
    attrs = tuple(field.source_attrs)
    if not attrs:  # source="*": the record itself
        return lambda instance: instance
    slow = field.get_attribute

    def get(instance):
        value = instance
        try:
            for attr in attrs:
                value = getattr(value, attr)
        except (AttributeError, KeyError, ObjectDoesNotExist):
            return slow(instance)  # a mapping, a missing attribute, a null relation: DRF's rules
        if callable(value):
            return slow(instance)
        return value

    return get


# Representations that are one builtin call, when the field class does not change them.
_PLAIN: dict[Callable, Callable] = {
    drf_fields.CharField.to_representation: str,
    drf_fields.IntegerField.to_representation: int,
}


def _datetime_representer(field: drf_fields.DateTimeField) -> Representer | None:
    """DRF's ISO 8601 output of an aware date-time, with the field's time zone looked up once
    (``enforce_timezone`` asks for the current time zone for every value); None where the
    field's settings call for DRF's own method."""
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if output_format is None or output_format.lower() != ISO_8601 or zone is None:
        return None
    slow = field.to_representation

    def represent(value):
        if type(value) is not datetime.datetime or value.tzinfo is None:  # noqa: E721
            return slow(value)  # naive, a str, a subclass: DRF's rules
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return slow(value)  # DRF's error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return represent


def _date_representer(field: drf_fields.DateField) -> Representer | None:
    output_format = getattr(field, "format", api_settings.DATE_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601:
        return None
    slow = field.to_representation
    return lambda value: value.isoformat() if type(value) is datetime.date else slow(value)


def _representer(field: drf_fields.Field) -> Representer:
    method = type(field).to_representation
    plain = _PLAIN.get(method)
    if plain is None and method is drf_fields.DateTimeField.to_representation:
        plain = _datetime_representer(field)
    elif plain is None and method is drf_fields.DateField.to_representation:
        plain = _date_representer(field)
    return plain if plain is not None else field.to_representation


def compile_representation(serializer: serializers.Serializer) -> Callable[[object], dict]:
    """A function giving what ``serializers.Serializer.to_representation`` gives for
    ``serializer``'s readable fields as they are now."""
    steps = [(f.field_name, _getter(f), _representer(f)) for f in serializer._readable_fields]

    def represent(instance) -> dict:
        ret = {}
        for name, get, represent_value in steps:
            try:
                attribute = get(instance)
            except drf_fields.SkipField:
                continue
            if attribute is None or (
                type(attribute) is PKOnlyObject and attribute.pk is None  # noqa: E721
            ):
                ret[name] = None
            else:
                ret[name] = represent_value(attribute)
        return ret

    return represent


class CompiledRepresentationMixin:
    """For a ``Serializer``: its representation through ``compile_representation``, compiled
    at the first record and kept for the serializer's life (a list's child serves every
    row)."""

    def to_representation(self, instance):
        represent = self.__dict__.get("_compiled_representation")
        if represent is None:
            represent = self._compiled_representation = compile_representation(self)
        return represent(instance)
