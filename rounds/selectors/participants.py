"""Reads of participants and places."""

from django.db.models import (
    QuerySet,
)

from rounds.models import (
    Guarantor,
    Participant,
    Place,
)
from rounds.selectors.base import built_once, with_kept_relations
from rounds.selectors.citations import citations_prefetch


def _with_citations(qs: QuerySet, expand, citations_limit) -> QuerySet:
    if expand is None or "citations" in expand:
        return qs.prefetch_related(citations_prefetch(citations_limit))
    return qs


@built_once
def participant_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Participant]:
    return _with_citations(Participant.objects.all(), expand, citations_limit)


@built_once
def guarantor_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Guarantor]:
    return _with_citations(Guarantor.objects.all(), expand, citations_limit)


@built_once
def place_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Place]:
    if expand is None:  # a place's detail: its governorate whole, but for its outline
        qs = Place.objects.select_related("governorate").defer("governorate__geometry")
    else:  # a list shows the governorate by its pcode
        qs = with_kept_relations(Place.objects.all(), governorate=("pcode",))
    return _with_citations(qs, expand, citations_limit)
