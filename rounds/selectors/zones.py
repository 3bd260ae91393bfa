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
from rounds.selectors.base import built_once
from rounds.selectors.citations import citations_prefetch


def zone_detail_queryset() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related(
        "governorates",
        Prefetch("status_changes", queryset=ZoneStatusChange.objects.prefetch_related("citations")),
        Prefetch("citations", queryset=Citation.objects.select_related("article")),
    )


@built_once
def zone_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Zone]:
    """Zones with their status history and governorates; with ``expand`` (None: everything)
    their citations (at most ``citations_limit`` a zone)."""
    qs = Zone.objects.prefetch_related(
        Prefetch("status_changes", queryset=ZoneStatusChange.objects.order_by("date", "pk")),
        Prefetch("governorates", queryset=Governorate.objects.only("pk", "pcode", "name_common")),
    )
    if expand is None or "citations" in expand:
        qs = qs.prefetch_related(citations_prefetch(citations_limit))
    return qs
