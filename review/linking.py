"""Link an understood article to curated records and queue what it adds or contradicts.

Input is the article's extraction (see ``ingest.understanding``); output is citations (the
article as a source of a round, event or statement, with the supporting sentence) and
suggestions for analysts. Curated records are never changed here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from astana_site.cache import changes_data
from astana_site.dates import iso_date as _iso
from astana_site.dates import parse_iso_date as _d
from ingest import services as ingest_services
from ingest.models import Article
from ingest.understanding.titles import same_document, title_words
from rounds.choices import SuggestionKind, SuggestionStatus
from rounds.models import Citation, Event, Place, Round, Statement, Suggestion
from rounds.services import curated_delete, curated_save

# How far an extracted date may sit from a curated one and still be the same meeting: news
# often gives the day of a report instead of the meeting's first day.
MATCH_SLACK = datetime.timedelta(days=3)
EVENT_KINDS = {"congress", "preparatory_meeting", "summit", "working_group"}


# Below this confidence (see ``ingest.understanding``: how far the text itself supports a
# claim) an article is never cited on a public record automatically; its claim waits for review.
CITE_MIN_CONFIDENCE = 0.5


@dataclass
class LinkReport:
    citations: int = 0
    suggestions: int = 0
    rounds: list[int] | None = None
    withdrawn_citations: int = 0
    withdrawn_suggestions: int = 0
    # What this reading supports: (content type id, object id) of records cited, and
    # (kind, key) of suggestions proposed. Anything else from the article is withdrawn.
    supported: set = field(default_factory=set)
    proposed: set = field(default_factory=set)


def place_by_name(name: str | None) -> Place | None:
    """The place called ``name`` (its English name or an alias), if any."""
    if not name:
        return None
    return Place.objects.filter(name__iexact=name).first() or next(
        (p for p in Place.objects.all() if p.is_called(name)), None
    )


def _overlaps(start, end, other_start, other_end) -> bool:
    if not (start and other_start):
        return False
    end, other_end = end or start, other_end or other_start
    return start <= other_end + MATCH_SLACK and other_start <= end + MATCH_SLACK


def _within(start, end, curated_start, curated_end) -> bool:
    """Whether the extracted days lie inside the curated span: a report of "the May 4 meeting"
    about a round held on 3-4 May agrees with it; only dates outside it are news."""
    if not curated_start:
        return False
    return curated_start <= start and end <= (curated_end or curated_start)


# The history reason of a citation linking made or gave an article to (how withdrawal tells
# linking's evidence from an analyst's).
LINK_REASON_PREFIX = "Evidence from ingested article"


def cite_article(
    *, record: models.Model, article: Article, quote: str, user=None, reason: str | None = None
) -> bool:
    """Cite ``article`` on ``record`` with the supporting sentence; returns whether it added
    evidence.

    A citation of the same URL that analysts or the reference data already made gains the
    article and, if it had none, the quote: evidence is added, nothing curated is replaced. An
    article whose address a citation cannot hold (a local file given to ``ingest_file`` without
    ``--url``, an address that is not a valid http(s) URL or is too long) is cited through its
    stored article alone. Raises ``ValidationError`` when the citation would be invalid.
    """
    reason = reason or f"{LINK_REASON_PREFIX} {article.pk}"
    ct = ContentType.objects.get_for_model(record)
    url = article.url if _citable_url(article.url) else ""
    cited = Citation.objects.filter(content_type=ct, object_id=record.pk)
    existing = (cited.filter(url=url) if url else cited.filter(article=article)).first()
    if existing is not None:
        if existing.article_id is not None:
            return False
        existing.article = article
        existing.quote = existing.quote or quote
        existing.title = existing.title or article.title[:500]
        existing.published = existing.published or article.published
        existing.language = existing.language or article.language
        curated_save(existing, user=user, reason=reason)
        return True
    try:
        with transaction.atomic():
            curated_save(
                Citation(
                    content_type=ct,
                    object_id=record.pk,
                    url=url,
                    article=article,
                    quote=quote,
                    title=article.title[:500],
                    published=article.published,
                    language=article.language,
                    publisher=(urlsplit(url).hostname or "").removeprefix("www.")[:255],
                ),
                user=user,
                reason=reason,
            )
    except IntegrityError:  # a concurrent run cited it first
        return False
    return True


CITATION_URL_MAX = Citation._meta.get_field("url").max_length
_url_validator = URLValidator(schemes=["http", "https"])


def _citable_url(url: str) -> bool:
    """Whether a citation can hold ``url`` as it is (cutting it would cite another page)."""
    if not url or len(url) > CITATION_URL_MAX:
        return False
    try:
        _url_validator(url)
    except ValidationError:
        return False
    return True


def _cite(record: models.Model, article: Article, quote: str, report: LinkReport) -> None:
    report.supported.add((ContentType.objects.get_for_model(record).pk, record.pk))
    report.citations += int(cite_article(record=record, article=article, quote=quote))


def _suggest(
    article: Article,
    kind: str,
    key: str,
    *,
    target=None,
    payload: dict,
    current: dict | None = None,
    quote: str,
    report: LinkReport,
    confidence: float | None = None,
) -> None:
    report.proposed.add((kind, key[:255]))
    defaults = {
        "payload": payload,
        "current": current or {},
        "quote": quote,
        "confidence": confidence,
    }
    if target is not None:
        defaults["content_type"] = ContentType.objects.get_for_model(target)
        defaults["object_id"] = target.pk
    try:
        with transaction.atomic():
            _, created = Suggestion.objects.get_or_create(
                article=article, kind=kind, key=key[:255], defaults=defaults
            )
    except IntegrityError:
        created = False
    report.suggestions += int(created)


# A span longer than this is a window ("second half of February"), not the meeting's dates.
EXACT_SPAN = datetime.timedelta(days=7)


def _suggest_dates(article, record, kind, key, start, end, quote, report, confidence=None) -> None:
    """Suggest the article's dates for ``record`` when they are exact and fall outside the
    curated span (a day inside it agrees with it)."""
    if not (start and end) or end - start > EXACT_SPAN:
        return
    if _within(start, end, record.start_date, record.end_date):
        return
    _suggest(
        article,
        kind,
        f"{key}:{start}:{end}",
        target=record,
        payload={"start_date": str(start), "end_date": str(end)},
        current={"start_date": _iso(record.start_date), "end_date": _iso(record.end_date)},
        quote=quote,
        report=report,
        confidence=confidence,
    )


def _suggest_next_meeting(article, meeting, number: int, quote: str, report) -> None:
    """An announced round N whose predecessor records no next meeting: suggest recording the
    announcement on round N-1 as well (its "next meeting" window)."""
    previous = Round.objects.filter(number=number - 1).first()
    if previous is None or previous.next_meeting_text or previous.next_meeting_start:
        return
    start, end = meeting.get("start"), meeting.get("end")
    when = f", {start}" + (f" to {end}" if end and end != start else "") if start else ""
    _suggest(
        article,
        SuggestionKind.ROUND_NEXT_MEETING,
        f"round:{previous.number}:next:{start}:{end}",
        target=previous,
        payload={
            "text": f"Round {number}{', ' + meeting['place'] if meeting.get('place') else ''}"
            f"{when}"[:255],
            "place": meeting.get("place"),
            "start": start,
            "end": end,
        },
        current={"text": previous.next_meeting_text, "start": None, "end": None},
        quote=quote,
        report=report,
        confidence=meeting.get("confidence"),
    )


def _agrees(meeting: dict, rnd: Round, start, end) -> bool:
    """Whether the article's claim about ``rnd`` agrees with the curated record, so that the
    article may be cited on its public page: confident enough, dates (if any) within the curated
    span give or take a few days, and the venue (if any) the curated one. A claim that
    contradicts the record waits in the review queue as a suggestion instead."""
    if meeting.get("confidence", 1.0) < CITE_MIN_CONFIDENCE:
        return False
    if start and rnd.start_date and not _overlaps(start, end, rnd.start_date, rnd.end_date):
        return False
    place = place_by_name(meeting.get("place"))
    return not (place and rnd.place_id and place.pk != rnd.place_id)


def _link_round_meeting(article, meeting, report, linked_rounds) -> None:
    number = meeting.get("round_number")
    start, end = _d(meeting.get("start")), _d(meeting.get("end"))
    quote = meeting.get("quote", "")
    rnd = Round.objects.filter(number=number).first() if number else None
    if rnd is None and number is None and start:
        rnd = next(
            (
                r
                for r in Round.objects.filter(start_date__year=start.year)
                if _overlaps(start, end, r.start_date, r.end_date)
            ),
            None,
        )
    if rnd is None:
        if number:
            _suggest(
                article,
                SuggestionKind.NEW_ROUND,
                f"round:{number}",
                payload={
                    "number": number,
                    "start": meeting.get("start"),
                    "end": meeting.get("end"),
                    "place": meeting.get("place"),
                    "status": "held" if meeting.get("status") == "held" else "scheduled",
                },
                quote=quote,
                report=report,
                confidence=meeting.get("confidence"),
            )
            if meeting.get("status") == "announced":
                _suggest_next_meeting(article, meeting, number, quote, report)
        return
    linked_rounds.add(rnd.number)
    if _agrees(meeting, rnd, start, end):
        _cite(rnd, article, quote, report)
    if meeting.get("status") == "held" or rnd.status != "held":
        _suggest_dates(
            article,
            rnd,
            SuggestionKind.ROUND_DATES,
            f"round:{rnd.number}",
            start,
            end,
            quote,
            report,
            meeting.get("confidence"),
        )


def _link_event_meeting(article, meeting, report) -> None:
    start, end = _d(meeting.get("start")), _d(meeting.get("end"))
    place = place_by_name(meeting.get("place"))
    kind = meeting["kind"]
    quote = meeting.get("quote", "")
    candidates = Event.objects.filter(kind=kind)
    if place:
        candidates = candidates.filter(models.Q(place=place) | models.Q(place__isnull=True))
    event = next((e for e in candidates if _overlaps(start, end, e.start_date, e.end_date)), None)
    if event is None and not start:
        return  # nothing to anchor a new event on
    if event is None:
        _suggest(
            article,
            SuggestionKind.NEW_EVENT,
            f"event:{kind}:{start}:{place.slug if place else ''}",
            payload={
                "kind": kind,
                "title": _event_title(kind, place, start),
                "start": meeting.get("start"),
                "end": meeting.get("end"),
                "place": place.name if place else meeting.get("place"),
                "status": "held" if meeting.get("status") == "held" else "announced",
                "round_number": meeting.get("round_number"),
            },
            quote=quote,
            report=report,
            confidence=meeting.get("confidence"),
        )
        return
    if meeting.get("confidence", 1.0) >= CITE_MIN_CONFIDENCE:
        _cite(event, article, quote, report)
    _suggest_dates(
        article,
        event,
        SuggestionKind.EVENT_DATES,
        f"event:{event.slug}",
        start,
        end,
        quote,
        report,
        meeting.get("confidence"),
    )
    if meeting.get("status") == "held" and event.status == "announced":
        _suggest(
            article,
            SuggestionKind.EVENT_STATUS,
            f"event:{event.slug}:held",
            target=event,
            payload={"status": "held"},
            current={"status": event.status},
            quote=quote,
            report=report,
            confidence=meeting.get("confidence"),
        )


def _event_title(kind: str, place: Place | None, start: datetime.date | None) -> str:
    label = {
        "congress": "Congress",
        "preparatory_meeting": "Preparatory meeting",
        "summit": "Guarantors' summit",
        "working_group": "Working group meeting",
    }.get(kind, "Meeting")
    where = f" in {place.name}" if place else ""
    when = f" ({start:%d %b %Y})" if start else ""
    return f"{label}{where}{when}"


def _matching_statement(doc: dict, statements) -> Statement | None:
    """The round's statement the document names: the one whose title shares most words with
    it; of equals, one of the same kind, then the closest title. None when no title is close."""
    words = title_words(doc.get("title", ""))
    candidates = [(s, title_words(s.title)) for s in statements]
    candidates = [(s, title) for s, title in candidates if same_document(words, title)]
    best = max(
        candidates,
        key=lambda c: (
            len(words & c[1]),
            c[0].kind == doc.get("kind"),
            len(words & c[1]) / len(words | c[1]),
        ),
        default=None,
    )
    return best[0] if best else None


def _scripts(text: str) -> set[str]:
    """The writing systems of ``text``'s letters: latin, cyrillic, arabic."""
    found = set()
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0400" <= ch <= "\u04ff":
            found.add("cyrillic")
        elif "\u0600" <= ch <= "\u06ff":
            found.add("arabic")
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
            found.add("latin")
    return found


def _same_kind_in_another_language(doc: dict, statements) -> Statement | None:
    """The statement a document names in another language than the one on record: the round's
    only statement of the document's kind, when their titles share no writing system
    ("совместное заявление" and "Joint statement of Iran, Russia and Turkey"). Titles cannot be
    compared across languages, so a second document of that kind is never proposed for it."""
    same_kind = [s for s in statements if s.kind == doc.get("kind")]
    if len(same_kind) != 1:
        return None
    if _scripts(doc.get("title", "")) & _scripts(same_kind[0].title):
        return None
    return same_kind[0]


def _named_in_another_language(doc: dict, statements) -> bool:
    """Whether the round already has statements of the document's kind, all titled in another
    writing system: then the document is one of them, which titles cannot tell apart, and
    proposing it again would duplicate a record."""
    same_kind = [s for s in statements if s.kind == doc.get("kind")]
    words = _scripts(doc.get("title", ""))
    return bool(same_kind) and not any(words & _scripts(s.title) for s in same_kind)


def _link_documents(article, documents, rounds: set[int], report) -> None:
    if len(rounds) != 1:
        return  # a document can only be placed when the article is about one round
    rnd = Round.objects.get(number=next(iter(rounds)))
    statements = list(rnd.statements.all())
    for doc in documents:
        match = _matching_statement(doc, statements) or _same_kind_in_another_language(
            doc, statements
        )
        if match is not None:
            _cite(match, article, doc.get("quote", ""), report)
        elif not _named_in_another_language(doc, statements):
            _suggest(
                article,
                SuggestionKind.NEW_STATEMENT,
                f"statement:{rnd.number}:{doc['kind']}:{doc.get('title', '')[:150]}",
                target=rnd,
                payload={
                    "round_number": rnd.number,
                    "kind": doc["kind"],
                    "title": doc.get("title", ""),
                    "date": str(rnd.end_date or ""),
                },
                quote=doc.get("quote", ""),
                report=report,
                confidence=doc.get("confidence"),
            )


@changes_data
def article_link(*, article: Article) -> LinkReport:
    """Cite the article on the records it supports and queue suggestions; idempotent.

    Running it again adds nothing (citations and suggestions are unique per article and
    record); an irrelevant article is left alone.
    """
    report = LinkReport(rounds=[])
    extraction = article.extraction or {}
    if not extraction.get("relevant"):
        _withdraw_unsupported(article, report)
        return report
    linked_rounds: set[int] = set()
    for meeting in extraction.get("meetings", []):
        if meeting.get("kind") == "round":
            _link_round_meeting(article, meeting, report, linked_rounds)
        elif meeting.get("kind") in EVENT_KINDS:
            _link_event_meeting(article, meeting, report)
    held_rounds = {
        m["round_number"]
        for m in extraction.get("meetings", [])
        if m.get("kind") == "round" and m.get("status") == "held" and m.get("round_number")
    } & linked_rounds
    _link_documents(article, extraction.get("documents", []), held_rounds or linked_rounds, report)
    report.rounds = sorted(linked_rounds)
    _withdraw_unsupported(article, report)
    ingest_services.article_mark_linked(article=article)
    return report


WITHDRAW_REASON = "Withdrawn: the article's new reading no longer supports it"


@transaction.atomic
def _withdraw_unsupported(article: Article, report: LinkReport) -> None:
    """Withdraw what an earlier reading of ``article`` added and this one no longer supports.

    A citation that linking created for the article is deleted (its history keeps it); a
    citation analysts or the reference data made, which only gained the article as evidence,
    loses the article and keeps everything else. Pending suggestions of the article that this
    reading does not propose are marked withdrawn; reviewed ones are history and stay.
    """
    for citation in Citation.objects.filter(article=article).select_for_update():
        if (citation.content_type_id, citation.object_id) in report.supported:
            continue
        by_linking = [
            row
            for row in citation.history.order_by("history_date", "history_id")
            if row.article_id == article.pk
            and (row.history_change_reason or "").startswith(LINK_REASON_PREFIX)
        ]
        if not by_linking:
            continue  # an analyst cited the article (e.g. accepting a suggestion): theirs
        first = citation.history.order_by("history_date", "history_id").first()
        if first is not None and first.history_id == by_linking[0].history_id:
            curated_delete(citation, reason=WITHDRAW_REASON)
        else:
            citation.article = None
            curated_save(citation, reason=WITHDRAW_REASON)
        report.withdrawn_citations += 1
    stale = [
        s
        for s in Suggestion.objects.filter(article=article, status=SuggestionStatus.PENDING)
        if (s.kind, s.key) not in report.proposed
    ]
    for suggestion in stale:
        suggestion.status = SuggestionStatus.WITHDRAWN
        suggestion.reviewed_at = timezone.now()
        suggestion.review_note = WITHDRAW_REASON
        suggestion._change_reason = WITHDRAW_REASON
        suggestion.save(update_fields=["status", "reviewed_at", "review_note"])
        report.withdrawn_suggestions += 1
