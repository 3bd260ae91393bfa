"""Page navigation for the HTML lists that keeps the reader's filters in the URL."""

from django import template
from django.core.paginator import Page
from django.utils.translation import gettext

register = template.Library()

# Pages shown either side of the current one before the list is cut with an ellipsis.
PAGE_WINDOW = 2


def page_query(query, number: int) -> str:
    """``?...`` for page ``number`` of a list, every other parameter of ``query`` kept
    (page 1 has no ``page`` parameter, so the first page has one address)."""
    params = query.copy()
    params.pop("page", None)
    if number > 1:
        params["page"] = str(number)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def page_numbers(page: Page, *, window: int = PAGE_WINDOW) -> list[int | None]:
    """The page numbers to link, ``None`` standing for an elided run: the first and last
    pages and ``window`` pages either side of the current one."""
    last = page.paginator.num_pages
    shown = {1, last, *range(page.number - window, page.number + window + 1)}
    numbers: list[int | None] = []
    for n in sorted(n for n in shown if 1 <= n <= last):
        if numbers and numbers[-1] is not None and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


@register.inclusion_tag("dashboard/includes/pager.html", takes_context=True)
def pager(context, page: Page, label: str | None = None):
    """``{% pager page %}``: previous/next and numbered links (``rel``, ``aria-current``)
    for a ``Page``, keeping the request's query string; nothing for a single page."""
    query = context["request"].GET
    return {
        "page": page,
        "label": label or gettext("Pages"),
        "previous_url": page_query(query, page.previous_page_number())
        if page.has_previous()
        else "",
        "next_url": page_query(query, page.next_page_number()) if page.has_next() else "",
        "links": [
            {"number": n, "url": page_query(query, n) if n else ""} for n in page_numbers(page)
        ],
    }
