"""What the list selectors share."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy as shallow_copy
from functools import lru_cache, partial, wraps
from types import FunctionType

from django.contrib.contenttypes.models import ContentType, ContentTypeManager
from django.db.models import Expression, IntegerField, JSONField, Model, Prefetch, QuerySet
from django.db.models import query as django_query
from django.db.models.query import ModelIterable, RelatedPopulator

from astana_site.cache import kept_rows
from astana_site.reads import listed_as
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
    ``queryset``), with copies of its ``Prefetch`` lookups and their querysets (Django's
    prefetch writes on those: the first record as a routing hint). The caller filters, slices
    and evaluates the copy as its own; the kept one is never evaluated and holds no records.

    Building a queryset is Python work that every request repeated: for the attendance list,
    annotating a subquery and naming the columns read took about 0.2 ms, a page's rows from
    PostgreSQL about as long again; for the places list (16 rows) 0.13 ms of its 3 to 5.
    Every API list's selector is built once. ``selector.build`` builds afresh."""
    kept = lru_cache(maxsize=64)(selector)

    @wraps(selector)
    def copy(*args, **kwargs) -> QuerySet:
        qs = kept(*args, **kwargs).all()
        if qs._prefetch_related_lookups:
            qs._prefetch_related_lookups = tuple(
                _fresh_lookup(lookup) for lookup in qs._prefetch_related_lookups
            )
        return qs

    copy.build = selector
    return copy


def _fresh_lookup(lookup):
    if not isinstance(lookup, Prefetch):
        return lookup
    fresh = shallow_copy(lookup)
    if lookup.queryset is not None:
        fresh.queryset = lookup.queryset.all()
    return fresh


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
    serializers' query counts are pinned by tests.

    The rows that join the same related row share its record (``_PageIterable``)."""
    own = [
        f.name
        for f in qs.model._meta.concrete_fields
        if f.name not in columns and f.name not in unread
    ]
    related = [f"{name}__{column}" for name, names in columns.items() for column in names]
    return _paged(qs.select_related(*columns).only(*own, *related))


# Set on a queryset's query (which its clones copy): what reads the records' relations once
# they are read (``with_sparse_relation``, ``with_listed_relation``).
_ATTACH = "tracker_attach"


def _paged(qs: QuerySet) -> QuerySet:
    """``qs`` read by ``_PageIterable``. For a queryset of records only (not ``values()``)."""
    if qs._iterable_class is not ModelIterable and qs._iterable_class is not _PageIterable:
        raise TypeError("relations are attached to records, not to values() rows")
    qs = qs.all()
    qs._iterable_class = _PageIterable
    return qs


def _attaching(qs: QuerySet, attach: Callable[[list[Model], str], None]) -> QuerySet:
    """``qs`` whose records, once read, go to ``attach(records, database)``. For a queryset of
    records only (not ``values()``); its rows are read whole before the first is given, also
    by ``iterator()``."""
    qs = _paged(qs)
    setattr(qs.query, _ATTACH, (*getattr(qs.query, _ATTACH, ()), attach))
    return qs


class _SharedRelatedPopulator(RelatedPopulator):
    """Django's reader of a joined (``select_related``) record from a row, making one record
    per related row for the whole read, not one per row that joins it: the rows of a page of
    100 delegations join 14 rounds and 12 participants, for which Django made 200 records
    (1.1 to 1.9 ms of the page's 4.2 to 5.5, PostgreSQL at 100x). The rows that join the same
    related row share its record, as Django's ``prefetch_related`` of a foreign key does."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._made: dict = {}

    def populate(self, row, from_obj) -> None:
        if self.reorder_for_init:
            obj_data = self.reorder_for_init(row)
        else:
            obj_data = row[self.cols_start : self.cols_end]
        key = obj_data[self.pk_idx]
        if key is None:
            obj = None
        else:
            obj = self._made.get(key)
            if obj is None:
                obj = self._made[key] = self.model_cls.from_db(self.db, self.init_list, obj_data)
                for rel_iter in self.related_populators:
                    rel_iter.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


def _shared_related_populators(klass_info, select, db) -> list[RelatedPopulator]:
    return [
        _SharedRelatedPopulator(related, select, db)
        for related in klass_info.get("related_klass_infos", [])
    ]


# Django's ModelIterable.__iter__ itself (its code, not a copy of it), reading the joined
# records with _SharedRelatedPopulator: its module's names, but for the one that makes the
# readers of joined records. Should a Django release stop calling that name, the rows are read
# as Django reads them (tests/rounds/selectors/test_base.py checks that records are shared).
_rows_sharing_related = FunctionType(
    ModelIterable.__iter__.__code__,
    {**vars(django_query), "get_related_populators": _shared_related_populators},
    "_rows_sharing_related",
    ModelIterable.__iter__.__defaults__,
    ModelIterable.__iter__.__closure__,
)


class _PageIterable(ModelIterable):
    """Records whose joined records are shared by the rows that join the same related row
    (``_SharedRelatedPopulator``), then given, all read, to what the queryset attaches
    (``_attaching``)."""

    def __iter__(self):
        records = list(_rows_sharing_related(self))
        if records:
            for attach in getattr(self.queryset.query, _ATTACH, ()):
                attach(records, self.queryset.db)
        return iter(records)


def _keys_read(records: list[Model], attname: str) -> list:
    """Each record's ``attname``, which must have been read with it (a deferred key would be
    read by a query per record)."""
    if attname in records[0].get_deferred_fields():
        raise ValueError(f"{attname} is deferred: read it with the records to attach by it")
    return [getattr(record, attname) for record in records]


def with_sparse_relation(qs: QuerySet, name: str, columns: tuple[str, ...]) -> QuerySet:
    """``qs`` whose records get their ``name`` record (a forward relation; its key and
    ``columns`` read) by a second query, for the records that have one, in place of a join.

    For a relation most rows leave empty (an event's parent): PostgreSQL took longer to plan
    and run the join than the page gained from it (a quarter of a page of 100 events), and
    a page with no such row needs no second query at all. The related records are read as
    ``select_related`` reads them (the base manager's, by key), one per related row, and
    not locked by ``select_for_update``."""
    return _attaching(qs, partial(_attach_forward, name, columns, None))


def _loaded_attnames(model, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The attnames of ``model``'s key and ``columns``, in the model's order of concrete
    fields (what ``Model.from_db`` takes)."""
    wanted = {model._meta.pk.attname, *(model._meta.get_field(c).attname for c in columns)}
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in wanted)


def _attach_forward(
    name: str,
    columns: tuple[str, ...],
    kept: tuple[str, ...] | None,
    records: list[Model],
    using: str,
) -> None:
    """Each record's ``name`` record (its key and ``columns`` read): from the related table
    as kept in the process (``kept``: the attnames it is kept with), else, or for a key it
    lacks, by one query by key. One record per related row."""
    field = records[0]._meta.get_field(name)
    keys = _keys_read(records, field.attname)
    missing = set(keys) - {None}
    found: dict = {}
    table = kept_rows(field.related_model, kept, using) if kept is not None else None
    if table is not None:
        for key in missing:
            if (row := table.get(key)) is not None:
                found[key] = field.related_model.from_db(using, kept, row)
        missing -= found.keys()
    if missing:
        related = field.related_model._base_manager.using(using).only(*columns)
        found.update((r.pk, r) for r in related.filter(pk__in=missing))
    for record, key in zip(records, keys, strict=True):
        field.set_cached_value(record, found.get(key))


def with_kept_relations(qs: QuerySet, **columns: tuple[str, ...]) -> QuerySet:
    """``qs`` whose records get their record of each forward relation named in ``columns``
    (its key and those columns read) from the related table as kept in the process for the
    data version (``astana_site.cache.kept_rows``), in place of a join: for a small table
    (places, rounds, governorates) that a list shows a name or a number of. A filter or an
    ordering on the relation still joins the table as it is. A key not kept (the table too
    large, keeping off, a row written since the table was read) is read by a query, as
    ``with_sparse_relation`` reads it.

    The page of 100 events joined its places and rounds: PostgreSQL planned and ran that
    query in 0.7-0.8 ms, the plain one in 0.1-0.15, and Django read the joined columns row by
    row (4.3 ms for the page's records, 3.0 ms with the kept tables, at 100x)."""
    for name, names in columns.items():
        field = qs.model._meta.get_field(name)
        if not (field.many_to_one and field.target_field.primary_key):
            raise ValueError(f"{name}: a kept relation is a foreign key to a primary key")
        related = field.related_model
        if any(isinstance(related._meta.get_field(c), JSONField) for c in names):
            raise ValueError(f"{name}: a kept row is shared; a JSON value of it could change")
        kept = _loaded_attnames(related, names)
        qs = _attaching(qs, partial(_attach_forward, name, names, kept))
    return qs


def with_listed_relation(qs: QuerySet, name: str, columns: tuple[str, ...]) -> QuerySet:
    """``qs`` whose records get the records of their many-to-many relation ``name`` (their
    key and ``columns`` read, in the related model's order) as a plain list, under
    ``astana_site.reads.listed_as(name)``: what ``Prefetch(name, to_attr=...)`` gives.

    Django's prefetch joined the relation's table to the related one and sorted every pair
    by the related model's order (names, by the database's collation), made a record per
    pair and walked each record's relation in Python: 2.4 ms of a page of 100 statements
    whose rows took 1.5 ms. Here the pairs are read as keys (no join, no sort), and the
    related rows once each, in their order (a participant issues many statements): 1.5 ms,
    and the lists share those records."""
    return _attaching(qs, partial(_attach_listed, name, columns))


def _attach_listed(name: str, columns: tuple[str, ...], records: list[Model], using: str) -> None:
    field = records[0]._meta.get_field(name)
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    pairs = list(
        field.remote_field.through._base_manager.using(using)
        .filter(**{f"{own}__in": [r.pk for r in records]})
        .values_list(own, other)
    )
    related = field.related_model
    loaded = _loaded_attnames(related, columns)
    key_at = loaded.index(related._meta.pk.attname)
    rows = (  # the default manager's, as the relation's own manager reads them
        related._default_manager.using(using)
        .filter(pk__in={key for _, key in pairs})
        .order_by(*related._meta.ordering)
        .values_list(*loaded)
        if pairs
        else []
    )
    ranked = {
        row[key_at]: (rank, related.from_db(using, loaded, row)) for rank, row in enumerate(rows)
    }
    listed: dict = {r.pk: [] for r in records}
    for owner, key in sorted(
        (pair for pair in pairs if pair[1] in ranked), key=lambda pair: ranked[pair[1]][0]
    ):
        listed[owner].append(ranked[key][1])
    attr = listed_as(name)
    for record in records:
        record.__dict__[attr] = listed[record.pk]


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
    return content_types(using).get_for_model(model).pk


# ``ContentType.objects.db_manager(alias)`` copies the manager on every call (``copy.copy``):
# a list of 100 citations asked twice per row, half the time of its serialization. A copy
# shares the manager's cache of content types (one dict, which ``clear_cache`` empties in
# place), so one copy per database serves every call.
_MANAGERS: dict[str, ContentTypeManager] = {}


def content_types(alias: str) -> ContentTypeManager:
    """Django's content types of the database ``alias`` (its cache included)."""
    manager = _MANAGERS.get(alias)
    if manager is None:
        manager = _MANAGERS[alias] = ContentType.objects.db_manager(alias)
    return manager
