"""What every FilterSet shares: ``search`` (alias ``q``), strict integers and booleans.

Every filter reads plain query parameters, so a filtered view is a shareable URL and a filter
behaves the same on a page and in the API. Nothing here knows about DRF: an invalid value
makes the FilterSet's form invalid, which the API turns into a 400 and a page can show.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

# Longest accepted search string: enough for a phrase, short enough to keep LIKE queries cheap.
SEARCH_MAX_LENGTH = 200


# The largest key a database stores (a signed 64-bit integer): a larger number is a 400, not a
# value SQLite cannot bind (OverflowError, a 500).
BIGINT_MAX = 2**63 - 1


class IntegerFilter(filters.NumberFilter):
    """A whole number (``NumberFilter`` would accept decimals such as ``2017.5``), at most
    ``BIGINT_MAX`` unless the filter says less."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    """``true``/``false`` (or ``1``/``0``); anything else is invalid rather than ignored."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in {"true", "1"}:
            return True
        if text in {"false", "0"}:
            return False
        raise forms.ValidationError(gettext("Expected true or false."), code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


def search_q(fields: list[str], value: str) -> Q:
    """A condition: every whitespace-separated word occurs in at least one of ``fields``."""
    words = value.split()
    if not words:
        return Q()
    return reduce(
        and_, (reduce(or_, (Q(**{f"{field}__icontains": w}) for field in fields)) for w in words)
    )


class SearchFilterSet(filters.FilterSet):
    """Adds ``search`` and its alias ``q`` over the fields named in ``search_fields``."""

    search_fields: list[str] = []

    search = filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label="Full-text search: every word must occur in a text field (case-insensitive).",
    )
    q = filters.CharFilter(
        method="filter_search", max_length=SEARCH_MAX_LENGTH, label="Alias of `search`."
    )

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return self.apply_search(queryset, value)

    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        """Every word in one of ``search_fields``; a FilterSet over records in the full-text
        index overrides this (see ``FullTextSearchFilterSet``)."""
        condition = search_q(self.search_fields, value)
        return queryset.filter(condition).distinct() if condition else queryset


FULL_TEXT_LABEL = (
    "Full-text search, best matches first: case and accents ignored in every script, names "
    "of places and participants in any language (Astana, Нур-Султан, أستانا), a round named "
    "by number ('8', 'Astana-8', 'round 8') first. At most the first 1,000 matches."
)


class FullTextSearchFilterSet(SearchFilterSet):
    """``search``/``q`` through the full-text index: subclasses implement ``apply_search``
    with the search service of their records, which orders the matches best first."""

    search = filters.CharFilter(
        method="filter_search", max_length=SEARCH_MAX_LENGTH, label=FULL_TEXT_LABEL
    )
    q = filters.CharFilter(
        method="filter_search", max_length=SEARCH_MAX_LENGTH, label="Alias of `search`."
    )

    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        raise NotImplementedError
