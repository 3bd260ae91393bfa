"""Reads of participants and places."""

from django.db.models import (
    QuerySet,
)

from rounds.models import (
    Guarantor,
    Participant,
    Place,
)


def participant_api_list() -> QuerySet[Participant]:
    return Participant.objects.prefetch_related("citations")


def guarantor_api_list() -> QuerySet[Guarantor]:
    return Guarantor.objects.prefetch_related("citations")


def place_api_list() -> QuerySet[Place]:
    return (
        Place.objects.select_related("governorate")
        .defer("governorate__geometry")
        .prefetch_related("citations")
    )
