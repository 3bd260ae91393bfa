"""What the list selectors share."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Expression, IntegerField, Model, QuerySet
from django.db.models.query import ModelIterable

from rounds.translations import (
    SOURCE_LANGUAGE,
    TRANSLATED_FIELDS,
    column,
    translation_columns,
)


def built_once(selector: Callable[..., QuerySet]) -> Callable[..., QuerySet]:
    """For a selector whose queryset depends on nothing but its (hashable) arguments: no
    clock, no setting, no database read while it is built. Each set of arguments builds its
    queryset once; every call gets a copy of it (``.all()``, as DRF copies a view's class-level
    ``queryset``), which the caller filters, slices and evaluates as its own. The kept one is
    never evaluated, so it holds no rows.

    Building a queryset is Python work that every request repeated: for the attendance list,
    annotating a subquery and naming the columns read took about 0.2 ms, a page's rows from
    PostgreSQL about as long again. ``selector.build`` builds afresh."""
    kept = lru_cache(maxsize=64)(selector)

    @wraps(selector)
    def copy(*args, **kwargs) -> QuerySet:
        return kept(*args, **kwargs).all()

    copy.build = selector
    return copy


def with_related_columns(
    qs: QuerySet, *, unread: tuple[str, ...] = (), **columns: tuple[str, ...]
) -> QuerySet:
    """``qs`` joined to each relation named in ``columns`` (``select_related``) and reading of
    it only the columns named there (and its key), with every column of ``qs``'s own model but
    those ``unread`` (a list shows none of them).

    An API list shows a round's number or a place's slug: reading the related rows' every
    column, and making them whole objects (JSON decoded per row), cost more than the list's
    own rows (rounds at 100x: 6.8 ms for the page with whole places, 5.0 with their slugs).
    Any other column of those relations read later costs a query per row: the list
    serializers' query counts are pinned by tests."""
    own = [
        f.name
        for f in qs.model._meta.concrete_fields
        if f.name not in columns and f.name not in unread
    ]
    related = [f"{name}__{column}" for name, names in columns.items() for column in names]
    return qs.select_related(*columns).only(*own, *related)


# Set on a queryset's query (which its clones copy) by ``with_sparse_relation``.
_SPARSE = "tracker_sparse_relations"


def with_sparse_relation(qs: QuerySet, name: str, columns: tuple[str, ...]) -> QuerySet:
    """``qs`` whose records get their ``name`` record (a forward relation; its key and
    ``columns`` read) by a second query, for the records that have one, in place of a join.

    For a relation most rows leave empty (an event's parent): PostgreSQL took longer to plan
    and run the join than the page gained from it (a quarter of a page of 100 events), and
    a page with no such row needs no second query at all. The related records are the ones
    ``select_related`` would give (the base manager's, by key)."""
    qs = qs.all()
    qs._iterable_class = _SparseRelationsIterable
    setattr(qs.query, _SPARSE, (*getattr(qs.query, _SPARSE, ()), (name, columns)))
    return qs


class _SparseRelationsIterable(ModelIterable):
    def __iter__(self):
        records = list(super().__iter__())
        for name, columns in getattr(self.queryset.query, _SPARSE, ()):
            _attach(records, name, columns, self.queryset.db)
        return iter(records)


def _attach(records: list[Model], name: str, columns: tuple[str, ...], using: str) -> None:
    if not records:
        return
    field = records[0]._meta.get_field(name)
    keys = {getattr(record, field.attname) for record in records} - {None}
    found = {}
    if keys:
        related = field.related_model._base_manager.using(using).only(*columns)
        found = {r.pk: r for r in related.filter(pk__in=keys)}
    for record in records:
        field.set_cached_value(record, found.get(getattr(record, field.attname)))


def with_translations(model, *names: str, lang: str | None = None) -> tuple[str, ...]:
    """``names`` of ``model``, each translated one with its columns in the other languages
    (what ``rounds.translations.translated`` reads): in ``lang`` only when given (none for
    English), for a list that shows the names in one language."""
    translated = tuple(n for n in names if n in TRANSLATED_FIELDS.get(model._meta.label_lower, ()))
    if lang is None:
        return (*names, *translation_columns(translated))
    return (*names, *(column(n, lang) for n in translated if lang != SOURCE_LANGUAGE))


class ContentTypeId(Expression):
    """The id of ``model``'s content type, read when the query is compiled (from Django's
    cache of content types, as a generic relation's own lookups do), not when the queryset is
    built, which happens where there is no database (the OpenAPI schema). A literal id spares
    PostgreSQL a join or subquery on ``django_content_type``, which took longer to plan than
    an API page takes to run."""

    output_field = IntegerField()

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model

    def as_sql(self, compiler, connection):
        return "%s", [content_type_id(self.model, compiler.using)]


def content_type_id(model, using: str) -> int:
    """The id of ``model``'s content type in the database ``using``, from Django's cache."""
    return ContentType.objects.db_manager(using).get_for_model(model).pk
