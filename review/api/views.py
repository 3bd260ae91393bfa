"""Articles (what was read, with what it says and which rounds it supports; public, like the
pages) and suggestions (the review queue, for analysts: reading needs ``view``)."""

from __future__ import annotations

from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from astana_site.api.conditional import ConditionalListMixin
from astana_site.api.permissions import ViewRequiredModelPermissions
from astana_site.api.views import SelectorQuerysetMixin
from ingest.models import Article
from review import selectors
from review.api.serializers import (
    ArticleListSerializer,
    ArticleSerializer,
    ReviewSerializer,
    SuggestionSerializer,
)
from review.filtersets import ArticleFilterSet, SuggestionFilterSet
from review.services import (
    suggestion_accept,
    suggestion_reject,
    suggestion_required_permissions,
)
from rounds.models import Suggestion


@extend_schema(tags=["articles"])
@method_decorator(name="list", decorator=extend_schema(summary="List ingested articles"))
class ArticleViewSet(ConditionalListMixin, viewsets.ReadOnlyModelViewSet):
    """News articles the pipeline stored, what it understood from each, and the rounds and
    suggestions they led to. A wire story republished by several outlets is one article with
    several ``sightings``."""

    queryset = Article.objects.none()  # for the schema; requests use the selector
    filterset_class = ArticleFilterSet

    def get_queryset(self):
        return selectors.article_api_list(with_text=self.action != "list")

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == "list" else ArticleSerializer

    def paginate_queryset(self, queryset):
        # Lists are always paged (StandardPagination): the page gets its related rows.
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_article_relations(page)


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
    SelectorQuerysetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The review queue: changes ingestion proposes, each with the sentence behind it.

    Accepting applies the change through the same services as the admin; history names the
    analyst, the suggestion and the article."""

    queryset = Suggestion.objects.none()  # for the schema; requests use the selector
    serializer_class = SuggestionSerializer
    filterset_class = SuggestionFilterSet
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
