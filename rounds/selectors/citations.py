"""Reads of citations."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber

from rounds.choices import SOURCE_TIER_RANK
from rounds.models import (
    Citation,
    Event,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
)


def citation_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Citation]:
    """Citations with ``target_key``: the public key (number or slug) of the cited record.
    (A citation has nothing to expand; the arguments are those of every list selector.)"""
    keys = {Round: "number", Participant: "slug", Statement: "slug", Event: "slug"}
    keys |= {Zone: "slug", Place: "slug"}
    # By content type id, not through a join: the join would stay in the page's COUNT, 60% of
    # its cost at 200k citations. (A subquery, run once, not a lookup now: the schema is
    # generated without a database.)
    target_key = Case(
        *(
            When(
                content_type_id=Subquery(
                    ContentType.objects.filter(
                        app_label="rounds", model=model._meta.model_name
                    ).values("pk")[:1]
                ),
                then=Cast(
                    Subquery(model.objects.filter(pk=OuterRef("object_id")).values(field)[:1]),
                    CharField(),
                ),
            )
            for model, field in keys.items()
        ),
        default=Value(None),
        output_field=CharField(),
    )
    return Citation.objects.select_related("content_type").annotate(target_key=target_key)


def tier_rank() -> Case:
    """A citation's tier as a number, best (primary) first."""
    return Case(
        *(When(tier=tier, then=Value(rank)) for tier, rank in SOURCE_TIER_RANK.items()),
        default=Value(len(SOURCE_TIER_RANK)),
        output_field=IntegerField(),
    )


def citations_prefetch(
    limit: int | None = None, *, lookup: str = "citations", best_first: bool = True
) -> Prefetch:
    """The ``citations`` of the records of a list, at most ``limit`` a record when given (best
    tier, then the oldest first; only the oldest first without ``best_first``): one query,
    bounded whatever the records' sources. Without ``limit`` (a record's detail) all of them,
    in the same order."""
    order = [tier_rank().asc(), "pk"] if best_first else ["pk"]
    if limit is None:
        return Prefetch(lookup, queryset=Citation.objects.order_by(*order))
    ranked = Citation.objects.annotate(
        rank_in_record=Window(
            RowNumber(),
            partition_by=[F("content_type_id"), F("object_id")],
            order_by=[tier_rank().asc(), F("pk").asc()] if best_first else [F("pk").asc()],
        )
    ).filter(rank_in_record__lte=limit)
    return Prefetch(lookup, queryset=ranked.order_by(*order))
