"""Reads of citations."""

from django.db.models import (
    Case,
    CharField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast

from rounds.models import (
    Citation,
    Event,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
)


def citation_api_list() -> QuerySet[Citation]:
    """Citations with ``target_key``: the public key (number or slug) of the cited record."""
    keys = {Round: "number", Participant: "slug", Statement: "slug", Event: "slug"}
    keys |= {Zone: "slug", Place: "slug"}
    target_key = Case(
        *(
            When(
                content_type__app_label="rounds",
                content_type__model=model._meta.model_name,
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
