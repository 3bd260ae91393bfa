"""One FilterSet per ingestion model, shared by the API and the HTML lists."""

from __future__ import annotations

import django_filters as filters
from django.db.models import QuerySet

from astana_site.filtersets import (
    FullTextSearchFilterSet,
    IntegerFilter,
    SearchFilterSet,
    StrictBooleanFilter,
)
from ingest.choices import ArticleStatus, SourceKind
from ingest.models import Article, Source
from ingest.search import article_search_queryset


class SourceFilterSet(SearchFilterSet):
    search_fields = ["name", "url"]

    kind = filters.ChoiceFilter(choices=SourceKind.choices)
    active = StrictBooleanFilter()
    failing = StrictBooleanFilter(
        method="filter_failing", label="true: sources whose last poll failed."
    )
    ordering = filters.OrderingFilter(fields=["name", "last_success", "failure_count"])

    class Meta:
        model = Source
        fields = ["kind", "active", "failing"]

    def filter_failing(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(failure_count__gt=0) if value else queryset.filter(failure_count=0)


class ArticleFilterSet(FullTextSearchFilterSet):
    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        return article_search_queryset(queryset, value)

    published = filters.DateFromToRangeFilter(
        label="Publication date range: `published_after` and `published_before` (inclusive)."
    )
    year = IntegerFilter(field_name="published__year", min_value=1, max_value=9999)
    language = filters.CharFilter(max_length=8, label="ISO 639-1 code, e.g. ru.")
    status = filters.ChoiceFilter(choices=ArticleStatus.choices)
    ordering = filters.OrderingFilter(fields=["published", "fetched", "title"])

    class Meta:
        model = Article
        fields = ["published", "year", "language", "status"]
