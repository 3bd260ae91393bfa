"""What the list selectors share."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Expression, IntegerField, QuerySet

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
