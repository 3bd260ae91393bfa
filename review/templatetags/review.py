"""The review queue where analysts land: ``{% pending_suggestions as count %}`` and
``{% overdue_meetings as counts %}``."""

from django import template

from review.selectors import overdue_meeting_counts, pending_suggestion_count

register = template.Library()


@register.simple_tag
def pending_suggestions() -> int:
    return pending_suggestion_count()


@register.simple_tag
def overdue_meetings() -> dict[str, int]:
    return overdue_meeting_counts()
