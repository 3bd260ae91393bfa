"""Whether the records read now will be written back.

A curated record remembers the values it was read with (``rounds.models.base``), so that a
save writes only what the caller changed. That costs every read, and most reads are pages and
API lists that never write: a list of 100 records paid for 100 snapshots. Code that only
reads says so with ``reading_only()``; ``ReadOnlyRequestMiddleware`` does it for safe HTTP
methods (GET, HEAD, OPTIONS), which must not change data. A record read without its snapshot
cannot be saved: ``rounds.services.curated_save`` refuses it (``ReadForDisplayError``), since it
could not tell the caller's changes from what others changed meanwhile.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.db import models
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

_snapshots = ContextVar("astana_load_snapshots", default=True)


def snapshots_wanted() -> bool:
    """True unless the current code said it only reads."""
    return _snapshots.get()


@contextmanager
def reading_only() -> Iterator[None]:
    token = _snapshots.set(False)
    try:
        yield
    finally:
        _snapshots.reset(token)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyRequestMiddleware:
    """Records read while answering a GET, HEAD or OPTIONS request skip the load snapshot."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with reading_only():
            return self.get_response(request)


# --- Making a record from its row ------------------------------------------------------------


@cache
def _filled_directly(model: type[models.Model]) -> bool:
    """Whether ``Model.__init__`` of ``model`` only stores each loaded column in the record's
    ``__dict__``: no ``__init__`` or ``__setattr__`` of its own, and no column whose
    descriptor does more on a new record than store the value."""
    if model.__init__ is not models.Model.__init__ or model.__setattr__ is not object.__setattr__:
        return False
    return all(
        type(inspect.getattr_static(model, f.attname, None)) in _STORING_DESCRIPTORS
        for f in model._meta.concrete_fields
    )


# A column's usual descriptor; a foreign key's forgets a cached related record when its value
# changes, of which a new record has none.
_STORING_DESCRIPTORS = frozenset({DeferredAttribute, ForeignKeyDeferredAttribute})


def record_from_db(model: type[models.Model], db: str, field_names, values) -> models.Model:
    """``Model.from_db``: the record of a row (``field_names`` the loaded columns' attnames in
    the model's order, the others deferred), made without ``Model.__init__`` where that would
    only store the values one by one. A list of 100 records with their related ones is a few
    hundred records; ``__init__`` walks every field of each."""
    if not _filled_directly(model) or pre_init.receivers or post_init.receivers:
        return models.Model.from_db.__func__(model, db, field_names, values)
    record = model.__new__(model)
    state = ModelState()
    state.adding = False
    state.db = db
    fields = record.__dict__
    fields["_state"] = state
    fields.update(zip(field_names, values, strict=True))
    return record


class RecordFromRowMixin:
    """For a model: its records made from their rows by ``record_from_db``."""

    @classmethod
    def from_db(cls, db, field_names, values):
        return record_from_db(cls, db, field_names, values)


def listed_as(relation: str) -> str:
    """The attribute a selector prefetches a many-to-many ``relation`` into as a plain list
    (``Prefetch(relation, to_attr=listed_as(relation))``): no related manager and queryset
    made per record, as a prefetch into the relation itself makes, and again at each read.
    ``astana_site.api.fields.ListedManyRelatedField`` reads it."""
    return f"{relation}_listed"
