"""API views: parse the request, call one selector or service, present the result.

Reads take their querysets from ``rounds.selectors``; writes go through ``rounds.services``
with the user and the ``X-Change-Reason`` header, so the API leaves the same history as the
admin. A record's detail carries its ``ETag``; a write to it needs ``If-Match``
(``astana_site.api.conditional``), checked again under the row lock in the service.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.db import models
from django.utils.http import http_date
from django.utils.translation import gettext
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from astana_site.api import conditional
from astana_site.api import schema as api_schema
from astana_site.api.errors import Unprocessable
from astana_site.api.renderers import CSVRenderer, JSONRenderer
from astana_site.api.views import StrictQueryMixin
from astana_site.validators import has_control_characters
from rounds import filtersets, selectors
from rounds.api import serializers as s
from rounds.api.languages import (
    CONTENT_LANGUAGE_PARAMETER,
    LANGUAGE_PARAMETERS,
    ContentLanguageMixin,
)
from rounds.api.renderers import (
    GeoJSONRenderer,
    ICalendarRenderer,
    TimelineJSRenderer,
)
from rounds.models.base import record_version
from rounds.services import StaleRecordError, curated_delete, curated_write

SMALLINT_LOOKUP = {"type": "integer", "minimum": 1, "maximum": 32767}
ID_LOOKUP = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
SLUG_LOOKUP = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 96}


def change_reason(request) -> str:
    """The reason from the ``X-Change-Reason`` header (percent-decoded); 400 if missing or long."""
    raw = request.headers.get(api_schema.REASON_HEADER, "")
    try:
        # Raw bytes beyond ASCII (their encoding is anyone's guess) or percent-encoding that
        # is not UTF-8: well-formed as the schema says, unreadable as text, a 422.
        reason = unquote(raw.encode("ascii").decode(), errors="strict").strip()
    except UnicodeError:
        raise Unprocessable(
            {
                api_schema.REASON_HEADER: [
                    gettext("Send the reason's non-ASCII characters percent-encoded as UTF-8.")
                ]
            }
        ) from None
    if not reason:
        raise ValidationError(
            {api_schema.REASON_HEADER: [gettext("Say why you make this change (kept in history).")]}
        )
    if has_control_characters(reason):  # like control characters in any text: 422
        raise Unprocessable({api_schema.REASON_HEADER: [gettext("No control characters, please.")]})
    if len(reason) > api_schema.REASON_MAX_LENGTH:
        raise ValidationError(
            {
                api_schema.REASON_HEADER: [
                    gettext("At most %(max)s characters.") % {"max": api_schema.REASON_MAX_LENGTH}
                ]
            }
        )
    return reason


def _plain(value):
    """Serializer output (ordered dicts, return lists) as plain JSON-able values for a model."""
    if isinstance(value, dict | ReturnDict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | ReturnList):
        return [_plain(v) for v in value]
    return value


# --- Lists and ?expand= -------------------------------------------------------------------

EXPAND_PARAM = "expand"


def expand_parameter(serializer, *, description: str = "") -> OpenApiParameter:
    """The ``expand`` query parameter of a list, naming the serializer's heavy parts."""
    names = serializer.expandable_fields
    one = "|".join(names)
    description = description or (
        "Heavy parts a list leaves out (each record's detail has them), comma-separated: "
        + ", ".join(f"`{n}`" for n in names)
        + f". Citations are capped at {s.CITATIONS_PER_RECORD} a record, best sources "
        "first. Any other name is a 400."
    )
    return OpenApiParameter(
        name=EXPAND_PARAM,
        type={"type": "string", "pattern": f"^(({one})(,({one}))*)?$", "maxLength": 200},
        location=OpenApiParameter.QUERY,
        required=False,
        description=description,
    )


class ExpandMixin:
    """A list shows each record's own fields and links; ``?expand=a,b`` adds the heavy parts
    the serializer names in ``expandable_fields`` (bounded: unknown names are a 400). A detail
    or a write shows everything. The selector is asked to prefetch only what is shown, and, if
    it takes ``lang`` (``selector_reads_language``), to read names in the answer's language
    only."""

    selector_reads_language = False

    def get_expand(self) -> frozenset[str] | None:
        if getattr(self, "action", None) != "list":
            return None
        if hasattr(self, "_expand"):
            return self._expand
        raw = self.request.query_params.get(EXPAND_PARAM, "")
        names = frozenset(n.strip() for n in raw.split(",") if n.strip())
        allowed = getattr(self.get_serializer_class(), "expandable_fields", ())
        unknown = sorted(names - set(allowed))
        if unknown:
            shown = ", ".join(u[:40] for u in unknown[:5])
            if allowed:
                message = gettext("Cannot expand %(unknown)s; this list expands: %(allowed)s.") % {
                    "unknown": shown,
                    "allowed": ", ".join(allowed),
                }
            else:
                message = gettext("Cannot expand %(unknown)s; this list has nothing to expand.") % {
                    "unknown": shown
                }
            raise ValidationError({EXPAND_PARAM: [message]})
        self._expand = names
        return names

    def get_queryset(self):
        expand = self.get_expand()
        language = {"lang": self.content_language} if self.selector_reads_language else {}
        return type(self).selector(
            expand=expand,
            citations_limit=None if expand is None else s.CITATIONS_PER_RECORD,
            **language,
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["expand"] = self.get_expand()
        return context


# --- Schema documentation ----------------------------------------------------------------


def document(resource: str, serializer, renderers, *, writable: bool = True, example=None):
    """``extend_schema_view`` for a resource: summaries, descriptions and response formats."""
    formats = ", ".join(r.format for r in [JSONRenderer, *renderers])
    read = {
        "list": extend_schema(
            summary=f"List {resource}",
            description=(
                f"Filter with the query parameters below; page with `page` and `page_size`. "
                f"Formats (`?format=`): {formats}."
            ),
            responses={200: serializer(many=True)},
            parameters=[expand_parameter(serializer)]
            if getattr(serializer, "expandable_fields", ())
            else [],
        ),
        "retrieve": extend_schema(
            summary=f"One of the {resource}",
            responses={200: serializer},
        ),
    }
    if not writable:
        return extend_schema_view(**read)
    examples = [OpenApiExample(f"A new {resource[:-1]}", value=example, request_only=True)]
    write_note = (
        " Needs the model permission the Analysts group has, and an `X-Change-Reason` header; "
        "history keeps your user name and the reason."
    )
    precondition_note = (
        " Send `If-Match` with the `ETag` you read: 412 if the record changed since, 428 "
        "without it."
    )
    return extend_schema_view(
        **read,
        create=extend_schema(
            summary=f"Add to {resource}",
            description="Validated like the admin (constraints, status transitions)." + write_note,
            examples=examples if example else [],
            responses={201: serializer},
        ),
        update=extend_schema(
            summary=f"Replace one of the {resource}",
            description=write_note.strip() + precondition_note,
            responses={200: serializer},
        ),
        partial_update=extend_schema(
            summary=f"Change fields of one of the {resource}",
            description="Only the fields sent change." + write_note + precondition_note,
            responses={200: serializer},
        ),
        destroy=extend_schema(
            summary=f"Delete one of the {resource}",
            description=(
                "History keeps a deletion entry (it appears in the changes feed). A record "
                "other records still refer to cannot be deleted (409)."
                + write_note
                + precondition_note
            ),
        ),
    )


# --- Resources -------------------------------------------------------------------------------


def _etag(instance: models.Model, request, data: int | None = None) -> str:
    from astana_site.cache import data_version

    key = conditional.representation_key(request)
    return conditional.etag(record_version(instance), key, data or data_version())


class RecordETagMixin:
    """A record's detail carries its version and its representation as a strong ``ETag``
    (``astana_site.api.conditional``), and a ``Last-Modified`` that moves with anything it
    shows (the record, or a record shown inside it: the data version)."""

    record_etag = True

    def retrieve(self, request, *args, **kwargs):
        from astana_site.cache import data_version, version_seconds

        instance = self.get_object()
        data = data_version()
        tag = _etag(instance, request, data)
        modified = getattr(instance, "modified", None)
        last_modified = max(modified.timestamp() if modified else 0.0, version_seconds(data))
        answer = conditional.not_modified(request, etag_value=tag, last_modified=last_modified)
        if answer is not None:
            return answer
        serializer = self.get_serializer(instance)
        headers = {conditional.ETAG_HEADER: tag, "Last-Modified": http_date(last_modified)}
        return Response(serializer.data, headers=headers)


class CuratedViewSet(
    ContentLanguageMixin,
    conditional.ConditionalListMixin,
    ExpandMixin,
    RecordETagMixin,
    StrictQueryMixin,
    viewsets.ModelViewSet,
):
    """A curated resource: anyone reads (names in the language asked for, see
    ``rounds.api.languages``); analysts write through the services, with a reason and the
    ``If-Match`` of the version they read."""

    read_parameters = [*LANGUAGE_PARAMETERS, CONTENT_LANGUAGE_PARAMETER]

    selector: Callable[[], models.QuerySet]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    lookup_schema: dict = SLUG_LOOKUP
    change_reason_required = True
    if_match_required = True
    expected_version: str | None = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in {"create", "update", "partial_update", "destroy"}:
            self.change_reason = change_reason(request)

    def get_object(self):
        bounds = self.lookup_schema
        if bounds.get("type") == "integer":
            value = self.kwargs[self.lookup_field]
            if not value.isdecimal() or not bounds["minimum"] <= int(value) <= bounds["maximum"]:
                raise NotFound()
        return super().get_object()

    def _write(self, serializer, instance: models.Model) -> None:
        model = type(instance)
        m2m_names = {f.name for f in model._meta.many_to_many}
        data, m2m = {}, {}
        for name, value in serializer.validated_data.items():
            (m2m if name in m2m_names else data)[name] = _plain(value)
        try:
            written = curated_write(
                instance,
                data=data,
                m2m=m2m,
                user=self.request.user,
                reason=self.change_reason,
                expected_version=self.expected_version,
            )
        except StaleRecordError as exc:
            raise conditional.PreconditionFailed() from exc
        serializer.instance = self.get_queryset().get(pk=written.pk)

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        response[conditional.ETAG_HEADER] = _etag(self.written, request)
        if location := response.data.get("api_url"):
            response["Location"] = location  # the new record (RFC 9110 15.3.2)
        return response

    def update(self, request, *args, **kwargs):
        # 428 without If-Match; then the body is validated (400/422 say what is wrong with it)
        # before the version is compared (412), and compared again under the row lock.
        instance = self.get_object()
        conditional.if_match(request)
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        self.expected_version = conditional.expected_version(request, record_version(instance))
        self.perform_update(serializer)
        return Response(
            serializer.data, headers={conditional.ETAG_HEADER: _etag(self.written, request)}
        )

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.expected_version = conditional.expected_version(request, record_version(instance))
        return super().destroy(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._write(serializer, self.get_queryset().model())
        self.written = serializer.instance

    def perform_update(self, serializer):
        self._write(serializer, serializer.instance)
        self.written = serializer.instance

    def perform_destroy(self, instance):
        try:
            curated_delete(
                instance,
                user=self.request.user,
                reason=self.change_reason,
                expected_version=self.expected_version,
            )
        except StaleRecordError as exc:
            raise conditional.PreconditionFailed() from exc


ROUND_EXAMPLE = {
    "number": 23,
    "name": "Astana-23",
    "city": "Astana",
    "place": "astana",
    "start_date": "2025-11-10",
    "end_date": "2025-11-11",
    "status": "scheduled",
    "next_meeting": {"text": "early 2026", "place": None, "start": None, "end": None},
}


@document("rounds", s.RoundSerializer, [CSVRenderer, TimelineJSRenderer], example=ROUND_EXAMPLE)
class RoundViewSet(CuratedViewSet):
    """Rounds of the International Meeting on Syria in the Astana format, by number."""

    selector = staticmethod(selectors.round_api_list)
    serializer_class = s.RoundSerializer
    filterset_class = filtersets.RoundFilterSet
    lookup_field = "number"
    lookup_value_regex = r"[0-9]+"
    lookup_schema = SMALLINT_LOOKUP
    renderer_classes = [JSONRenderer, CSVRenderer, TimelineJSRenderer]


@document(
    "participants",
    s.ParticipantSerializer,
    [CSVRenderer],
    example={"slug": "jordan", "name": "Jordan", "kind": "state", "is_guarantor": False},
)
class ParticipantViewSet(CuratedViewSet):
    """States, organisations and Syrian parties taking part in the process, by slug."""

    selector = staticmethod(selectors.participant_api_list)
    serializer_class = s.ParticipantSerializer
    filterset_class = filtersets.ParticipantFilterSet


@document("guarantors", s.ParticipantSerializer, [CSVRenderer], writable=False)
class GuarantorViewSet(
    ContentLanguageMixin,
    conditional.ConditionalListMixin,
    ExpandMixin,
    RecordETagMixin,
    StrictQueryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The three guarantors (Russia, Iran, Turkey): participants with ``is_guarantor``.

    Read-only: change a guarantor through ``/participants/``."""

    serializer_class = s.ParticipantSerializer
    filterset_class = filtersets.ParticipantFilterSet
    read_parameters = [*LANGUAGE_PARAMETERS, CONTENT_LANGUAGE_PARAMETER]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    lookup_schema = SLUG_LOOKUP
    selector = staticmethod(selectors.guarantor_api_list)


@document(
    "statements",
    s.StatementSerializer,
    [CSVRenderer],
    example={
        "slug": "astana-23-joint-statement",
        "title": "Joint Statement by Iran, Russia and Turkey on the 23rd International Meeting",
        "kind": "joint_statement",
        "date": "2025-11-11",
        "round": 23,
        "issuers": ["russia", "iran", "turkey"],
    },
)
class StatementViewSet(CuratedViewSet):
    """Documents of the process: joint statements, memoranda, provisions, by slug."""

    selector = staticmethod(selectors.statement_api_list)
    serializer_class = s.StatementSerializer
    filterset_class = filtersets.StatementFilterSet

    @extend_schema(
        summary="Compare with the previous round's statement of the same kind",
        description=(
            "This statement's text against the previous round's statement of the same kind, "
            "paragraph by paragraph: each paragraph `unchanged`, `moved`, `reworded` (marked "
            "word by word), `added` or `removed`, with a count of each in `summary`. When either "
            "full text is not on record, `compared` is false and `note` says why."
        ),
        filters=False,
        responses={200: s.StatementComparisonSerializer},
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[JSONRenderer],
        filterset_class=None,
        pagination_class=None,
        record_etag=False,  # it depends on two records; no version to send back
    )
    def comparison(self, request, slug=None):
        statement = self.get_object()
        comparison = selectors.statement_comparison(statement)
        return Response(
            s.StatementComparisonSerializer(
                comparison, context={"lang": self.content_language}
            ).data
        )


@document(
    "events",
    s.EventSerializer,
    [CSVRenderer, ICalendarRenderer, TimelineJSRenderer],
    example={
        "slug": "working-group-2025-12",
        "kind": "working_group",
        "title": "Working group on detainees",
        "start_date": "2025-12-01",
        "end_date": "2025-12-01",
        "status": "announced",
    },
)
class EventViewSet(CuratedViewSet):
    """Dated happenings other than rounds: the Sochi congress, summits, zone agreements."""

    selector = staticmethod(selectors.event_api_list)
    selector_reads_language = True
    serializer_class = s.EventSerializer
    filterset_class = filtersets.EventFilterSet
    renderer_classes = [JSONRenderer, CSVRenderer, ICalendarRenderer, TimelineJSRenderer]


@document("zones", s.ZoneSerializer, [CSVRenderer, GeoJSONRenderer])
class ZoneViewSet(CuratedViewSet):
    """The four de-escalation zones of the 4 May 2017 memorandum, with their status history."""

    selector = staticmethod(selectors.zone_api_list)
    serializer_class = s.ZoneSerializer
    filterset_class = filtersets.ZoneFilterSet
    renderer_classes = [JSONRenderer, CSVRenderer, GeoJSONRenderer]


@document(
    "places",
    s.PlaceSerializer,
    [CSVRenderer, GeoJSONRenderer],
    example={
        "slug": "tehran",
        "name": "Tehran",
        "kind": "city",
        "country": "Iran",
        "latitude": 35.6892,
        "longitude": 51.389,
    },
)
class PlaceViewSet(CuratedViewSet):
    """Places where meetings happen or that the news mentions, by slug."""

    selector = staticmethod(selectors.place_api_list)
    serializer_class = s.PlaceSerializer
    filterset_class = filtersets.PlaceFilterSet
    renderer_classes = [JSONRenderer, CSVRenderer, GeoJSONRenderer]


@extend_schema_view(
    list=extend_schema(
        summary="List attendance",
        description=(
            "One row per delegation (a participant at a round), in round order. Filter by "
            "`participant` (slug), `year`, `round` and `role`; page with `page` and `page_size`. "
            "Each row's sources come with `?expand=sources` (in CSV too). "
            "Formats (`?format=`): json, csv."
        ),
        responses={200: s.AttendanceSerializer(many=True)},
        parameters=[
            expand_parameter(
                s.AttendanceSerializer,
                description="`sources`: each row's sources (the delegation's own, else the "
                f"round's; at most {s.CITATIONS_PER_RECORD}, in the order recorded), left out "
                "of the list otherwise. Any other name is a 400.",
            )
        ],
    )
)
class AttendanceViewSet(
    ContentLanguageMixin,
    conditional.ConditionalListMixin,
    ExpandMixin,
    StrictQueryMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Who attended each round: one row per delegation, with its role, head and sources.

    Read-only: change a delegation through its round (``/rounds/``) or the admin."""

    selector = staticmethod(selectors.attendance_list)
    selector_reads_language = True
    serializer_class = s.AttendanceSerializer
    filterset_class = filtersets.DelegationFilterSet
    read_parameters = [*LANGUAGE_PARAMETERS, CONTENT_LANGUAGE_PARAMETER]
    renderer_classes = [JSONRenderer, CSVRenderer]


@document(
    "citations",
    s.CitationSerializer,
    [CSVRenderer],
    example={
        "type": "round",
        "object_id": 8,
        "url": "https://www.mfa.kz/en/content-view/joint-statement-astana-8",
        "publisher": "mfa.kz",
        "published": "2017-12-22",
    },
)
class CitationViewSet(CuratedViewSet):
    """Sources behind curated records; ``type`` and ``object_id`` say which record."""

    selector = staticmethod(selectors.citation_api_list)
    serializer_class = s.CitationSerializer
    filterset_class = filtersets.CitationFilterSet
    read_parameters = []  # citations carry no names to translate
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    lookup_schema = ID_LOOKUP
