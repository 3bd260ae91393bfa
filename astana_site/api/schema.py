"""OpenAPI details drf-spectacular cannot infer: the error shape on every operation, the
change-reason header on writes, the ETag of a record and the If-Match a write to it needs,
anonymous reads, and the bounds of numeric and text filters."""

from django import forms
from django.core.validators import RegexValidator
from django_filters import OrderingFilter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from astana_site.api.fields import OPTIONAL_LINK_PATTERN, OptionalLinkField
from astana_site.api.permissions import ViewRequiredModelPermissions
from astana_site.validators import DATE_MAX, DATE_MIN

# A character Python's str.strip() keeps, written so that both Python's and ECMAScript's
# regular expressions agree (they differ on \x1c-\x1f, \x85 and \ufeff).
NOT_BLANK_PATTERN = r"[^\s\x1c-\x1f\x85]|\ufeff"
REASON_HEADER = "X-Change-Reason"
REASON_MAX_LENGTH = 100

REASON_PARAMETER = OpenApiParameter(
    name=REASON_HEADER,
    type={"type": "string", "minLength": 1, "maxLength": REASON_MAX_LENGTH, "pattern": r"\S"},
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "Why you make this change (1-100 characters), kept in the record's history with your "
        "user name, as in the admin. Non-ASCII text is sent percent-encoded as UTF-8, e.g. "
        "`%D0%9C%D0%98%D0%94` for МИД (raw non-ASCII bytes, or percent-encoding that is not "
        "UTF-8, are a 422). No control characters, raw or percent-encoded."
    ),
    examples=[],
)

# ``*``, or entity tags as the API gives them ("..." or W/"..."), comma-separated.
IF_MATCH_PATTERN = r'^(\*|(W/)?"[^",]*"(\s*,\s*(W/)?"[^",]*")*)$'

IF_MATCH_PARAMETER = OpenApiParameter(
    name="If-Match",
    type={"type": "string", "pattern": IF_MATCH_PATTERN},
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "The `ETag` you read from this record (a quoted string, in any language or format). "
        "The write is refused with 412 if the record changed since, with 428 without this "
        "header, and with 400 if it is not `*` or quoted tags. `*` writes without the check "
        "(still only the fields you send change)."
    ),
    examples=[],
)

ETAG_PARAMETER = OpenApiParameter(
    name="ETag",
    type=str,
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    description=(
        "The record's version and this answer's: `\"<version>.<answer>\"`. Send it back as "
        "`If-Match` to change or delete the record (only the version is compared), or as "
        "`If-None-Match` to get a 304 while the answer is unchanged."
    ),
)

LOCATION_PARAMETER = OpenApiParameter(
    name="Location",
    type={"type": "string", "format": "uri"},
    location=OpenApiParameter.HEADER,
    response=[201],
    description="The new record in the API (its `api_url`).",
)

ERROR_DESCRIPTIONS = {
    400: "Malformed input: a filter, page or body field is invalid.",
    401: "Credentials are missing or invalid (send `Authorization: Token <key>`).",
    403: "Authenticated, but without the permission this write needs.",
    404: "No such record, or a page past the last.",
    406: "None of the formats in `Accept` or `format` can be produced.",
    409: "Conflicts with stored data: a duplicate key, or other records still refer to it.",
    412: "The record changed since you read it: `If-Match` does not name its current `ETag`. "
    "Read it again and redo your change.",
    415: "The body's media type is not JSON, form or multipart.",
    422: "Well-formed, but against the rules: end before start, a forbidden status "
    "transition, a reference to a record that does not exist, a date outside 1990-2100, "
    "a control character in text.",
    428: "A write to a record needs `If-Match` with the `ETag` you read from it.",
    429: "Too many requests; retry after the `Retry-After` seconds.",
}


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(help_text="Machine-readable, e.g. `invalid`, `not_found`.")
    message = serializers.CharField(help_text="What went wrong, for a person.")
    detail = serializers.JSONField(
        help_text="Per-field messages for invalid input (`{field: [message]}`), else `{}`."
    )


class ErrorSerializer(serializers.Serializer):
    """Every error response, whatever the status and the requested format."""

    error = ErrorBodySerializer()


class TrackerAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        guarded = any(  # the analysts' own data (sources, suggestions): reading needs `view`
            issubclass(permission, ViewRequiredModelPermissions)
            for permission in getattr(self.view, "permission_classes", ())
        )
        if self.method in SAFE_METHODS and not guarded and {} not in auths:
            auths.append({})  # Anyone may read.
        return auths

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if isinstance(field, OptionalLinkField):
            meta.pop("minLength", None)  # "" is a value it takes: no link
        return meta

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method not in SAFE_METHODS and getattr(self.view, "change_reason_required", False):
            parameters = [*parameters, REASON_PARAMETER]
        if getattr(self.view, "if_match_required", False) and self.method in {
            "PUT",
            "PATCH",
            "DELETE",
        }:
            parameters = [*parameters, IF_MATCH_PARAMETER]
        answers_a_record = self.method == "POST" or (
            self.method != "DELETE" and not self._is_list_view()
        )
        if getattr(self.view, "record_etag", False) and answers_a_record:
            parameters = [*parameters, ETAG_PARAMETER]
            if self.method == "POST":
                parameters = [*parameters, LOCATION_PARAMETER]
        if self.method in SAFE_METHODS:
            # What a view's reads take besides filters (e.g. the language of names).
            parameters = [*parameters, *getattr(self.view, "read_parameters", [])]
        return parameters

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        bounds = getattr(self.view, "lookup_schema", None)
        for parameter in parameters:
            if bounds and parameter["name"] == getattr(self.view, "lookup_field", None):
                parameter["schema"] = dict(bounds)
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # DRF trims text and then refuses it if blank: say so, so "   " is known to be a 400.
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and not field.read_only
            and not field.allow_blank
            and field.trim_whitespace
            and schema.get("type") == "string"
            and "pattern" not in schema
            and not any(isinstance(v, RegexValidator) for v in field.validators)
        ):
            schema["pattern"] = NOT_BLANK_PATTERN
        if direction == "request" and isinstance(field, serializers.DateField):
            # OpenAPI 3.0 has no bounds for a date string: say them (a 422 outside).
            bounds = f"Between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}."
            schema["description"] = f"{schema.get('description', '')} {bounds}".strip()
        if direction == "response" and getattr(field, "blank_when_read", False):
            # A link written as http(s), read blank where the source had none (a citation of
            # an ingested local file).
            schema = {**schema, "pattern": OPTIONAL_LINK_PATTERN}
        return schema

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        # A list leaves out the parts its serializer names ``expandable_fields`` unless
        # ``?expand=`` asks for them: never required in a response.
        expandable = getattr(serializer, "expandable_fields", ())
        if direction == "response" and expandable and schema.get("required"):
            schema["required"] = [n for n in schema["required"] if n not in expandable]
        # Writes refuse fields a resource does not take (see StrictModelSerializer).
        if (
            direction == "request"
            and hasattr(serializer, "writable_field_names")
            and schema.get("type") == "object"
        ):
            schema["additionalProperties"] = False
        return schema

    def _error_codes(self) -> list[int]:
        codes = [400, 401, 404, 406, 429, *getattr(self.view, "extra_error_codes", [])]
        if self.method not in SAFE_METHODS:
            codes += [403, 409, 422]
            if self.method != "DELETE":
                codes.append(415)
            if self.method in {"PUT", "PATCH", "DELETE"} and getattr(
                self.view, "if_match_required", False
            ):
                codes += [412, 428]
        return sorted(set(codes))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # Other formats than JSON have their own shapes (the renderer says which).
        many = self._is_list_view()
        for renderer in self.view.get_renderers():
            if not hasattr(renderer, "openapi_schema"):
                continue
            for code in ("200", "201"):
                content = responses.get(code, {}).get("content", {})
                if renderer.media_type in content:
                    content[renderer.media_type] = {"schema": renderer.openapi_schema(many=many)}
        error = self.resolve_serializer(ErrorSerializer(), "response").ref
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                {
                    "description": ERROR_DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": error}},
                },
            )
        return responses


class BoundedDjangoFilterExtension(DjangoFilterExtension):
    """django-filter parameters with the bounds their form fields enforce (minimum, maximum,
    maxLength, integer type), so clients and fuzzers know what a 400 will be for."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        extra = filter_field.extra
        for parameter in parameters:
            schema = parameter["schema"]
            target = schema["items"] if schema.get("type") == "array" else schema
            if issubclass(filter_field.field_class, forms.IntegerField):
                target["type"] = "integer"
                target.pop("format", None)
            if "min_value" in extra:
                target["minimum"] = extra["min_value"]
            if "max_value" in extra:
                target["maximum"] = extra["max_value"]
            if "max_length" in extra and target.get("type") == "string":
                target["maxLength"] = extra["max_length"]
            # An empty value means "no filter" (HTML forms send empty fields), so say it is valid;
            # for ``ordering`` an empty entry means "the default order".
            if isinstance(filter_field, OrderingFilter) and "enum" in target:
                target["enum"] = [*target["enum"], ""]
            if schema.get("type") != "array":
                if "enum" in parameter:
                    parameter["enum"] = [*parameter["enum"], ""]
                elif "enum" in schema:
                    schema["enum"] = [*schema["enum"], ""]
                elif schema.get("type") != "string" or "format" in schema:
                    # (a date's "" is not a date: the empty value is an alternative)
                    parameter["schema"] = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
        return parameters
