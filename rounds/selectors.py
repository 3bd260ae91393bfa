"""Reads of the curated domain, shaped for pages, API and charts (queries bounded)."""

from django.db.models import Prefetch, QuerySet

from rounds.models import Delegation, Event, Round, Statement, Zone


def round_list() -> QuerySet[Round]:
    return Round.objects.select_related("place", "next_meeting_place").prefetch_related(
        Prefetch(
            "delegations",
            queryset=Delegation.objects.select_related("participant").order_by(
                "role", "participant__name"
            ),
        )
    )


def round_detail_queryset() -> QuerySet[Round]:
    return round_list().prefetch_related(
        Prefetch("statements", queryset=Statement.objects.prefetch_related("issuers")),
        Prefetch("events", queryset=Event.objects.select_related("place")),
        "citations",
    )


def event_list() -> QuerySet[Event]:
    return Event.objects.select_related("place", "round", "parent").prefetch_related("participants")


def statement_list() -> QuerySet[Statement]:
    return Statement.objects.select_related("round").prefetch_related("issuers")


def zone_list() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related("status_changes", "governorates")
