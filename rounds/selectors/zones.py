"""Reads of the de-escalation zones."""

from django.db.models import (
    Prefetch,
    QuerySet,
)

from rounds.models import (
    Citation,
    Governorate,
    Zone,
    ZoneStatusChange,
)


def zone_detail_queryset() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related(
        "governorates",
        Prefetch("status_changes", queryset=ZoneStatusChange.objects.prefetch_related("citations")),
        Prefetch("citations", queryset=Citation.objects.select_related("article")),
    )


def zone_api_list() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related(
        Prefetch("status_changes", queryset=ZoneStatusChange.objects.order_by("date", "pk")),
        Prefetch("governorates", queryset=Governorate.objects.only("pk", "pcode", "name_common")),
        "citations",
    )
