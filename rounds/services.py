"""Writes to the curated domain. Every write validates, runs in a transaction and leaves
history naming the user and the reason; admin, API, loader and review all come through here.

Saves are concurrency-safe: a save of a stored record locks its row (``select_for_update``),
writes only the fields the caller changed since it read the record, and validates and records
history on the row as it is now, so two people changing different fields both keep their
change and each history row names the one who made it. A caller holding a version
(``record_version``: the API's ``If-Match``, the admin form's hidden version) gets
``StaleRecordError`` instead of a write when the record changed since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext

from astana_site.cache import data_changed
from astana_site.exceptions import TrackerError
from rounds.models.base import changed_fields, loaded_snapshot, record_version
from rounds.search import search_forget, search_sync

M = TypeVar("M", bound=models.Model)

ANALYSTS_GROUP = "Analysts"
# Models analysts curate (add/change/delete/view) and those they only review or view.
ANALYST_MODELS = [
    "round",
    "delegation",
    "participant",
    "guarantor",
    "statement",
    "event",
    "zone",
    "zonestatuschange",
    "place",
    "governorate",
    "citation",
    "suggestion",
]
ANALYST_INGEST_MODELS = ["source", "article", "sighting"]


class ReadForDisplayError(RuntimeError):
    """A record read for display (a GET request, ``reading_only()``) was passed to a save. It
    carries no snapshot of the values it was read with, so a save could not tell the caller's
    changes from what others changed meanwhile; read the record again to change it. A
    programming error, not a user's."""


class StaleRecordError(TrackerError):
    """The record changed since the caller read the version it holds; nothing was written."""

    def __init__(self, instance: models.Model, current_version: str):
        self.instance = instance
        self.current_version = current_version
        super().__init__(
            f"This {instance._meta.verbose_name} changed since you read it; "
            "read it again and redo your change."
        )


def _stamp(instance: models.Model, *, user, reason: str) -> None:
    instance._history_user = user
    instance._change_reason = reason


def _locked(instance: M) -> M:
    """The stored row of ``instance``, read again under a row lock (until the transaction ends)."""
    return type(instance)._base_manager.select_for_update().get(pk=instance.pk)


def _check_version(locked: models.Model, expected_version: str | None) -> None:
    if expected_version is not None and record_version(locked) != expected_version:
        raise StaleRecordError(locked, record_version(locked))


@transaction.atomic
def curated_save(
    instance: M,
    *,
    user=None,
    reason: str,
    expected_version: str | None = None,
    touch: bool = False,
) -> M:
    """Validate and save a curated record, recording ``user`` and ``reason`` in its history.

    A new record is inserted. A stored record read from the database is saved field by field:
    its row is locked, the fields the caller changed since reading it are applied to the row
    as stored now, and only those (and ``modified``) are written; nothing changed writes
    nothing unless ``touch`` (a change to related rows only, such as a many-to-many
    relation, still bumps ``modified`` and leaves a history row with the reason).
    ``instance`` is refreshed to the stored row afterwards.

    Raises ``django.core.exceptions.ValidationError`` when the record is invalid (constraints,
    status transitions) and ``StaleRecordError`` when ``expected_version`` is given and the
    stored record has another; nothing is written then.
    """
    if not reason or not reason.strip():
        raise TrackerError(gettext("A change to curated data needs a reason."))
    if getattr(instance, "_read_for_display", False):
        raise ReadForDisplayError(f"{instance!r} was read for display; read it again to save it.")
    reason = reason.strip()
    data_changed()  # cached pages and API lists are stale once this commits
    changed = changed_fields(instance) if instance.pk is not None else None
    if changed is None:
        if expected_version is not None and instance.pk is not None:
            _check_version(_locked(instance), expected_version)
        instance.full_clean()
        _stamp(instance, user=user, reason=reason)
        instance.save()
        instance._loaded_values = loaded_snapshot(instance)
        search_sync(instance)
        return instance
    locked = _locked(instance)
    _check_version(locked, expected_version)
    if changed or touch:
        for attname in changed:
            setattr(locked, attname, getattr(instance, attname))
        locked.full_clean()
        _stamp(locked, user=user, reason=reason)
        auto_now = [
            f.attname for f in locked._meta.concrete_fields if getattr(f, "auto_now", False)
        ]
        locked.save(update_fields=[*changed, *auto_now] or None)
        search_sync(locked)
    for f in locked._meta.concrete_fields:
        setattr(instance, f.attname, getattr(locked, f.attname))
    instance._loaded_values = loaded_snapshot(instance)
    if hasattr(locked, "_loaded_status"):
        instance._loaded_status = locked.status
    return instance


@transaction.atomic
def curated_delete(
    instance: models.Model, *, user=None, reason: str, expected_version: str | None = None
) -> None:
    """Delete a curated record; its history keeps a deletion row naming user and reason.

    Raises ``StaleRecordError`` when ``expected_version`` is given and the stored record has
    another (it is then kept).
    """
    if not reason or not reason.strip():
        raise TrackerError(gettext("Deleting curated data needs a reason."))
    if expected_version is not None:
        _check_version(_locked(instance), expected_version)
    _stamp(instance, user=user, reason=reason.strip())
    pk = instance.pk
    instance.delete()
    search_forget(instance, pk=pk)
    data_changed()


def curated_update(
    instance: M,
    *,
    data: Mapping[str, Any],
    user=None,
    reason: str,
    expected_version: str | None = None,
) -> M:
    """Set the given fields and save through ``curated_save``; a no-op change writes nothing
    (but is still refused with ``StaleRecordError`` against a stale ``expected_version``).

    Returns the instance. Only concrete non-m2m fields may be given.
    """
    changed = False
    for field, value in data.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    if changed or instance.pk is None:
        curated_save(instance, user=user, reason=reason, expected_version=expected_version)
    elif expected_version is not None:
        with transaction.atomic():
            _check_version(_locked(instance), expected_version)
    return instance


def set_m2m(instance: models.Model, field: str, values: Iterable[models.Model]) -> bool:
    """Replace a many-to-many relation only if it differs; returns whether it changed."""
    manager = getattr(instance, field)
    wanted = {v.pk for v in values}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(list(wanted))
    data_changed()
    return True


def analysts_group_ensure() -> Group:
    """Create or refresh the Analysts group with the permissions to curate and review."""
    group, _ = Group.objects.get_or_create(name=ANALYSTS_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label="rounds", content_type__model__in=ANALYST_MODELS
    ) | Permission.objects.filter(
        content_type__app_label="ingest", content_type__model__in=ANALYST_INGEST_MODELS
    )
    wanted = set(perms.values_list("pk", flat=True))
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
    return group


@transaction.atomic
def curated_write(
    instance: M,
    *,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    user=None,
    reason: str,
    expected_version: str | None = None,
) -> M:
    """Create or update a curated record and its many-to-many relations in one transaction.

    Fields go through ``curated_update`` (validated, history with ``user`` and ``reason``);
    a change to a many-to-many relation alone still writes a history row, so the reason is
    kept. Raises ``ValidationError`` or ``TrackerError`` (``StaleRecordError`` against a stale
    ``expected_version``) and writes nothing when invalid.
    """
    if instance.pk is None:
        for field, value in data.items():
            setattr(instance, field, value)
        curated_save(instance, user=user, reason=reason)
        saved = True
    else:
        saved = any(getattr(instance, f) != v for f, v in data.items())
        curated_update(
            instance, data=data, user=user, reason=reason, expected_version=expected_version
        )
    m2m_changed = False
    for field, values in (m2m or {}).items():
        m2m_changed |= set_m2m(instance, field, values)
    if m2m_changed and not saved:
        curated_save(instance, user=user, reason=reason, touch=True)
    return instance
