"""What the curated resources' serializers share: addressing records by public key, geometry,
citations inline, and the curated base class."""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from astana_site.api.fields import (
    OnlyWritableFieldsMixin,
    StrictCharField,
    StrictModelSerializer,
)
from astana_site.api.representation import CompiledRepresentationMixin
from rounds.models import (
    Citation,
)
from rounds.models.base import choice_labels
from rounds.translations import (
    LANGUAGE_NAMES,
    SOURCE_LANGUAGE,
    TRANSLATED_FIELDS,
    TRANSLATION_LANGUAGES,
    column,
    translated,
)

# Which API resource shows a record of each type that has one, and the field addressing it
# (the citable types, and citations themselves).
RESOURCE_OF_TYPE: dict[str, tuple[str, str]] = {
    "citation": ("api:citation-detail", "pk"),
    "round": ("api:round-detail", "number"),
    "participant": ("api:participant-detail", "slug"),
    "statement": ("api:statement-detail", "slug"),
    "event": ("api:event-detail", "slug"),
    "zone": ("api:zone-detail", "slug"),
    "place": ("api:place-detail", "slug"),
}


# How many citations a record carries in a list with ``?expand=citations`` (best tier first);
# the record's detail lists them all.
CITATIONS_PER_RECORD = 20
_KEY = "0"  # a key every lookup pattern accepts, replaced in the reversed path


@lru_cache(maxsize=256)
def _path_template(route: str, kwarg: str, prefix: str, language: str | None) -> tuple[str, str]:
    """(before, after) the key in the path of ``route``: reversed once, not once per row. A
    page's path has its language's prefix (``/ru/events/...``): the language is in the key."""
    path = reverse(route, kwargs={kwarg: _KEY})
    at = path.rindex(f"/{_KEY}/") + 1
    return path[:at], path[at + len(_KEY) :]


def record_path(route: str, kwarg: str, key) -> str:
    """The path of ``route`` for ``key`` in the active language (what ``reverse`` gives, from a
    cached template)."""
    before, after = _path_template(route, kwarg, get_script_prefix(), get_language())
    return f"{before}{key}{after}"


# An absolute path (not "//host") in characters ``iri_to_uri`` leaves as they are.
_PLAIN_PATH = re.compile(r"/(?!/)[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*")


def _plain(path: str) -> bool:
    return bool(_PLAIN_PATH.fullmatch(path)) and "/./" not in path and "/../" not in path


def absolute(request, path: str) -> str:
    """``request.build_absolute_uri(path)``; a path from ``reverse`` (absolute, already
    quoted, ASCII) joins the request's origin, worked out once per request (a list of 100
    records links each of them)."""
    if request is None:
        return path
    if not _plain(path):
        return request.build_absolute_uri(path)
    origin = getattr(request, "_tracker_origin", None)
    if origin is None:
        origin = request._tracker_origin = request.build_absolute_uri("/")[:-1]
    return origin + path


def api_url(request, type_name: str, key) -> str | None:
    """The absolute API URL of a record of ``type_name`` addressed by ``key``, if it has one
    (one link; a list's serializers share a ``Links`` for the answer)."""
    return Links(request).api_url(type_name, key)


# A key that stands in a path as it is (what the API's lookups accept).
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Links:
    """Absolute links to records for one answer: each route's link up to the key and after
    it, worked out at its first link (the origin, the script prefix and the language do not
    change within an answer), so a list of 100 records joins three strings per link."""

    def __init__(self, request) -> None:
        self.request = request
        self.around: dict[str, tuple[str, str]] = {}

    def url(self, route: str, kwarg: str, key) -> str:
        """``absolute(request, record_path(route, kwarg, key))``."""
        key = str(key)
        around = self.around.get(route) if _PLAIN_KEY.fullmatch(key) else None
        if around is None:
            path = record_path(route, kwarg, key)
            link = absolute(self.request, path)
            if _PLAIN_KEY.fullmatch(key) and link.endswith(path) and _plain(path):
                at = len(link) - len(path) + path.rindex(f"/{key}/") + 1
                self.around[route] = (link[:at], link[at + len(key) :])
            return link
        return f"{around[0]}{key}{around[1]}"

    def api_url(self, type_name: str, key) -> str | None:
        """``api_url(request, type_name, key)``."""
        route = RESOURCE_OF_TYPE.get(type_name)
        if route is None or key in (None, ""):
            return None
        return self.url(route[0], route[1], key)


def links(context: dict) -> Links:
    """The ``Links`` of the answer a serializer's ``context`` is for."""
    found = context.get("links")
    if found is None:
        found = context["links"] = Links(context.get("request"))
    return found


class AliasSerializer(serializers.Serializer):
    name = StrictCharField(max_length=128)
    lang = StrictCharField(max_length=16, required=False, allow_blank=True)

    reads_no_context = True  # astana_site.api.representation may keep it across requests

    def to_representation(self, instance):
        """DRF's representation of a stored alias (a dict of text), without its loop over the
        fields for each alias of each record of a list; anything else goes through DRF's."""
        if (
            type(instance) is dict
            and type(instance.get("name")) is str
            and type(instance.get("lang", "")) is str
        ):
            return {key: instance[key] for key in ("name", "lang") if key in instance}
        return super().to_representation(instance)


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
        fields = ["id", "url", "publisher", "title", "published", "quote", "tier"]
        read_only_fields = fields


class ExpandableMixin:
    """Lists carry a record's own fields and links; the heavy parts named in
    ``expandable_fields`` come with the detail, or in a list when ``?expand=`` names them.

    The view puts the names asked for in the context as ``expand`` (a set); without it (a
    detail, a write) every field is shown."""

    expandable_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        expand = self.context.get("expand")
        if expand is not None:
            for name in self.expandable_fields:
                if name not in expand:
                    fields.pop(name, None)
        return fields

    def representation_shape(self):
        expand = self.context.get("expand")
        return None if expand is None else frozenset(expand) & frozenset(self.expandable_fields)


class CuratedSerializer(ExpandableMixin, StrictModelSerializer):
    """Fields every curated record shows: uncertainty, citations, timestamps and its URL."""

    api_url = serializers.SerializerMethodField(help_text="This record in the API.")
    citations = CitationInlineSerializer(
        many=True,
        read_only=True,
        help_text=f"In a list, only with `?expand=citations` (at most {CITATIONS_PER_RECORD} "
        "a record, best sources first); the detail lists them all.",
    )

    type_name: str = ""
    curated_fields = ["uncertain", "uncertain_note", "citations", "created", "modified", "api_url"]
    expandable_fields = ("citations",)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str | None:
        key = getattr(obj, RESOURCE_OF_TYPE[self.type_name][1])
        return links(self.context).api_url(self.type_name, key)


OVERDUE_HELP = (
    "Derived, never stored: still scheduled or announced though its dates have passed, with no "
    "record of it being held."
)
STATUS_LABEL_HELP = 'The status as the site shows it: "Overdue — not confirmed" when overdue.'


class ChoiceLabelsMixin:
    """For a serializer: the labels of a choice field of its model in the active language,
    looked up once per serializer (a list's child serves every row of one answer)."""

    def choice_labels(self, field: str) -> dict[str, str]:
        kept = self.__dict__.setdefault("_choice_labels", {})
        labels = kept.get(field)
        if labels is None:
            labels = kept[field] = choice_labels(self.Meta.model, field, get_language())
        return labels


class MeetingSerializer(ChoiceLabelsMixin, CuratedSerializer):
    """A curated meeting (a round or an event): its status as readers see it, derived."""

    overdue = serializers.BooleanField(read_only=True, help_text=OVERDUE_HELP)
    status_label = serializers.SerializerMethodField(help_text=STATUS_LABEL_HELP)

    def get_status_label(self, obj) -> str:
        return obj.status_label_among(self.choice_labels("status"))


# --- Names in the languages of the process (rounds.translations) --------------------------


class TranslatedNamesMixin:
    """Gives the names readers see in the language the request asked for (``lang`` in the
    context, set by ``rounds.api.languages.ContentLanguageMixin``), English where there is no
    translation. ``translated_outputs`` maps an output key to (the attribute path of the
    record holding it, '' for this one; its field); by default the model's translated fields.
    """

    translated_outputs: dict[str, tuple[str, str]] | None = None

    def _translated_outputs(self) -> dict[str, tuple[str, str]]:
        if self.translated_outputs is not None:
            return self.translated_outputs
        return {f: ("", f) for f in TRANSLATED_FIELDS.get(self.Meta.model._meta.label_lower, ())}

    # to_representation is finish_representation of the compiled representation, so this
    # serializer nested in another can be kept across requests (astana_site.api.representation)
    finishes_representation = True

    def to_representation(self, instance):
        return self.finish_representation(
            super().to_representation(instance), instance, self.context
        )

    def finish_representation(self, data: dict, instance, context: dict) -> dict:
        """``data`` with the names in the language ``context`` asks for."""
        lang = context.get("lang", SOURCE_LANGUAGE)
        if lang == SOURCE_LANGUAGE:
            return data
        for key, (path, field) in self._translated_outputs().items():
            if key not in data:
                continue
            holder = instance
            for attr in path.split(".") if path else ():
                holder = getattr(holder, attr, None)
            if holder is not None:
                data[key] = translated(holder, field, lang)
        return data


class StrictNestedSerializer(
    OnlyWritableFieldsMixin, CompiledRepresentationMixin, serializers.Serializer
):
    """A nested object whose writes take only its fields (like ``StrictModelSerializer``)."""

    def unknown_field_message(self, writable: list[str]) -> str:
        return gettext("Not a field this object takes; it takes: %(fields)s.") % {
            "fields": ", ".join(writable)
        }


def translations_field(model, *, help_text: str = "") -> serializers.Serializer:
    """The ``translations`` object of ``model``'s representation: ``{"ru": {"name": ...},
    "tr": {...}, "ar": {...}}`` ("" where not translated), read and written as the columns
    ``name_ru``... (so a write goes through the curated services like any field)."""
    fields = TRANSLATED_FIELDS[model._meta.label_lower]
    per_language = {}
    for lang in TRANSLATION_LANGUAGES:
        attrs = {
            f: StrictCharField(
                source=column(f, lang),
                max_length=model._meta.get_field(column(f, lang)).max_length,
                required=False,
                allow_blank=True,
                help_text=f"{model._meta.get_field(f).verbose_name} in "
                f"{LANGUAGE_NAMES[lang]} (blank: not translated; English is shown).",
            )
            for f in fields
        }
        cls = type(
            f"{model.__name__}Translation{lang.title()}Serializer",
            (StrictNestedSerializer,),
            attrs,
        )
        per_language[lang] = cls(source="*", required=False)
    outer = type(f"{model.__name__}TranslationsSerializer", (StrictNestedSerializer,), per_language)
    return outer(
        source="*",
        required=False,
        help_text=help_text
        or "The names in Russian, Turkish and Arabic as stored, whatever the language asked "
        "for; send some of them to change only those.",
    )
