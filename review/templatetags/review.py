"""The review queue where analysts land: ``{% pending_suggestions as count %}``."""

from django import template

from review.selectors import pending_suggestion_count

register = template.Library()


@register.simple_tag
def pending_suggestions() -> int:
    return pending_suggestion_count()
