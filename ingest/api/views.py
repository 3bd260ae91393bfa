"""Sources are for analysts: reading them needs the ``view`` permission, and changing them the
``add``/``change``/``delete`` one. Writes go through ``ingest.services``."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from astana_site.api.permissions import ViewRequiredModelPermissions
from astana_site.api.views import SelectorQuerysetMixin
from ingest import selectors
from ingest import services as ingest_services
from ingest.api.serializers import SourceSerializer
from ingest.errors import IngestError
from ingest.filtersets import SourceFilterSet
from ingest.models import Source
from ingest.tasks import source_poll_enqueue


class ServiceUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The task broker is unavailable; try again later."
    default_code = "enqueue_failed"


@extend_schema(tags=["sources"])
class SourceViewSet(SelectorQuerysetMixin, viewsets.ModelViewSet):
    """Feeds and pages the pipeline polls, with the state of their last poll (analysts)."""

    queryset = Source.objects.none()  # for the schema; requests use the selector
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
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
