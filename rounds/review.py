"""Analysts' review of suggestions: accept (optionally edited) or reject.

Accepting applies the change through the curated services, so history records the analyst
and a reason naming the suggestion and the article it came from; the article becomes a
citation of the changed record with its supporting sentence.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from rounds.choices import EventStatus, RoundStatus, SuggestionKind, SuggestionStatus
from rounds.exceptions import TrackerError
from rounds.linking import cite_article, place_by_name
from rounds.models import Event, Round, Statement, Suggestion
from rounds.services import curated_save


def _date(payload: dict, *names: str) -> datetime.date | None:
    for name in names:
        value = payload.get(name)
        if value:
            try:
                return datetime.date.fromisoformat(str(value))
            except ValueError as exc:
                raise TrackerError(f"{name}: {value!r} is not a date (YYYY-MM-DD).") from exc
    return None


def _apply(suggestion: Suggestion, payload: dict, *, user, reason: str):
    kind = suggestion.kind
    target = suggestion.target
    if kind == SuggestionKind.NEW_ROUND:
        number = int(payload["number"])
        if Round.objects.filter(number=number).exists():
            raise TrackerError(f"Round {number} already exists; edit it instead.")
        place = place_by_name(payload.get("place"))
        status = payload.get("status") or RoundStatus.SCHEDULED
        return curated_save(
            Round(
                number=number,
                name=payload.get("name") or f"Astana-{number}",
                city=payload.get("city") or (place.name if place else ""),
                place=place,
                start_date=_date(payload, "start", "start_date"),
                end_date=_date(payload, "end", "end_date"),
                status=status,
            ),
            user=user,
            reason=reason,
        )
    if kind in (SuggestionKind.ROUND_DATES, SuggestionKind.EVENT_DATES):
        if target is None:
            raise TrackerError("The record this suggestion changes no longer exists.")
        target.start_date = _date(payload, "start_date", "start")
        target.end_date = _date(payload, "end_date", "end")
        return curated_save(target, user=user, reason=reason)
    if kind == SuggestionKind.ROUND_NEXT_MEETING:
        target.next_meeting_text = payload.get("text", "")[:255]
        target.next_meeting_place = place_by_name(payload.get("place"))
        target.next_meeting_start = _date(payload, "start")
        target.next_meeting_end = _date(payload, "end")
        return curated_save(target, user=user, reason=reason)
    if kind == SuggestionKind.EVENT_STATUS:
        target.status = payload["status"]
        return curated_save(target, user=user, reason=reason)
    if kind == SuggestionKind.NEW_EVENT:
        start = _date(payload, "start", "start_date")
        rnd = Round.objects.filter(number=payload.get("round_number")).first()
        title = payload.get("title") or "Meeting"
        slug = slugify(f"{title}-{start or ''}")[:90] or f"event-{suggestion.pk}"
        if Event.objects.filter(slug=slug).exists():
            slug = f"{slug[:80]}-{suggestion.pk}"
        return curated_save(
            Event(
                slug=slug,
                kind=payload.get("kind", "other"),
                title=title,
                start_date=start,
                end_date=_date(payload, "end", "end_date") or start,
                place=place_by_name(payload.get("place")),
                location_text=payload.get("place") or "",
                status=payload.get("status") or EventStatus.ANNOUNCED,
                round=rnd,
            ),
            user=user,
            reason=reason,
        )
    if kind == SuggestionKind.NEW_STATEMENT:
        rnd = Round.objects.filter(number=payload.get("round_number")).first()
        title = payload.get("title") or "Statement"
        slug = slugify(f"round-{rnd.number if rnd else 'x'}-{title}")[:90]
        if Statement.objects.filter(slug=slug).exists():
            slug = f"{slug[:80]}-{suggestion.pk}"
        return curated_save(
            Statement(
                slug=slug,
                title=title[:500],
                kind=payload.get("kind", "statement"),
                date=_date(payload, "date"),
                round=rnd,
            ),
            user=user,
            reason=reason,
        )
    raise TrackerError(f"Unknown suggestion kind {kind!r}.")


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, user, payload: dict | None = None, note: str = ""):
    """Apply a pending suggestion (with ``payload`` replacing the proposal when edited).

    Returns the created or changed record. Raises ``TrackerError`` when it is not pending or
    cannot apply, and ``ValidationError`` when the result would be invalid; nothing changes then.
    """
    suggestion = (
        Suggestion.objects.select_for_update().select_related("article").get(pk=suggestion.pk)
    )
    if suggestion.status != SuggestionStatus.PENDING:
        raise TrackerError(f"Suggestion {suggestion.pk} was already {suggestion.status}.")
    if payload is not None:
        suggestion.payload = payload
    article = suggestion.article
    reason = f"Accepted suggestion #{suggestion.pk} from article {article.pk} ({article.url})"[:100]
    record = _apply(suggestion, suggestion.payload, user=user, reason=reason)
    cite_article(record=record, article=article, quote=suggestion.quote, user=user, reason=reason)
    ct = ContentType.objects.get_for_model(record)
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note
    suggestion.content_type = ct
    suggestion.object_id = record.pk
    suggestion.save()
    return record


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, user, note: str = "") -> Suggestion:
    """Reject a pending suggestion; the curated data is untouched."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.PENDING:
        raise TrackerError(f"Suggestion {suggestion.pk} was already {suggestion.status}.")
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note
    suggestion.save()
    return suggestion
