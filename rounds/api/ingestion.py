"""The ingestion side of the API: sources (feeds and pages to poll), articles (what was read,
with what it says and which rounds it supports) and suggestions (the review queue).

Sources and suggestions are for analysts: reading them needs the ``view`` permission, and
changing them the ``add``/``change``/``delete`` one. Articles are public, like the pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import JSONParser
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ingest import services as ingest_services
from ingest.errors import IngestError
from ingest.models import Article, Source
from ingest.tasks import source_poll_enqueue
from rounds import filtersets, selectors
from rounds.api import schema as api_schema
from rounds.api.renderers import CSVRenderer
from rounds.api.serializers import (
    RESOURCE_OF_TYPE,
    LinkField,
    StrictCharField,
    StrictModelSerializer,
    api_url,
)
from rounds.api.throttling import AnonThrottle, UserThrottle
from rounds.api.views import StrictContentNegotiation
from rounds.models import Suggestion
from rounds.review import (
    suggestion_accept,
    suggestion_reject,
    suggestion_required_permissions,
)


class ViewRequiredModelPermissions(DjangoModelPermissions):
    """Model permissions that also guard reads (``view``): for the analysts' own data."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class IngestionViewSetMixin:
    """What the ingestion resources share: auth, throttles, JSON and CSV, and a queryset from
    the ``selector`` named on the class (``queryset`` stays empty, for the schema only)."""

    selector: Callable[[], QuerySet]
    renderer_classes = [JSONRenderer, CSVRenderer]
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    throttle_classes = [AnonThrottle, UserThrottle]
    parser_classes = [JSONParser]
    content_negotiation_class = StrictContentNegotiation
    schema = api_schema.TrackerAutoSchema()
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return type(self).selector()


# --- Sources -----------------------------------------------------------------------------------


class ServiceUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The task broker is unavailable; try again later."
    default_code = "enqueue_failed"


class SourceSerializer(StrictModelSerializer):
    url = LinkField(max_length=1000, help_text="The feed's or page's http(s) address.")

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "url",
            "kind",
            "language",
            "active",
            "poll_interval",
            "last_polled",
            "next_poll_at",
            "last_success",
            "last_error",
            "last_error_code",
            "failure_count",
            "created",
        ]
        read_only_fields = [
            "id",
            "last_polled",
            "next_poll_at",
            "last_success",
            "last_error",
            "last_error_code",
            "failure_count",
            "created",
        ]


@extend_schema(tags=["sources"])
class SourceViewSet(IngestionViewSetMixin, viewsets.ModelViewSet):
    """Feeds and pages the pipeline polls, with the state of their last poll (analysts)."""

    queryset = Source.objects.none()  # for the schema; requests use the selector
    serializer_class = SourceSerializer
    filterset_class = filtersets.SourceFilterSet
    permission_classes = [ViewRequiredModelPermissions]
    selector = staticmethod(selectors.source_list)

    def perform_create(self, serializer):
        serializer.instance = ingest_services.source_save(
            source=Source(), data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        ingest_services.source_save(
            source=serializer.instance, data=dict(serializer.validated_data)
        )

    @extend_schema(
        summary="Poll this source now",
        request=None,
        responses={
            202: OpenApiResponse(
                description="The poll was enqueued (`enqueued: true`), or, with tasks run "
                "in-process, the source was made due for the next `poll_sources` run "
                "(`enqueued: false`). The web process never fetches."
            ),
            503: OpenApiResponse(description="The task broker did not take the poll."),
        },
    )
    @action(detail=True, methods=["post"])
    def poll(self, request, pk=None):
        source = self.get_object()
        try:
            enqueued = source_poll_enqueue(source_id=source.pk)
        except IngestError as error:
            raise ServiceUnavailable(str(error.message)) from error
        return Response(
            {"enqueued": enqueued, "source": source.pk}, status=status.HTTP_202_ACCEPTED
        )


# --- Articles ----------------------------------------------------------------------------------


class SuggestionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suggestion
        fields = ["id", "kind", "status"]
        read_only_fields = fields


class ArticleListSerializer(StrictModelSerializer):
    rounds = serializers.SerializerMethodField(help_text="Numbers of the rounds it is cited on.")
    suggestions = SuggestionRefSerializer(many=True, read_only=True)
    sightings = serializers.SerializerMethodField(help_text="Every URL it was published at.")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "published",
            "language",
            "status",
            "rounds",
            "suggestions",
            "sightings",
            "fetched",
            "processed",
        ]
        read_only_fields = fields

    def get_rounds(self, obj) -> list[int]:
        return sorted({c.round_number for c in obj.round_citations if c.round_number})

    def get_sightings(self, obj) -> list[str]:
        return [s.url for s in obj.sightings.all()]


class ArticleSerializer(ArticleListSerializer):
    extraction = serializers.JSONField(
        read_only=True, help_text="What the pipeline understood; see docs/EXTRACTION.md."
    )

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "text", "extraction"]
        read_only_fields = fields


@extend_schema(tags=["articles"])
@method_decorator(name="list", decorator=extend_schema(summary="List ingested articles"))
class ArticleViewSet(IngestionViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """News articles the pipeline stored, what it understood from each, and the rounds and
    suggestions they led to. A wire story republished by several outlets is one article with
    several ``sightings``."""

    queryset = Article.objects.none()  # for the schema; requests use the selector
    selector = staticmethod(selectors.article_api_list)
    filterset_class = filtersets.ArticleFilterSet

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == "list" else ArticleSerializer


# --- Suggestions -------------------------------------------------------------------------------


class SuggestionSerializer(StrictModelSerializer):
    article = serializers.PrimaryKeyRelatedField(read_only=True)
    target = serializers.SerializerMethodField(help_text="The record it would change, if any.")
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "article",
            "kind",
            "key",
            "status",
            "target",
            "payload",
            "applied",
            "current",
            "quote",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "created",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "type": {"type": "string"},
                "id": {"type": "integer"},
                "api_url": {"type": "string", "nullable": True},
            },
        }
    )
    def get_target(self, obj):
        if obj.content_type_id is None:
            return None
        type_name = obj.content_type.model
        target = obj.target
        key = (
            getattr(target, RESOURCE_OF_TYPE[type_name][1])
            if (target is not None and type_name in RESOURCE_OF_TYPE)
            else None
        )
        return {
            "type": type_name,
            "id": obj.object_id,
            "api_url": api_url(self.context.get("request"), type_name, key),
        }


class ReviewSerializer(serializers.Serializer):
    payload = serializers.JSONField(
        required=False,
        help_text="Edited values, merged over the proposal when accepting (accept only).",
    )
    note = StrictCharField(required=False, allow_blank=True, max_length=2000)

    def validate_payload(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("Expected an object.")
        return value


REVIEW_PERMISSIONS = ["rounds.change_suggestion"]


class ReviewModelPermissions(ViewRequiredModelPermissions):
    """Reading the queue needs ``view``; its only writes, accept and reject, check their own
    permissions (``_review``), which do not include adding suggestions."""

    perms_map = {
        **ViewRequiredModelPermissions.perms_map,
        "POST": ["%(app_label)s.view_%(model_name)s"],
    }


@extend_schema(tags=["suggestions"])
class SuggestionViewSet(
    IngestionViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The review queue: changes ingestion proposes, each with the sentence behind it.

    Accepting applies the change through the same services as the admin; history names the
    analyst, the suggestion and the article."""

    queryset = Suggestion.objects.none()  # for the schema; requests use the selector
    serializer_class = SuggestionSerializer
    filterset_class = filtersets.SuggestionFilterSet
    permission_classes = [ReviewModelPermissions]
    selector = staticmethod(selectors.suggestion_list)

    def _review(self, request, decide, *, required=lambda suggestion: REVIEW_PERMISSIONS):
        """Check the permissions ``required`` for the suggestion, parse the body, apply
        ``decide`` and show the result."""
        if not request.user.has_perms(REVIEW_PERMISSIONS):
            self.permission_denied(request, message="Reviewing needs the change permission.")
        suggestion = self.get_object()
        missing = [perm for perm in required(suggestion) if not request.user.has_perm(perm)]
        if missing:
            self.permission_denied(
                request, message=f"Accepting it needs the permission(s) {', '.join(missing)}."
            )
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        decide(suggestion, body.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=suggestion.pk)).data)

    @extend_schema(
        summary="Accept (optionally edited)",
        request=ReviewSerializer,
        responses={200: SuggestionSerializer},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._review(
            request,
            lambda suggestion, data: suggestion_accept(
                suggestion=suggestion,
                user=request.user,
                payload=data.get("payload"),
                note=data.get("note", ""),
            ),
            required=suggestion_required_permissions,
        )

    @extend_schema(
        summary="Reject", request=ReviewSerializer, responses={200: SuggestionSerializer}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._review(
            request,
            lambda suggestion, data: suggestion_reject(
                suggestion=suggestion, user=request.user, note=data.get("note", "")
            ),
        )
