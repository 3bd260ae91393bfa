"""Writes to the curated domain. Every write validates, runs in a transaction and leaves
history naming the user and the reason; admin, API, loader and review all come through here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction

from astana_site.exceptions import TrackerError

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


def _stamp(instance: models.Model, *, user, reason: str) -> None:
    instance._history_user = user
    instance._change_reason = reason


@transaction.atomic
def curated_save(instance: M, *, user=None, reason: str) -> M:
    """Validate and save a curated record, recording ``user`` and ``reason`` in its history.

    Raises ``django.core.exceptions.ValidationError`` when the record is invalid (constraints,
    status transitions); nothing is written then.
    """
    if not reason or not reason.strip():
        raise TrackerError("A change to curated data needs a reason.")
    instance.full_clean()
    _stamp(instance, user=user, reason=reason.strip())
    instance.save()
    return instance


@transaction.atomic
def curated_delete(instance: models.Model, *, user=None, reason: str) -> None:
    """Delete a curated record; its history keeps a deletion row naming user and reason."""
    if not reason or not reason.strip():
        raise TrackerError("Deleting curated data needs a reason.")
    _stamp(instance, user=user, reason=reason.strip())
    instance.delete()


def curated_update(instance: M, *, data: Mapping[str, Any], user=None, reason: str) -> M:
    """Set the given fields and save through ``curated_save``; a no-op change writes nothing.

    Returns the instance. Only concrete non-m2m fields may be given.
    """
    changed = False
    for field, value in data.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    if changed or instance.pk is None:
        curated_save(instance, user=user, reason=reason)
    return instance


def set_m2m(instance: models.Model, field: str, values: Iterable[models.Model]) -> bool:
    """Replace a many-to-many relation only if it differs; returns whether it changed."""
    manager = getattr(instance, field)
    wanted = {v.pk for v in values}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(list(wanted))
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
) -> M:
    """Create or update a curated record and its many-to-many relations in one transaction.

    Fields go through ``curated_update`` (validated, history with ``user`` and ``reason``);
    a change to a many-to-many relation alone still writes a history row, so the reason is
    kept. Raises ``ValidationError`` or ``TrackerError`` and writes nothing when invalid.
    """
    if instance.pk is None:
        for field, value in data.items():
            setattr(instance, field, value)
        curated_save(instance, user=user, reason=reason)
        saved = True
    else:
        saved = any(getattr(instance, f) != v for f, v in data.items())
        curated_update(instance, data=data, user=user, reason=reason)
    m2m_changed = False
    for field, values in (m2m or {}).items():
        m2m_changed |= set_m2m(instance, field, values)
    if m2m_changed and not saved:
        curated_save(instance, user=user, reason=reason)
    return instance
