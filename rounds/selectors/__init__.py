"""Reads of the curated domain (HackSoft's selectors), one module per resource; querysets
fetch what their callers show in a fixed number of queries."""

from rounds.selectors.attendance import (
    attendance_list,
    attendance_sources,
    attendance_sources_of,
)
from rounds.selectors.changes import (
    CHANGE_ACTIONS,
    CHANGE_FEED_TYPES,
    Change,
    ChangePosition,
    change_feed,
)
from rounds.selectors.citations import (
    citation_api_list,
)
from rounds.selectors.events import (
    EventFamily,
    event_api_list,
    event_family,
    event_list,
    event_page_queryset,
    statements_during,
)
from rounds.selectors.participants import (
    guarantor_api_list,
    participant_api_list,
    place_api_list,
)
from rounds.selectors.rounds import (
    next_round,
    previous_round,
    round_api_list,
    round_calendar,
    round_list,
    round_page_queryset,
    round_statement_text,
)
from rounds.selectors.statements import (
    StatementComparison,
    previous_statement,
    statement_api_list,
    statement_choices,
    statement_comparison,
    statement_list,
    statement_page_queryset,
)
from rounds.selectors.zones import (
    zone_api_list,
    zone_detail_queryset,
)

__all__ = [
    "CHANGE_ACTIONS",
    "CHANGE_FEED_TYPES",
    "Change",
    "ChangePosition",
    "attendance_list",
    "attendance_sources",
    "attendance_sources_of",
    "EventFamily",
    "change_feed",
    "citation_api_list",
    "event_api_list",
    "event_family",
    "event_list",
    "event_page_queryset",
    "guarantor_api_list",
    "next_round",
    "participant_api_list",
    "place_api_list",
    "previous_round",
    "round_api_list",
    "round_calendar",
    "round_list",
    "round_page_queryset",
    "round_statement_text",
    "StatementComparison",
    "previous_statement",
    "statement_api_list",
    "statement_comparison",
    "statement_choices",
    "statement_list",
    "statement_page_queryset",
    "statements_during",
    "zone_api_list",
    "zone_detail_queryset",
]
