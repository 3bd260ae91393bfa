"""Analysts' review of suggestions: accept (optionally edited) or reject.

Accepting applies the change through the curated services, so history records the analyst
and a reason naming the suggestion and the article it came from; the article becomes a
citation of the changed record with its supporting sentence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from astana_site.cache import data_changed
from astana_site.dates import parse_iso_date
from astana_site.exceptions import TrackerConflict, TrackerError
from review.linking import cite_article, place_by_name
from rounds.choices import (
    EventKind,
    EventStatus,
    RoundStatus,
    StatementKind,
    SuggestionKind,
    SuggestionStatus,
)
from rounds.models import Event, Round, Statement, Suggestion
from rounds.services import curated_save

# What each kind of suggestion carries: its fields, which are required, and the names older
# proposals or analysts may use for them. Proposals and edits are read through this table, so
# a value of the wrong type is an error the analyst sees, never a crash or a silent default.
INT, TEXT, DATE = "a whole number", "text", "a date (YYYY-MM-DD)"
ROUND_STATUSES, EVENT_STATUSES = list(RoundStatus.values), list(EventStatus.values)


def already_decided(suggestion: Suggestion) -> str:
    return gettext("Suggestion %(id)s was already %(status)s.") % {
        "id": suggestion.pk,
        "status": suggestion.get_status_display().lower(),
    }


@dataclass(frozen=True)
class Field:
    type: str
    required: bool = False
    choices: list[str] | None = None


DATES = {"start_date": Field(DATE, required=True), "end_date": Field(DATE, required=True)}
PAYLOAD_FIELDS: dict[str, dict[str, Field]] = {
    SuggestionKind.NEW_ROUND: {
        "number": Field(INT, required=True),
        "name": Field(TEXT),
        "city": Field(TEXT),
        "place": Field(TEXT),
        "start": Field(DATE),
        "end": Field(DATE),
        "status": Field(TEXT, choices=ROUND_STATUSES),
    },
    SuggestionKind.ROUND_DATES: DATES,
    SuggestionKind.EVENT_DATES: DATES,
    SuggestionKind.ROUND_NEXT_MEETING: {
        "text": Field(TEXT, required=True),
        "place": Field(TEXT),
        "start": Field(DATE),
        "end": Field(DATE),
    },
    SuggestionKind.EVENT_STATUS: {"status": Field(TEXT, required=True, choices=EVENT_STATUSES)},
    SuggestionKind.NEW_EVENT: {
        "kind": Field(TEXT, choices=list(EventKind.values)),
        "title": Field(TEXT),
        "start": Field(DATE, required=True),
        "end": Field(DATE),
        "place": Field(TEXT),
        "status": Field(TEXT, choices=EVENT_STATUSES),
        "round_number": Field(INT),
    },
    SuggestionKind.NEW_STATEMENT: {
        "round_number": Field(INT, required=True),
        "kind": Field(TEXT, choices=list(StatementKind.values)),
        "title": Field(TEXT, required=True),
        "date": Field(DATE),
    },
}
ALIASES = {"start_date": "start", "end_date": "end", "start": "start_date", "end": "end_date"}
# The record's values a suggestion was made against (``Suggestion.current``): if they changed
# since, the suggestion is judged against data nobody showed the analyst.
STALE_CHECKED = {
    SuggestionKind.ROUND_DATES,
    SuggestionKind.EVENT_DATES,
    SuggestionKind.EVENT_STATUS,
}
TARGET_MODEL = {
    SuggestionKind.NEW_ROUND: (Round, "add"),
    SuggestionKind.ROUND_DATES: (Round, "change"),
    SuggestionKind.ROUND_NEXT_MEETING: (Round, "change"),
    SuggestionKind.NEW_EVENT: (Event, "add"),
    SuggestionKind.EVENT_DATES: (Event, "change"),
    SuggestionKind.EVENT_STATUS: (Event, "change"),
    SuggestionKind.NEW_STATEMENT: (Statement, "add"),
}


def suggestion_required_permissions(suggestion: Suggestion) -> list[str]:
    """The permissions accepting ``suggestion`` needs: reviewing it, and adding or changing the
    record it creates or changes. Rejecting needs only the first."""
    perms = ["rounds.change_suggestion"]
    if suggestion.kind in TARGET_MODEL:
        model, action = TARGET_MODEL[suggestion.kind]
        perms.append(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    return perms


def _canonical(fields: dict[str, Field], values: dict) -> dict:
    """``values`` with alias names (``start`` for ``start_date``...) under the kind's own names;
    a value given under its own name wins over one given under an alias."""
    out = {}
    for name, value in values.items():
        alias = ALIASES.get(name)
        if name not in fields and alias in fields:
            if alias not in values:
                out[alias] = value
        else:
            out[name] = value
    return out


def _checked(name: str, field: Field, value):
    """The value converted to its type (dates to ``date``, numbers to ``int``), or None."""
    if value is None or value == "":
        if field.required:
            raise TrackerError(f"{name}: a value is required.")
        return None
    if field.type == INT:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TrackerError(f"{name}: {value!r} is not {INT}.")
        try:
            value = int(value)
        except ValueError as exc:
            raise TrackerError(f"{name}: {value!r} is not {INT}.") from exc
        if value < 1:
            raise TrackerError(f"{name}: {value} must be 1 or more.")
        return value
    if not isinstance(value, str):
        raise TrackerError(f"{name}: {value!r} is not {field.type}.")
    if field.type == DATE:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise TrackerError(f"{name}: {value!r} is not {DATE}.") from exc
    if field.choices is not None and value not in field.choices:
        raise TrackerError(f"{name}: {value!r} is not one of {', '.join(field.choices)}.")
    return value


def suggestion_values(*, kind: str, proposal: dict, edits: dict | None = None) -> dict:
    """The values accepting a suggestion applies: ``edits`` merged over ``proposal``, checked.

    Returns them as JSON (dates as ISO strings), under the kind's own field names. Raises
    ``TrackerError`` naming the field when one is unknown, missing, of the wrong type or not an
    allowed choice.
    """
    if kind not in PAYLOAD_FIELDS:
        raise TrackerError(f"Unknown suggestion kind {kind!r}.")
    for name, values in (("The proposal", proposal), ("The edited values", edits or {})):
        if not isinstance(values, dict):
            raise TrackerError(f"{name} must be an object of field names and values.")
    fields = PAYLOAD_FIELDS[kind]
    merged = {**_canonical(fields, proposal), **_canonical(fields, edits or {})}
    unknown = sorted(set(merged) - set(fields))
    if unknown:
        raise TrackerError(
            f"Unknown field(s) {', '.join(unknown)} for {kind}; allowed: {', '.join(fields)}."
        )
    values = {name: _checked(name, field, merged.get(name)) for name, field in fields.items()}
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in values.items()
        if name in merged
    }


def _date(values: dict, name: str) -> datetime.date | None:
    return parse_iso_date(values.get(name))


def _round(number: int | None) -> Round | None:
    if number is None:
        return None
    rnd = Round.objects.filter(number=number).first()
    if rnd is None:
        raise TrackerError(f"round_number: round {number} does not exist; accept it first.")
    return rnd


def _as_stored(value) -> str | None:
    """A record's value as ``Suggestion.current`` keeps it (older rows wrote "None")."""
    if value is None or value in ("", "None"):
        return None
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _ensure_not_stale(suggestion: Suggestion, target) -> None:
    changed = [
        name
        for name, then in (suggestion.current or {}).items()
        if _as_stored(getattr(target, name, None)) != _as_stored(then)
    ]
    if changed:
        raise TrackerError(
            f"The {target._meta.verbose_name} {target} changed since this suggestion was made "
            f"({', '.join(sorted(changed))}); review it again."
        )


def _locked_target(suggestion: Suggestion):
    """The record the suggestion changes, locked until the review commits."""
    if suggestion.content_type_id is None or suggestion.object_id is None:
        return None
    model = suggestion.content_type.model_class()
    return model.objects.select_for_update().filter(pk=suggestion.object_id).first()


def _apply(suggestion: Suggestion, values: dict, target, *, user, reason: str):
    kind = suggestion.kind
    if kind in TARGET_MODEL and TARGET_MODEL[kind][1] == "change":
        if target is None:
            raise TrackerError("The record this suggestion changes no longer exists.")
        if kind in STALE_CHECKED:
            _ensure_not_stale(suggestion, target)
    if kind == SuggestionKind.NEW_ROUND:
        number = values["number"]
        if Round.objects.filter(number=number).exists():
            raise TrackerConflict(
                gettext("Round %(number)s already exists; edit it instead.") % {"number": number}
            )
        place = place_by_name(values.get("place"))
        return curated_save(
            Round(
                number=number,
                name=values.get("name") or f"Astana-{number}",
                city=values.get("city") or (place.name if place else ""),
                place=place,
                start_date=_date(values, "start"),
                end_date=_date(values, "end"),
                status=values.get("status") or RoundStatus.SCHEDULED,
            ),
            user=user,
            reason=reason,
        )
    if kind in (SuggestionKind.ROUND_DATES, SuggestionKind.EVENT_DATES):
        target.start_date = _date(values, "start_date")
        target.end_date = _date(values, "end_date")
        return curated_save(target, user=user, reason=reason)
    if kind == SuggestionKind.ROUND_NEXT_MEETING:
        target.next_meeting_text = values["text"][:255]
        target.next_meeting_place = place_by_name(values.get("place"))
        target.next_meeting_start = _date(values, "start")
        target.next_meeting_end = _date(values, "end")
        return curated_save(target, user=user, reason=reason)
    if kind == SuggestionKind.EVENT_STATUS:
        target.status = values["status"]
        return curated_save(target, user=user, reason=reason)
    if kind == SuggestionKind.NEW_EVENT:
        start = _date(values, "start")
        title = values.get("title") or "Meeting"
        slug = slugify(f"{title}-{start}")[:90] or f"event-{suggestion.pk}"
        if Event.objects.filter(slug=slug).exists():
            slug = f"{slug[:80]}-{suggestion.pk}"
        return curated_save(
            Event(
                slug=slug,
                kind=values.get("kind") or EventKind.OTHER,
                title=title[:500],
                start_date=start,
                end_date=_date(values, "end") or start,
                place=place_by_name(values.get("place")),
                location_text=values.get("place") or "",
                status=values.get("status") or EventStatus.ANNOUNCED,
                round=_round(values.get("round_number")),
            ),
            user=user,
            reason=reason,
        )
    if kind == SuggestionKind.NEW_STATEMENT:
        rnd = _round(values["round_number"])
        title = values["title"]
        slug = slugify(f"round-{rnd.number}-{title}")[:90]
        if Statement.objects.filter(slug=slug).exists():
            slug = f"{slug[:80]}-{suggestion.pk}"
        return curated_save(
            Statement(
                slug=slug,
                title=title[:500],
                kind=values.get("kind") or StatementKind.STATEMENT,
                date=_date(values, "date"),
                round=rnd,
            ),
            user=user,
            reason=reason,
        )
    raise TrackerError(f"Unknown suggestion kind {kind!r}.")


def _review_reason(verb: str, note: str) -> str:
    return f"{verb}: {note}"[:100] if note else verb


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, user, payload: dict | None = None, note: str = ""):
    """Apply a pending suggestion, with the analyst's edits (``payload``) merged over the proposal.

    The proposal stays in ``payload``; what was applied is kept in ``applied``, and the
    suggestion's history names the analyst. Returns the created or changed record. Raises
    ``TrackerError`` when it is not pending, its values are missing or malformed, or the record
    it changes changed since it was made; ``ValidationError`` when the result would be invalid.
    Nothing changes then. Permissions are the caller's to check
    (:func:`suggestion_required_permissions`).
    """
    data_changed()  # readers' cached pages and lists are stale once this commits
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("article", "content_type")
        .get(pk=suggestion.pk)
    )
    if suggestion.status != SuggestionStatus.PENDING:
        raise TrackerConflict(already_decided(suggestion))
    values = suggestion_values(kind=suggestion.kind, proposal=suggestion.payload, edits=payload)
    target = _locked_target(suggestion)
    article = suggestion.article
    reason = (
        f"Accepted suggestion #{suggestion.pk} from article {article.pk}"
        f" ({article.public_url or 'a local file'})"
    )[:100]
    record = _apply(suggestion, values, target, user=user, reason=reason)
    cite_article(record=record, article=article, quote=suggestion.quote, user=user, reason=reason)
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.applied = values
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note
    suggestion.content_type = ContentType.objects.get_for_model(record)
    suggestion.object_id = record.pk
    suggestion._history_user = user
    suggestion._change_reason = _review_reason("Accepted", note)
    suggestion.save()
    return record


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, user, note: str = "") -> Suggestion:
    """Reject a pending suggestion; the curated data is untouched, its history names the
    analyst and the note."""
    data_changed()  # readers' cached pages and lists are stale once this commits
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.PENDING:
        raise TrackerConflict(already_decided(suggestion))
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note
    suggestion._history_user = user
    suggestion._change_reason = _review_reason("Rejected", note)
    suggestion.save()
    return suggestion
