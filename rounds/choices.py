"""Choice lists of the curated domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# Which status a round may move to from each status. A held round is history: it can only be
# corrected by an analyst undoing the change through the history view, not by a transition.
ROUND_STATUS_TRANSITIONS: dict[str, set[str]] = {
    RoundStatus.SCHEDULED: {RoundStatus.HELD, RoundStatus.POSTPONED, RoundStatus.CANCELLED},
    RoundStatus.POSTPONED: {RoundStatus.SCHEDULED, RoundStatus.HELD, RoundStatus.CANCELLED},
    RoundStatus.CANCELLED: {RoundStatus.SCHEDULED},
    RoundStatus.HELD: set(),
}


class EventStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


EVENT_STATUS_TRANSITIONS: dict[str, set[str]] = {
    EventStatus.ANNOUNCED: {EventStatus.HELD, EventStatus.POSTPONED, EventStatus.CANCELLED},
    EventStatus.POSTPONED: {EventStatus.ANNOUNCED, EventStatus.HELD, EventStatus.CANCELLED},
    EventStatus.CANCELLED: {EventStatus.ANNOUNCED},
    EventStatus.HELD: set(),
}


class DelegationRole(models.TextChoices):
    GUARANTOR = "guarantor", _("Guarantor")
    OBSERVER = "observer", _("Observer")
    HOST = "host", _("Host")
    SYRIAN_GOVERNMENT = "syrian_government", _("Syrian government")
    OPPOSITION = "opposition", _("Syrian opposition")
    UN = "un", _("United Nations")


class ParticipantKind(models.TextChoices):
    STATE = "state", _("State")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    SYRIAN_PARTY = "syrian_party", _("Syrian party")


class StatementKind(models.TextChoices):
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    MEMORANDUM = "memorandum", _("Memorandum")
    PROVISION = "provision", _("Provision / regulations")
    FINAL_STATEMENT = "final_statement", _("Final statement")
    STATEMENT = "statement", _("Statement")
    OTHER = "other", _("Other")


class EventKind(models.TextChoices):
    CONGRESS = "congress", _("Congress")
    PREPARATORY_MEETING = "preparatory_meeting", _("Preparatory meeting")
    SUMMIT = "summit", _("Leaders' summit")
    MINISTERIAL = "ministerial", _("Ministerial meeting")
    WORKING_GROUP = "working_group", _("Working group")
    EXPERT_MEETING = "expert_meeting", _("Expert meeting")
    ZONE_AGREEMENT = "zone_agreement", _("De-escalation agreement")
    ZONE_IMPLEMENTATION = "zone_implementation", _("Zone implementation")
    RELATED_AGREEMENT = "related_agreement", _("Related agreement")
    CONFIDENCE_BUILDING = "confidence_building", _("Confidence-building measure")
    GENEVA_TRACK = "geneva_track", _("Geneva track")
    MILITARY = "military", _("Military offensive")
    PROCESS_STATUS = "process_status", _("Process status")
    BACKGROUND = "background", _("Background")
    OTHER = "other", _("Other")


class DatePrecision(models.TextChoices):
    """How exactly a real-world date is known; a window is a start and end bracketing it."""

    DAY = "day", _("Day")
    WINDOW = "window", _("Window (e.g. 'second half of February')")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class ZoneStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    OPERATIONAL = "operational", _("Operational")
    CONTESTED = "contested", _("Contested")
    ENDED = "ended", _("Ended")


class PlaceKind(models.TextChoices):
    CITY = "city", _("City")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")
    VIRTUAL = "virtual", _("Virtual (videoconference)")


class SuggestionKind(models.TextChoices):
    NEW_ROUND = "new_round", _("New round")
    ROUND_DATES = "round_dates", _("Different round dates")
    ROUND_NEXT_MEETING = "round_next_meeting", _("Announced next meeting")
    NEW_EVENT = "new_event", _("New event")
    EVENT_DATES = "event_dates", _("Different event dates")
    EVENT_STATUS = "event_status", _("Event status change")
    NEW_STATEMENT = "new_statement", _("New statement")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn (the article's new reading no longer supports it)")


class SourceTier(models.TextChoices):
    """How far a source can be trusted for a fact, best first."""

    PRIMARY = "primary", _("Primary (official)")
    AGENCY = "agency", _("News agency")
    PRESS = "press", _("Press")
    OTHER = "other", _("Other")


SOURCE_TIER_RANK = {tier: rank for rank, tier in enumerate(SourceTier.values)}
