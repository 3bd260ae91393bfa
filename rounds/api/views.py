"""API views: parse the request, call one selector or service, present the result.

Reads take their querysets from ``rounds.selectors``; writes go through ``rounds.services``
with the user and the ``X-Change-Reason`` header, so the API leaves the same history as the
admin.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable
from urllib.parse import unquote

from django.db import models
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from rounds import filtersets, selectors
from rounds.api import schema as api_schema
from rounds.api import serializers as s
from rounds.api.errors import Unprocessable, error_body
from rounds.api.renderers import (
    CSVRenderer,
    GeoJSONRenderer,
    ICalendarRenderer,
    TimelineJSRenderer,
)
from rounds.api.throttling import AnonThrottle, UserThrottle
from rounds.services import curated_delete, curated_write
from rounds.validators import has_control_characters

SMALLINT_LOOKUP = {"type": "integer", "minimum": 1, "maximum": 32767}
ID_LOOKUP = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
SLUG_LOOKUP = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 96}


def change_reason(request) -> str:
    """The reason from the ``X-Change-Reason`` header (percent-decoded); 400 if missing or long."""
    raw = request.headers.get(api_schema.REASON_HEADER, "")
    reason = unquote(raw).strip()
    if not reason:
        raise ValidationError(
            {api_schema.REASON_HEADER: ["Say why you make this change (kept in history)."]}
        )
    if has_control_characters(reason):  # like control characters in any text: 422
        raise Unprocessable({api_schema.REASON_HEADER: ["No control characters, please."]})
    if len(reason) > api_schema.REASON_MAX_LENGTH:
        raise ValidationError(
            {api_schema.REASON_HEADER: [f"At most {api_schema.REASON_MAX_LENGTH} characters."]}
        )
    return reason


class StrictContentNegotiation(DefaultContentNegotiation):
    """``?format=`` must name a format this endpoint has (an empty one is a 404 too)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested is not None and not requested:
            raise NotFound("Unknown format ''.")
        return super().select_renderer(request, renderers, format_suffix)


class StrictQueryMixin:
    """A query parameter that takes one value may be given once (``?page_size=1&page_size=9``
    is a 400, not "the last one wins")."""

    multi_valued_params: frozenset[str] = frozenset({"kind"})

    def initial(self, request, *args, **kwargs):
        repeated = sorted(
            name
            for name in request.query_params
            if name not in self.multi_valued_params and len(request.query_params.getlist(name)) > 1
        )
        if repeated:
            raise ValidationError({name: ["Give this parameter once."] for name in repeated})
        super().initial(request, *args, **kwargs)


def _plain(value):
    """Serializer output (ordered dicts, return lists) as plain JSON-able values for a model."""
    if isinstance(value, dict | ReturnDict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | ReturnList):
        return [_plain(v) for v in value]
    return value


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
            description=write_note.strip(),
            responses={200: serializer},
        ),
        partial_update=extend_schema(
            summary=f"Change fields of one of the {resource}",
            description="Only the fields sent change." + write_note,
            responses={200: serializer},
        ),
        destroy=extend_schema(
            summary=f"Delete one of the {resource}",
            description=(
                "History keeps a deletion entry (it appears in the changes feed). A record "
                "other records still refer to cannot be deleted (409)." + write_note
            ),
        ),
    )


# --- Resources -------------------------------------------------------------------------------


class CuratedViewSet(StrictQueryMixin, viewsets.ModelViewSet):
    """A curated resource: anyone reads; analysts write through the services, with a reason."""

    selector: Callable[[], models.QuerySet]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    lookup_schema: dict = SLUG_LOOKUP
    filter_backends = [DjangoFilterBackend]
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    throttle_classes = [AnonThrottle, UserThrottle]
    renderer_classes = [JSONRenderer, CSVRenderer]
    parser_classes = [JSONParser]
    content_negotiation_class = StrictContentNegotiation
    schema = api_schema.TrackerAutoSchema()
    change_reason_required = True
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return type(self).selector()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in {"create", "update", "partial_update", "destroy"}:
            self.change_reason = change_reason(request)

    def get_object(self):
        bounds = self.lookup_schema
        if bounds.get("type") == "integer":
            value = self.kwargs[self.lookup_field]
            if not value.isdigit() or not bounds["minimum"] <= int(value) <= bounds["maximum"]:
                raise NotFound()
        return super().get_object()

    def _write(self, serializer, instance: models.Model) -> None:
        model = type(instance)
        m2m_names = {f.name for f in model._meta.many_to_many}
        data, m2m = {}, {}
        for name, value in serializer.validated_data.items():
            (m2m if name in m2m_names else data)[name] = _plain(value)
        written = curated_write(
            instance,
            data=data,
            m2m=m2m,
            user=self.request.user,
            reason=self.change_reason,
        )
        serializer.instance = self.get_queryset().get(pk=written.pk)

    def perform_create(self, serializer):
        self._write(serializer, self.get_queryset().model())

    def perform_update(self, serializer):
        self._write(serializer, serializer.instance)

    def perform_destroy(self, instance):
        curated_delete(instance, user=self.request.user, reason=self.change_reason)


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
    StrictQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The three guarantors (Russia, Iran, Turkey): participants with ``is_guarantor``.

    Read-only: change a guarantor through ``/participants/``."""

    serializer_class = s.ParticipantSerializer
    filterset_class = filtersets.ParticipantFilterSet
    filter_backends = [DjangoFilterBackend]
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    throttle_classes = [AnonThrottle, UserThrottle]
    renderer_classes = [JSONRenderer, CSVRenderer]
    content_negotiation_class = StrictContentNegotiation
    schema = api_schema.TrackerAutoSchema()
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    lookup_schema = SLUG_LOOKUP

    def get_queryset(self):
        return selectors.guarantor_api_list()


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
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    lookup_schema = ID_LOOKUP


# --- Changes feed ----------------------------------------------------------------------------


def encode_cursor(position: selectors.ChangePosition) -> str:
    raw = json.dumps([position.time.isoformat(), position.type, position.history_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> selectors.ChangePosition:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        time, type_name, history_id = json.loads(raw)
        moment = datetime.datetime.fromisoformat(time)
        if timezone.is_naive(moment) or not isinstance(history_id, int):
            raise ValueError
        if type_name not in selectors.CHANGE_FEED_TYPES:
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise Unprocessable({"cursor": ["Not a cursor this feed returned."]}) from None
    return selectors.ChangePosition(moment, type_name, history_id)


class ChangesQuerySerializer(serializers.Serializer):
    since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601 date-time (UTC if no offset): changes at or after it. "
        "Omit (and omit `cursor`) to read the whole history.",
    )
    cursor = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Resume after the last change you saw: the `cursor` of a previous response. "
        "Takes precedence over `since`.",
    )
    type = serializers.MultipleChoiceField(
        choices=sorted(selectors.CHANGE_FEED_TYPES),
        required=False,
        help_text="Only these record types; repeat for several.",
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=500, default=100, help_text="1 to 500."
    )


class ChangeSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=sorted(selectors.CHANGE_FEED_TYPES))
    id = serializers.IntegerField(help_text="The record's database id (stable).")
    key = serializers.JSONField(
        allow_null=True,
        help_text="The record's public key at that time (round number, slug, pcode, id).",
    )
    action = serializers.ChoiceField(choices=["created", "updated", "deleted"])
    time = serializers.DateTimeField()
    user = serializers.CharField(
        allow_null=True,
        help_text="User name of who made the change; shown to staff only, null otherwise "
        "and for changes made by the reference loader.",
    )
    reason = serializers.CharField(allow_null=True)
    url = serializers.URLField(
        allow_null=True,
        help_text="Where to fetch the record now (its parent round or zone for delegations "
        "and zone status changes); null for deletions and governorates.",
    )
    history_id = serializers.IntegerField(help_text="Id of the history entry, per type.")


@extend_schema_serializer(many=False)
class ChangePageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next = serializers.URLField(
        allow_null=True, help_text="The next page, when more changes are waiting now."
    )
    cursor = serializers.CharField(
        help_text="Where to resume later: pass it as `cursor` on your next sync."
    )


class ChangesViewSet(StrictQueryMixin, viewsets.ViewSet):
    """Created, updated and deleted records of every curated type, oldest first."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    throttle_classes = [AnonThrottle, UserThrottle]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = StrictContentNegotiation
    schema = api_schema.TrackerAutoSchema()
    extra_error_codes = [422]
    multi_valued_params = frozenset({"type"})
    # Reading history needs no model permission; DjangoModelPermissions needs a queryset.
    permission_classes = []

    @extend_schema(
        summary="Changes feed",
        description=(
            "Every create, update and delete of curated records since a time, from their "
            "history, in one stable order (time, then type, then history id). Page through "
            "with `next`; store `cursor` and pass it next time to get only what changed since. "
            "See docs/SYNC.md."
        ),
        parameters=[ChangesQuerySerializer],
        responses={200: ChangePageSerializer},
        examples=[
            OpenApiExample(
                "A page",
                response_only=True,
                value={
                    "results": [
                        {
                            "type": "round",
                            "id": 8,
                            "key": 8,
                            "action": "updated",
                            "time": "2025-03-01T10:00:00.123456Z",
                            "user": None,
                            "reason": "Dates per MFA statement",
                            "url": "https://tracker.example/api/v1/rounds/8/",
                            "history_id": 131,
                        }
                    ],
                    "next": None,
                    "cursor": "WyIyMDI1LTAzLTAxVDEwOjAwOjAwLjEyMzQ1NiswMDowMCIsICJyb3VuZCIsIDEzMV0",
                },
            )
        ],
    )
    def list(self, request):
        for name in ("since", "cursor", "page_size"):
            if request.query_params.get(name) == "":
                raise ValidationError({name: ["May not be empty; leave it out instead."]})
        query = ChangesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        if params.get("cursor"):
            after = decode_cursor(params["cursor"])
        elif params.get("since"):
            after = selectors.ChangePosition(params["since"])
        else:
            after = selectors.ChangePosition(datetime.datetime.min.replace(tzinfo=datetime.UTC))
        changes, more = selectors.change_feed(
            after=after, types=sorted(params.get("type") or []) or None, limit=params["page_size"]
        )
        show_user = request.user.is_authenticated and request.user.is_staff
        results = [self._entry(request, c, show_user) for c in changes]
        cursor = encode_cursor(changes[-1].position if changes else after)
        next_url = None
        if more:
            query_params = request.query_params.copy()
            query_params["cursor"] = cursor
            query_params.pop("since", None)
            next_url = request.build_absolute_uri(
                f"{reverse('api:change-list')}?{query_params.urlencode()}"
            )
        return Response({"results": results, "next": next_url, "cursor": cursor})

    @staticmethod
    def _entry(request, change: selectors.Change, show_user: bool) -> dict:
        if change.parent is not None:
            url = s.api_url(request, *change.parent)
        elif change.action == "deleted":
            url = None
        else:
            url = s.api_url(request, change.type, change.key)
        return {
            "type": change.type,
            "id": change.id,
            "key": change.key,
            "action": change.action,
            "time": change.position.time.isoformat().replace("+00:00", "Z"),
            "user": change.user if show_user else None,
            "reason": change.reason,
            "url": url,
            "history_id": change.position.history_id,
        }


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any other path under /api/: the JSON 404 (never the HTML page). A known path without
    its trailing slash is redirected, as Django's APPEND_SLASH would."""
    if not request.path.endswith("/"):
        try:
            resolve(request.path + "/")
        except Resolver404:
            pass
        else:
            query = request.META.get("QUERY_STRING", "")
            target = request.path + "/" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(target)
    return JsonResponse(
        error_body(404, "not_found", f"No API endpoint at {request.path}."), status=404
    )
