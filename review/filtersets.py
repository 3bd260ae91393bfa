"""Filters over ingested articles by the curated records citing them, and over suggestions."""

from __future__ import annotations

import django_filters as filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from astana_site.filtersets import IntegerFilter, SearchFilterSet
from ingest import filtersets as ingest_filtersets
from rounds.choices import SuggestionKind, SuggestionStatus
from rounds.models import Round, Suggestion


class ArticleFilterSet(ingest_filtersets.ArticleFilterSet):
    """Ingestion's article filters plus ``round``: the articles cited on a round."""

    round = IntegerFilter(
        method="filter_round", min_value=1, max_value=32767, label="Number of a round it cites."
    )

    class Meta(ingest_filtersets.ArticleFilterSet.Meta):
        fields = [*ingest_filtersets.ArticleFilterSet.Meta.fields, "round"]

    def filter_round(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        round_pks = Round.objects.filter(number=value).values("pk")
        return queryset.filter(
            citations__content_type=ContentType.objects.get_for_model(Round),
            citations__object_id__in=round_pks,
        ).distinct()


class SuggestionFilterSet(SearchFilterSet):
    search_fields = ["key", "quote"]

    kind = filters.ChoiceFilter(choices=SuggestionKind.choices)
    status = filters.ChoiceFilter(choices=SuggestionStatus.choices)
    article = IntegerFilter(field_name="article_id", min_value=1)
    ordering = filters.OrderingFilter(fields=["created", "kind", "status"])

    class Meta:
        model = Suggestion
        fields = ["kind", "status", "article"]
