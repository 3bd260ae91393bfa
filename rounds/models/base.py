"""What every curated record shares: history, uncertainty, citations and a version."""

import datetime
import hashlib
import json
from functools import cache

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import override as translation_override
from simple_history.models import HistoricalRecords

from astana_site.reads import record_from_db, snapshots_wanted
from astana_site.validators import RenderableFieldsMixin


class LoadedValuesMixin:
    """Remembers the values a row had when it was read, so a save can write only the fields
    the caller changed (``rounds.services.curated_save``) and leave the others to whoever
    changed them meanwhile.

    Every read pays for it (a list of 100 records is 100 snapshots), so it is kept cheap: the
    loaded values as they are, and mutable (JSON) values frozen as JSON text, which an
    in-place change of the list or dict cannot reach."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = record_from_db(cls, db, field_names, values)
        if not snapshots_wanted():  # a GET, a page: nothing read now is saved
            instance._read_for_display = True  # and curated_save refuses it
            return instance
        snapshot = dict(zip(field_names, values, strict=True))  # attnames; deferred ones absent
        for attname, value in snapshot.items():
            if isinstance(value, _MUTABLE):
                snapshot[attname] = _Frozen.of(value)
        instance._loaded_values = snapshot
        return instance


_MUTABLE = (dict, list)


class _Frozen(str):
    """A mutable value as it was loaded: its JSON text (sorted keys)."""

    @classmethod
    def of(cls, value) -> "_Frozen":
        try:
            return cls(json.dumps(value, sort_keys=True, cls=DjangoJSONEncoder))
        except (TypeError, ValueError):  # mixed key types, an object JSON cannot hold
            return cls(f"\x00unencodable {id(value)}")  # equal to nothing else: "changed"


def loaded_snapshot(instance: models.Model) -> dict:
    """The concrete field values of ``instance`` as they are now (mutable ones frozen)."""
    values = {}
    for f in instance._meta.concrete_fields:
        if f.attname not in instance.__dict__:
            continue  # deferred: not read, so not changeable by this instance
        value = instance.__dict__[f.attname]
        values[f.attname] = _Frozen.of(value) if isinstance(value, _MUTABLE) else value
    return values


def _differs(current, loaded) -> bool:
    if isinstance(loaded, _Frozen):
        return not isinstance(current, _MUTABLE) or _Frozen.of(current) != loaded
    return current != loaded


def changed_fields(instance: models.Model) -> list[str] | None:
    """Names (attnames) of the concrete fields changed since the row was read or saved, or
    None when the instance was not read from the database (nothing to compare with)."""
    loaded = getattr(instance, "_loaded_values", None)
    if loaded is None:
        return None
    return [
        f.attname
        for f in instance._meta.concrete_fields
        if f.attname in loaded and _differs(instance.__dict__.get(f.attname), loaded[f.attname])
    ]


def record_version(instance: models.Model) -> str:
    """A token that changes whenever any stored field of the record changes: a hash of its
    concrete field values. The API sends it as the ``ETag``; the admin keeps it in the form."""
    values = {
        f.attname: f.value_to_string(instance)
        if not f.is_relation
        else f.value_from_object(instance)
        for f in instance._meta.concrete_fields
    }
    raw = json.dumps([instance._meta.label_lower, values], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class CuratedModel(LoadedValuesMixin, RenderableFieldsMixin, models.Model):
    """A record analysts curate: it keeps who changed it, when and why, and can be cited.

    Its values must render everywhere (:mod:`astana_site.validators`)."""

    uncertain = models.BooleanField(
        default=False, help_text="Sources conflict, are indirect, or a value is inferred."
    )
    uncertain_note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)
    citations = GenericRelation("rounds.Citation")

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):  # noqa: N802 - Django's name, behind get_<field>_display
        """``get_<field>_display()`` from labels translated once per language
        (:func:`choice_labels`): Django's own hashes every lazy label on every call, 0.5 ms
        a record (a search page of 20 events paid 10 ms)."""
        return choice_label(self, field.name)


# A meeting still "scheduled" or "announced" after its dates have passed: nobody recorded it
# as held (or postponed, or cancelled). Derived on reading, never stored.
OVERDUE_LABEL = gettext_noop("Overdue — not confirmed")  # shown through gettext()
PENDING_MEETING_STATUSES = frozenset({"scheduled", "announced"})


def meeting_overdue(
    status: str, start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> bool:
    """Whether a meeting with ``status`` and these dates is overdue on ``today`` (pure): still
    pending though its last day (``end``, else ``start``) is before ``today``."""
    last = end or start
    return status in PENDING_MEETING_STATUSES and last is not None and last < today


def overdue_meetings(queryset: models.QuerySet, today: datetime.date) -> models.QuerySet:
    """The meetings of ``queryset`` (rounds or events) overdue on ``today``: the database form of
    ``meeting_overdue``, for the analysts' queue."""
    return queryset.annotate(overdue_last_day=Coalesce("end_date", "start_date")).filter(
        status__in=PENDING_MEETING_STATUSES, overdue_last_day__lt=today
    )


class MeetingStatusMixin:
    """The status a reader sees for a meeting (a round or an event): its recorded status, or
    "overdue — not confirmed" once its dates have passed without a record of it being held.
    Expects ``status``, ``start_date`` and ``end_date``."""

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        if self.status not in PENDING_MEETING_STATUSES:
            return False  # most meetings: held or cancelled, whatever the day (no clock read)
        return meeting_overdue(
            self.status, self.start_date, self.end_date, today or timezone.localdate()
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def status_label(self) -> str:
        """ "Overdue — not confirmed" when overdue, else the recorded status's label."""
        return self.status_label_among(choice_labels(type(self), "status", get_language()))

    def status_label_among(self, labels: dict[str, str]) -> str:
        """``status_label`` given the labels of the statuses in the active language (a list
        looks them up once: ``get_language`` costs a list of 100 records 0.1 ms)."""
        if self.is_overdue():
            return gettext(OVERDUE_LABEL)
        return labels.get(self.status, self.status)


def choice_label(instance: models.Model, field: str) -> str:
    """What ``get_<field>_display()`` gives, from labels translated once per language."""
    value = getattr(instance, field)
    return choice_labels(type(instance), field, get_language()).get(value, value)


@cache
def choice_labels(model: type[models.Model], field: str, language: str | None) -> dict[str, str]:
    """``model``'s labels of the choices of ``field`` in ``language``, translated once
    (``get_<field>_display`` hashes every lazy label on every call: a list of 100 records paid
    it 100 times)."""
    with translation_override(language):
        return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


class StatusTransitionsMixin:
    """Validates ``status`` changes against ``status_transitions`` (from -> allowed set).

    The status as loaded from the database is remembered, so ``full_clean`` (admin, API,
    services) refuses a move the process does not allow, e.g. a held round back to scheduled.
    """

    status_transitions: dict[str, set[str]] = {}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._loaded_status = self.status  # the next change is judged from what is stored now

    def clean(self) -> None:
        super().clean()
        previous = getattr(self, "_loaded_status", None)
        if previous and previous != self.status:
            allowed = self.status_transitions.get(previous, set())
            if self.status not in allowed:
                name = self._meta.verbose_name
                raise ValidationError(
                    {
                        "status": gettext(
                            "A %(record)s cannot go from %(previous)s to %(status)s; "
                            "allowed: %(allowed)s."
                        )
                        % {
                            "record": name,
                            "previous": previous,
                            "status": self.status,
                            "allowed": ", ".join(sorted(allowed)) or gettext("none"),
                        }
                    }
                )


class AliasesMixin:
    """For records with an ``aliases`` JSON list of ``{"name", "lang"}`` objects."""

    def alias_names(self) -> list[str]:
        return [a["name"] for a in self.aliases if isinstance(a, dict) and a.get("name")]

    def is_called(self, name: str) -> bool:
        """Whether ``name`` is the record's name or one of its aliases (case-insensitive)."""
        wanted = name.casefold()
        return wanted == self.name.casefold() or wanted in {
            a.casefold() for a in self.alias_names()
        }


def history() -> HistoricalRecords:
    """History on a curated model: user, time and change reason for every save and delete."""
    return HistoricalRecords(inherit=False, excluded_fields=["modified"])
