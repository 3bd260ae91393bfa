"""Date spans in templates, written as on the home page ("29–30 Jan 2018")."""

from django import template

from astana_site.dates import date_span

register = template.Library()


@register.simple_tag
def span(start, end=None) -> str:
    """``{% span event.start_date event.end_date %}``: one day, or a span within a month, year
    or across years; "date unknown" without a start."""
    return date_span(start, end)
