"""Reads of citations."""

from django.db.models import (
    Case,
    CharField,
    Expression,
    F,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

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
from rounds.selectors.base import built_once, content_type_id

# The public key of each citable type's records, as the API addresses them.
TARGET_KEYS = {
    Round: "number",
    Participant: "slug",
    Statement: "slug",
    Event: "slug",
    Zone: "slug",
    Place: "slug",
}


@built_once
def citation_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Citation]:
    """Citations with ``target_key``: the public key (number or slug) of the cited record.
    (A citation has nothing to expand; the arguments are those of every list selector.)"""
    # The type is read from Django's cache of content types (``cited_type``), not joined.
    return Citation.objects.annotate(target_key=TargetKey())


class TargetKey(Expression):
    """A citation's target's key: ``CASE`` on the citation's content type of a subquery
    reading the cited record's key (by content type id, not through a join: the join would
    stay in the page's COUNT).

    Written SQL, once per database vendor: as Django expressions (six ``When`` of two
    subqueries each) compiling it took longer than running it, on every request. The content
    type ids are parameters read when the query is compiled (``content_type_id``)."""

    output_field = CharField()

    def as_sql(self, compiler, connection):
        ids = [content_type_id(model, compiler.using) for model in TARGET_KEYS]
        return _target_key_sql(connection), ids


_TARGET_KEY_SQL: dict[str, str] = {}


def _target_key_sql(connection) -> str:
    """The ``CASE`` for ``connection``'s database vendor, written once per vendor."""
    sql = _TARGET_KEY_SQL.get(connection.vendor)
    if sql is None:
        sql = _TARGET_KEY_SQL[connection.vendor] = _written_target_key_sql(
            connection.ops.quote_name
        )
    return sql


def _written_target_key_sql(qn) -> str:
    citation = qn(Citation._meta.db_table)
    whens = []
    for model, field in TARGET_KEYS.items():
        column = model._meta.get_field(field).column
        whens.append(
            f"WHEN {citation}.{qn('content_type_id')} = %s "  # noqa: S608 - names from the models
            f"THEN (SELECT CAST({qn(column)} AS TEXT) FROM {qn(model._meta.db_table)} "
            f"WHERE {qn(model._meta.pk.column)} = {citation}.{qn('object_id')})"
        )
    return f"(CASE {' '.join(whens)} ELSE NULL END)"


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
