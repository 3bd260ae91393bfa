"""DRF's ``Serializer.to_representation``, compiled: one generated function per serializer
shape, kept across requests where nothing in it depends on the request.

A list of 100 records with 25 fields each (some of them nested objects read from the same
record, such as ``translations``) runs DRF's field loop 100 times: for every field it walks
``_readable_fields``, calls ``Field.get_attribute`` (``isinstance(instance, Mapping)``, a
callable check with ``inspect``, exception handling) and ``to_representation``. Most fields
read one attribute and turn it into a ``str`` or an ``int``; this module works that out once
(the fields a list shows are fixed when the serializer is built) and writes it as one dict
display per record. Anything it cannot do the short way (a callable attribute, a missing
attribute, a null relation on the way) goes through DRF's own methods, so the output is DRF's
output: ``tests/astana_site/api/test_representation.py`` compares the two on every resource.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable
from copy import deepcopy
from functools import lru_cache, partial

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import DatabaseError
from django.utils import timezone
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
    # A value the database gave in UTC is in the field's zone already when that is UTC (as
    # USE_TZ has it): converting it made a new date-time for the same text, a third of the
    # time of a created/modified column.
    utc = getattr(zone, "key", None) == "UTC" or zone is datetime.UTC

    def represent(value):
        if type(value) is not datetime.datetime or value.tzinfo is None:  # noqa: E721
            return slow(value)  # naive, a str, a subclass: DRF's rules
        if utc and value.tzinfo is datetime.UTC:
            text = value.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
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


def _loop_representation(serializer: serializers.Serializer) -> Callable[[object], dict]:
    """DRF's field loop with each field's reading and representing worked out once: exactly
    what ``serializers.Serializer.to_representation`` gives, for any record."""
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


# --- The representation as one generated function ---------------------------------------------
#
# The loop above still costs a function call, a tuple unpacking and a try block per field. A
# list of 100 records of 25 fields is 2,500 of them; as one dict display per record, with the
# record's attributes read in place, it is a fraction of that. The generated function is the
# fast path for the common record: any exception in it (a null relation on the way, a field
# that skips itself) sends the record through the loop, which gives DRF's answer or error.
#
# Building a serializer's fields costs DRF about as much again as representing 100 records
# (each declared field is deep-copied, each model field built from the model's options), on
# every request. So where every field is one whose representation depends on nothing but its
# own options (not on the request), the generated function is kept for the serializer's
# class and shape (``representation_shape``) and a serializer using it never builds its
# fields, unless a record needs the exact path.

# Representations that depend only on the value and the field's own options, never on the
# serializer's context (the request): a field of these kinds can be kept across requests.
_CONTEXT_FREE = frozenset(
    {
        drf_fields.CharField.to_representation,
        drf_fields.IntegerField.to_representation,
        drf_fields.BigIntegerField.to_representation,
        drf_fields.FloatField.to_representation,
        drf_fields.BooleanField.to_representation,
        drf_fields.DateField.to_representation,
        drf_fields.DateTimeField.to_representation,
        drf_fields.ChoiceField.to_representation,
        drf_fields.ListField.to_representation,
        drf_fields.DictField.to_representation,
        drf_fields.JSONField.to_representation,
        drf_fields.ReadOnlyField.to_representation,
        drf_fields._UnvalidatedField.to_representation,
        serializers.SlugRelatedField.to_representation,
        serializers.PrimaryKeyRelatedField.to_representation,
        serializers.ManyRelatedField.to_representation,
    }
)
_PLAIN_GETTERS = frozenset(
    {
        drf_fields.Field.get_attribute,
        serializers.RelatedField.get_attribute,
        serializers.ManyRelatedField.get_attribute,
    }
)


def _context_free(field: drf_fields.Field) -> bool:
    if isinstance(field, serializers.ListSerializer):  # a nested list of plain objects
        return (
            type(field).to_representation is serializers.ListSerializer.to_representation
            and type(field).get_attribute is drf_fields.Field.get_attribute
            and _context_free_serializer(field.child)
        )
    if isinstance(field, serializers.Serializer):
        return type(field).get_attribute is drf_fields.Field.get_attribute and (
            _context_free_serializer(field)
        )
    if type(field).to_representation not in _CONTEXT_FREE:
        return False
    if type(field).get_attribute not in _PLAIN_GETTERS and not getattr(
        field, "reads_no_context", False
    ):
        return False
    children = [getattr(field, "child", None), getattr(field, "child_relation", None)]
    return all(_context_free(child) for child in children if child is not None)


def _context_free_serializer(serializer: serializers.Serializer) -> bool:
    """A serializer whose representation is DRF's (or this module's) field loop, or its own
    that says it reads no context (``reads_no_context``), over fields that read nothing from
    the context."""
    own_way = getattr(serializer, "reads_no_context", False)
    return (
        own_way
        or type(serializer).to_representation
        in {
            serializers.Serializer.to_representation,
            CompiledRepresentationMixin.to_representation,
        }
    ) and all(
        not isinstance(f, serializers.SerializerMethodField) and _context_free(f)
        for f in serializer._readable_fields
    )


# A parent for the fields a kept function holds: no context, so no request is kept.
_DETACHED = serializers.Serializer()


def _detached(field: drf_fields.Field) -> drf_fields.Field:
    """A copy of ``field`` bound to no serializer (what DRF itself does with declared fields)."""
    copy = deepcopy(field)
    copy.bind(field.field_name, _DETACHED)
    return copy


class _Source:
    """The generated function's text and the objects it calls, named ``c0``, ``c1``...;
    ``kept``: whether the function may serve other serializers of the same class and shape;
    ``related``: the forward relations of the record it reads, each read once into a local
    (``r0``, ``r1``...) before the dict display (an attendance row shows five columns of its
    round: five reads through the relation's descriptor)."""

    def __init__(self, *, kept: bool) -> None:
        self.objects: list[object] = []
        self.kept = kept
        self.related: dict[str, str] = {}

    def name(self, obj: object) -> str:
        self.objects.append(obj)
        return f"c{len(self.objects) - 1}"

    def read(self, attrs: tuple[str, ...]) -> str:
        """The expression reading ``attrs`` (a ``_plain_path``) from the record ``o``: its
        first step, a relation when there are more, or a nested record, read from its local."""
        first, rest = attrs[0], attrs[1:]
        local = self.related.setdefault(first, f"r{len(self.related)}")
        return ".".join([local, *rest])


def _plain_path(model, attrs: tuple[str, ...]) -> bool:
    """Whether ``attrs`` read from a ``model`` record are stored columns and forward
    relations only: values that are never callable, so DRF would not call them."""
    if model is None or not attrs:
        return False
    for i, attr in enumerate(attrs):
        try:
            field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            field = next((f for f in model._meta.concrete_fields if f.attname == attr), None)
            if field is None or field.is_relation:
                return False
        if not getattr(field, "concrete", False) or field.many_to_many or field.one_to_many:
            return False
        if i < len(attrs) - 1:
            if not field.is_relation:
                return False
            model = field.related_model
    return True


def _related_key(field: drf_fields.Field, model) -> str | None:
    """For DRF's own ``PrimaryKeyRelatedField`` of a forward relation of ``model``: the
    column holding the related key, which is what it shows (its ``PKOnlyObject``'s key, or
    null), read without making the object; else None."""
    if (
        type(field).get_attribute is not serializers.RelatedField.get_attribute
        or type(field).to_representation is not serializers.PrimaryKeyRelatedField.to_representation
        or type(field).use_pk_only_optimization
        is not serializers.PrimaryKeyRelatedField.use_pk_only_optimization
        or field.pk_field is not None
        or len(field.source_attrs) != 1
        or model is None
    ):
        return None
    try:
        relation = model._meta.get_field(field.source_attrs[0])
    except FieldDoesNotExist:
        return None
    if not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
        return None
    return relation.attname


def _value_expression(field: drf_fields.Field, model, top, source: _Source) -> str:
    """The expression giving ``field``'s representation of the record ``o`` (``s``: the
    serializer asking)."""
    if _inlined(field):
        return _dict_display(field, model, top, source)
    if _finished(field) and _plain_path(model, tuple(field.source_attrs)):
        # A record nested by a relation, whose representation is its fields' (kept) and a last
        # step reading the context: given the context of the serializer asking.
        nested = _detached(field) if source.kept else field
        fields = source.name(partial(CompiledRepresentationMixin.to_representation, nested))
        finish = source.name(nested.finish_representation)
        read = source.read(tuple(field.source_attrs))
        return f"(None if (v := {read}) is None else {finish}({fields}(v), v, s.context))"
    if isinstance(field, serializers.SerializerMethodField):
        if field.parent is top:  # called on the serializer asking, whichever it is
            return f"{source.name(getattr(type(top), field.method_name))}(s, o)"
        source.kept = False
        return f"{source.name(getattr(field.parent, field.method_name))}(o)"
    if source.kept and not _context_free(field):
        source.kept = False
    if source.kept:
        field = _detached(field)
    if (key := _related_key(field, model)) is not None:
        return f"o.{key}"
    method = type(field).to_representation
    if method is drf_fields.CharField.to_representation:
        shown = "str(v)"
    elif method is drf_fields.IntegerField.to_representation:
        shown = "int(v)"
    elif method is drf_fields.BooleanField.to_representation:
        shown = f"(v if v is True or v is False else {source.name(field.to_representation)}(v))"
    elif method is serializers.SlugRelatedField.to_representation and "__" not in field.slug_field:
        shown = f"v.{field.slug_field}"
    else:
        shown = f"{source.name(_representer(field))}(v)"
    attrs = tuple(field.source_attrs)
    plain_getter = type(field).get_attribute is drf_fields.Field.get_attribute or (
        type(field).get_attribute is serializers.RelatedField.get_attribute
        and not field.use_pk_only_optimization()
    )
    if plain_getter and _plain_path(model, attrs):
        if len(attrs) == 1:
            return f"(None if (v := o.{attrs[0]}) is None else {shown})"
        if field.allow_null and field.default is drf_fields.empty:
            # A null relation on the way reads as null, as DRF has it for such a field.
            steps = [f"(v := {source.read(attrs[:1])}) is None"]
            steps += [f"(v := v.{a}) is None" for a in attrs[1:]]
            return f"(None if {' or '.join(steps)} else {shown})"
        return f"(None if (v := {source.read(attrs)}) is None else {shown})"
    # The field's own reading (a property, a callable, a related field's pk-only object).
    pk_only = source.name(PKOnlyObject)
    return (
        f"(None if (v := {source.name(_getter(field))}(o)) is None "
        f"or (type(v) is {pk_only} and v.pk is None) else {shown})"
    )


def _finished(field: drf_fields.Field) -> bool:
    """A nested serializer (not a list) whose ``to_representation`` is its compiled
    representation passed through ``finish_representation(data, instance, context)``, with
    fields that read nothing from the context."""
    return (
        isinstance(field, serializers.Serializer)
        and getattr(type(field), "finishes_representation", False)
        and isinstance(field, CompiledRepresentationMixin)
        and type(field).get_attribute is drf_fields.Field.get_attribute
        and all(
            not isinstance(f, serializers.SerializerMethodField) and _context_free(f)
            for f in field._readable_fields
        )
    )


def _inlined(field: drf_fields.Field) -> bool:
    """A nested serializer of the record itself (``source="*"``) whose representation is this
    module's: its fields become part of the generated function."""
    return (
        isinstance(field, serializers.Serializer)
        and field.source == "*"
        and type(field).to_representation is CompiledRepresentationMixin.to_representation
    )


def _dict_display(serializer: serializers.Serializer, model, top, source: _Source) -> str:
    items = [
        f"{f.field_name!r}: {_value_expression(f, model, top, source)}"
        for f in serializer._readable_fields
    ]
    return "{" + ", ".join(items) + "}"


@lru_cache(maxsize=512)
def _factory(text: str, count: int, related: tuple[tuple[str, str], ...] = ()) -> Callable:
    names = ", ".join(f"c{i}" for i in range(count))
    reads = "".join(f"        {local} = o.{attr}\n" for attr, local in related)
    code = (
        f"def factory({names}):\n"
        f"    def represent(s, o):\n"
        f"{reads}"
        f"        return {text}\n"
        f"    return represent\n"
    )
    namespace: dict = {}
    exec(compile(code, "<representation>", "exec"), namespace)  # noqa: S102 - our own text
    return namespace["factory"]


def generate_representation(serializer: serializers.Serializer) -> tuple[Callable, bool]:
    """(the generated function of ``(serializer, record)``, whether it may be kept for
    serializers of the same class and shape)."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    source = _Source(kept=True)
    text = _dict_display(serializer, model, serializer, source)
    represent = _factory(text, len(source.objects), tuple(source.related.items()))
    return represent(*source.objects), source.kept


def compile_representation(serializer: serializers.Serializer) -> Callable[[object], dict]:
    """A function giving what ``serializers.Serializer.to_representation`` gives for
    ``serializer``'s readable fields as they are now."""
    fast, _kept = generate_representation(serializer)
    return _with_exact_path(serializer, fast)


def _with_exact_path(serializer, fast: Callable) -> Callable[[object], dict]:
    exact = None

    def represent(instance) -> dict:
        nonlocal exact
        try:
            return fast(serializer, instance)
        except DatabaseError:
            raise  # the database's own error, not one the exact path would answer otherwise
        except Exception:  # noqa: BLE001 - the exact path gives DRF's answer, or its error
            if exact is None:
                exact = _loop_representation(serializer)
            return exact(instance)

    return represent


# Generated functions kept by (serializer class, shape, time zone): at most a few per class.
_KEPT: dict[tuple, Callable] = {}


class CompiledRepresentationMixin:
    """For a ``Serializer``: its representation through a generated function, made at the
    first record and kept for the serializer's life (a list's child serves every row), and
    for the serializer's class where its fields allow (see above)."""

    def representation_shape(self) -> Hashable:
        """What decides this serializer's fields besides its class. A serializer whose fields
        depend on its context (the fields a list shows) says so here."""
        return None

    def to_representation(self, instance):
        represent = self.__dict__.get("_compiled_representation")
        if represent is None:
            represent = self._compiled_representation = self._representation()
        return represent(instance)

    def _representation(self) -> Callable[[object], dict]:
        key = (type(self), self.representation_shape(), timezone.get_current_timezone_name())
        fast = _KEPT.get(key)
        if fast is None:
            fast, kept = generate_representation(self)
            if kept:
                _KEPT[key] = fast
        return _with_exact_path(self, fast)
