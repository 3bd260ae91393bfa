"""Choice lists of the curated domain."""

from django.db import models


class RoundStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


# Which status a round may move to from each status. A held round is history: it can only be
# corrected by an analyst undoing the change through the history view, not by a transition.
ROUND_STATUS_TRANSITIONS: dict[str, set[str]] = {
    RoundStatus.SCHEDULED: {RoundStatus.HELD, RoundStatus.POSTPONED, RoundStatus.CANCELLED},
    RoundStatus.POSTPONED: {RoundStatus.SCHEDULED, RoundStatus.HELD, RoundStatus.CANCELLED},
    RoundStatus.CANCELLED: {RoundStatus.SCHEDULED},
    RoundStatus.HELD: set(),
}


class EventStatus(models.TextChoices):
    ANNOUNCED = "announced", "Announced"
    HELD = "held", "Held"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


EVENT_STATUS_TRANSITIONS: dict[str, set[str]] = {
    EventStatus.ANNOUNCED: {EventStatus.HELD, EventStatus.POSTPONED, EventStatus.CANCELLED},
    EventStatus.POSTPONED: {EventStatus.ANNOUNCED, EventStatus.HELD, EventStatus.CANCELLED},
    EventStatus.CANCELLED: {EventStatus.ANNOUNCED},
    EventStatus.HELD: set(),
}


class DelegationRole(models.TextChoices):
    GUARANTOR = "guarantor", "Guarantor"
    OBSERVER = "observer", "Observer"
    HOST = "host", "Host"
    SYRIAN_GOVERNMENT = "syrian_government", "Syrian government"
    OPPOSITION = "opposition", "Syrian opposition"
    UN = "un", "United Nations"


class ParticipantKind(models.TextChoices):
    STATE = "state", "State"
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    SYRIAN_PARTY = "syrian_party", "Syrian party"


class StatementKind(models.TextChoices):
    JOINT_STATEMENT = "joint_statement", "Joint statement"
    MEMORANDUM = "memorandum", "Memorandum"
    PROVISION = "provision", "Provision / regulations"
    FINAL_STATEMENT = "final_statement", "Final statement"
    STATEMENT = "statement", "Statement"
    OTHER = "other", "Other"


class EventKind(models.TextChoices):
    CONGRESS = "congress", "Congress"
    PREPARATORY_MEETING = "preparatory_meeting", "Preparatory meeting"
    SUMMIT = "summit", "Leaders' summit"
    MINISTERIAL = "ministerial", "Ministerial meeting"
    WORKING_GROUP = "working_group", "Working group"
    EXPERT_MEETING = "expert_meeting", "Expert meeting"
    ZONE_AGREEMENT = "zone_agreement", "De-escalation agreement"
    ZONE_IMPLEMENTATION = "zone_implementation", "Zone implementation"
    RELATED_AGREEMENT = "related_agreement", "Related agreement"
    CONFIDENCE_BUILDING = "confidence_building", "Confidence-building measure"
    GENEVA_TRACK = "geneva_track", "Geneva track"
    MILITARY = "military", "Military offensive"
    PROCESS_STATUS = "process_status", "Process status"
    BACKGROUND = "background", "Background"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    """How exactly a real-world date is known; a window is a start and end bracketing it."""

    DAY = "day", "Day"
    WINDOW = "window", "Window (e.g. 'second half of February')"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class ZoneStatus(models.TextChoices):
    AGREED = "agreed", "Agreed"
    OPERATIONAL = "operational", "Operational"
    CONTESTED = "contested", "Contested"
    ENDED = "ended", "Ended"


class PlaceKind(models.TextChoices):
    CITY = "city", "City"
    REGION = "region", "Region"
    COUNTRY = "country", "Country"
    VIRTUAL = "virtual", "Virtual (videoconference)"


class SuggestionKind(models.TextChoices):
    NEW_ROUND = "new_round", "New round"
    ROUND_DATES = "round_dates", "Different round dates"
    ROUND_NEXT_MEETING = "round_next_meeting", "Announced next meeting"
    NEW_EVENT = "new_event", "New event"
    EVENT_DATES = "event_dates", "Different event dates"
    EVENT_STATUS = "event_status", "Event status change"
    NEW_STATEMENT = "new_statement", "New statement"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn (the article's new reading no longer supports it)"


class SourceTier(models.TextChoices):
    """How far a source can be trusted for a fact, best first."""

    PRIMARY = "primary", "Primary (official)"
    AGENCY = "agency", "News agency"
    PRESS = "press", "Press"
    OTHER = "other", "Other"


SOURCE_TIER_RANK = {tier: rank for rank, tier in enumerate(SourceTier.values)}
