"""One FilterSet per curated model, shared by the API and the HTML list pages.

Every filter reads plain query parameters, so a filtered view is a shareable URL and a filter
behaves the same on a page and in the API. Nothing here knows about DRF: an invalid value
makes the FilterSet's form invalid, which the API turns into a 400 and a page can show.

Common parameters:

- ``search`` (alias ``q``): on rounds, statements and events the full-text index
  (``rounds/search.py``: every word, any spelling of a place, best matches first, a round
  named by number first); on places, participants and zones every word must appear in one of
  the record's names in any language, its aliases or its other text fields, case and accents
  folded in every script (matched in Python: these tables are small); elsewhere every word
  must appear (case-insensitive) in one of the model's text fields, e.g.
  ``search=joint statement``.
- ``ordering``: one of the listed fields, ``-`` for descending, e.g. ``ordering=-start_date``.
- date ranges: ``<field>_after`` and ``<field>_before`` (ISO dates, both inclusive).
- ``year``: the calendar year of the record's main date.
"""

from __future__ import annotations

import django_filters as filters
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, QuerySet, Subquery

from astana_site.filtersets import (
    SEARCH_MAX_LENGTH,
    FullTextSearchFilterSet,
    IntegerFilter,
    SearchFilterSet,
    StrictBooleanFilter,
)
from rounds.choices import (
    DelegationRole,
    EventKind,
    EventStatus,
    ParticipantKind,
    PlaceKind,
    RoundStatus,
    SourceTier,
    StatementKind,
    ZoneStatus,
)
from rounds.models import (
    Citation,
    Delegation,
    Event,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)
from rounds.search import folded_search_queryset, search_queryset
from rounds.selectors.base import ContentTypeId

# The models a citation may point at, by the name the API uses for them.
CITABLE_TYPES = ["round", "participant", "statement", "event", "zone", "place", "governorate"]


NAMES_LABEL = (
    "Every word must occur in the record's names (in English, Russian, Turkish or Arabic), "
    "its aliases or its other text fields, as any part of a word; case and accents ignored in "
    "every script (İdlib, idlib, IDLIB; Россия, россия)."
)


class NamesSearchFilterSet(SearchFilterSet):
    """``search``/``q`` over a small table (places, participants, zones): every word in one of
    ``search_fields`` or their translations, folded in every script
    (``rounds.search.folded_search_queryset``)."""

    search = filters.CharFilter(
        method="filter_search", max_length=SEARCH_MAX_LENGTH, label=NAMES_LABEL
    )
    q = filters.CharFilter(
        method="filter_search", max_length=SEARCH_MAX_LENGTH, label="Alias of `search`."
    )

    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        return folded_search_queryset(queryset, self.search_fields, value)


class RoundFilterSet(FullTextSearchFilterSet):
    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        return search_queryset(queryset, "round", value)

    number = IntegerFilter(min_value=1, max_value=32767, label="The round's number.")
    start_date = filters.DateFromToRangeFilter(
        label="Start date range: `start_date_after` and `start_date_before` (inclusive)."
    )
    year = IntegerFilter(
        field_name="start_date__year", min_value=1, max_value=9999, label="Year the round began."
    )
    city = filters.CharFilter(
        lookup_expr="iexact", max_length=64, label="City as named at the time, e.g. Nur-Sultan."
    )
    status = filters.ChoiceFilter(choices=RoundStatus.choices)
    participant = filters.CharFilter(
        method="filter_participant",
        max_length=64,
        label="Slug of a participant with a delegation at the round (combine with `role`).",
    )
    role = filters.ChoiceFilter(
        choices=DelegationRole.choices,
        method="filter_role",
        label="Role of a delegation at the round; with `participant`, that participant's role.",
    )
    ordering = filters.OrderingFilter(fields=["number", "start_date", "end_date", "city", "name"])

    class Meta:
        model = Round
        fields = ["number", "start_date", "year", "city", "status", "participant", "role"]

    def filter_participant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q(delegations__participant__slug=value)
        role = self.form.cleaned_data.get("role")
        if role:
            condition &= Q(delegations__role=role)
        return queryset.filter(condition).distinct()

    def filter_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if self.form.cleaned_data.get("participant"):
            return queryset  # Applied together with the participant, on the same delegation.
        return queryset.filter(delegations__role=value).distinct()


class DelegationFilterSet(SearchFilterSet):
    """Attendance: a participant's delegation at a round (the ``/attendance/`` page and API)."""

    search_fields = ["participant__name", "participant__short_name", "head_of_delegation", "note"]

    participant = filters.CharFilter(
        field_name="participant__slug", max_length=64, label="Slug of the participant."
    )
    year = IntegerFilter(
        field_name="round__start_date__year",
        min_value=1,
        max_value=9999,
        label="Year the round began.",
    )
    round = IntegerFilter(
        field_name="round__number", min_value=1, max_value=32767, label="Number of the round."
    )
    role = filters.ChoiceFilter(choices=DelegationRole.choices, label="Role at the round.")

    class Meta:
        model = Delegation
        fields = ["participant", "year", "round", "role"]


class ParticipantFilterSet(NamesSearchFilterSet):
    """Also used for guarantors (a filtered view of participants)."""

    search_fields = ["name", "short_name", "slug", "aliases"]

    kind = filters.ChoiceFilter(choices=ParticipantKind.choices)
    is_guarantor = StrictBooleanFilter()
    round = IntegerFilter(
        field_name="delegations__round__number",
        min_value=1,
        max_value=32767,
        distinct=True,
        label="Number of a round the participant attended.",
    )
    role = filters.ChoiceFilter(
        field_name="delegations__role",
        choices=DelegationRole.choices,
        distinct=True,
        label="A role the participant held at some round.",
    )
    ordering = filters.OrderingFilter(fields=["name", "slug", "kind"])

    class Meta:
        model = Participant
        fields = ["kind", "is_guarantor", "round", "role"]


class StatementFilterSet(FullTextSearchFilterSet):
    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        return search_queryset(queryset, "statement", value)

    date = filters.DateFromToRangeFilter(
        label="Date range: `date_after` and `date_before` (inclusive)."
    )
    year = IntegerFilter(field_name="date__year", min_value=1, max_value=9999)
    kind = filters.ChoiceFilter(choices=StatementKind.choices)
    round = IntegerFilter(
        field_name="round__number", min_value=1, max_value=32767, label="Number of the round."
    )
    participant = filters.CharFilter(
        field_name="issuers__slug", max_length=64, distinct=True, label="Slug of an issuer."
    )
    topic = filters.CharFilter(
        method="filter_topic", max_length=64, label="A topic tag the statement carries."
    )
    ordering = filters.OrderingFilter(fields=["date", "slug", "title", "kind"])

    class Meta:
        model = Statement
        fields = ["date", "year", "kind", "round", "participant", "topic"]

    def filter_topic(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # ``topics`` is a JSON list of strings; ``contains`` on JSON is not portable to SQLite,
        # so the text is matched first and the exact membership checked on the few candidates.
        candidates = queryset.filter(topics__icontains=value).values_list("pk", "topics")
        wanted = value.casefold()
        keep = [
            pk
            for pk, topics in candidates
            if isinstance(topics, list)
            and any(isinstance(t, str) and t.casefold() == wanted for t in topics)
        ]
        return queryset.filter(pk__in=keep)


class EventFilterSet(FullTextSearchFilterSet):
    def apply_search(self, queryset: QuerySet, value: str) -> QuerySet:
        return search_queryset(queryset, "event", value)

    start_date = filters.DateFromToRangeFilter(
        label="Start date range: `start_date_after` and `start_date_before` (inclusive)."
    )
    year = IntegerFilter(field_name="start_date__year", min_value=1, max_value=9999)
    kind = filters.MultipleChoiceFilter(
        choices=EventKind.choices, label="Kind of event; repeat to allow several."
    )
    status = filters.ChoiceFilter(choices=EventStatus.choices)
    round = IntegerFilter(
        field_name="round__number",
        min_value=1,
        max_value=32767,
        label="Number of the round that announced or prepared it.",
    )
    participant = filters.CharFilter(
        field_name="participants__slug", max_length=64, distinct=True, label="Participant slug."
    )
    place = filters.CharFilter(field_name="place__slug", max_length=64, label="Place slug.")
    city = filters.CharFilter(
        field_name="place__name", lookup_expr="iexact", max_length=128, label="Place name."
    )
    ordering = filters.OrderingFilter(fields=["start_date", "end_date", "slug", "title", "kind"])

    class Meta:
        model = Event
        fields = ["start_date", "year", "kind", "status", "round", "participant", "place", "city"]


class ZoneFilterSet(NamesSearchFilterSet):
    search_fields = ["name", "short_name", "governorates_text", "slug"]

    status = filters.ChoiceFilter(
        choices=ZoneStatus.choices, method="filter_status", label="The zone's latest status."
    )
    governorate = filters.CharFilter(
        field_name="governorates__pcode",
        max_length=8,
        distinct=True,
        label="OCHA pcode of a governorate the zone covers, e.g. SY07.",
    )
    ordering = filters.OrderingFilter(fields=["number", "slug", "name"])

    class Meta:
        model = Zone
        fields = ["status", "governorate"]

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        latest = ZoneStatusChange.objects.filter(zone=OuterRef("pk")).order_by("-date", "-pk")
        return queryset.annotate(latest_status=Subquery(latest.values("status")[:1])).filter(
            latest_status=value
        )


class PlaceFilterSet(NamesSearchFilterSet):
    search_fields = ["name", "slug", "country", "aliases"]

    kind = filters.ChoiceFilter(choices=PlaceKind.choices)
    country = filters.CharFilter(lookup_expr="iexact", max_length=64)
    governorate = filters.CharFilter(
        field_name="governorate__pcode", max_length=8, label="OCHA pcode, e.g. SY07."
    )
    ordering = filters.OrderingFilter(fields=["name", "slug", "country"])

    class Meta:
        model = Place
        fields = ["kind", "country", "governorate"]


class CitationFilterSet(SearchFilterSet):
    search_fields = ["url", "publisher", "title", "quote"]

    published = filters.DateFromToRangeFilter(
        label="Publication date range: `published_after` and `published_before` (inclusive)."
    )
    year = IntegerFilter(field_name="published__year", min_value=1, max_value=9999)
    publisher = filters.CharFilter(lookup_expr="icontains", max_length=255)
    tier = filters.ChoiceFilter(
        choices=SourceTier.choices,
        label="Reliability tier: primary (official), agency, press or other.",
    )
    type = filters.ChoiceFilter(
        choices=[(t, t) for t in CITABLE_TYPES],
        method="filter_type",
        label="Type of the cited record.",
    )
    object_id = IntegerFilter(
        min_value=1, max_value=2**63 - 1, label="Id of the cited record (with `type`)."
    )
    round = IntegerFilter(
        method="filter_round", min_value=1, max_value=32767, label="Citations of round N."
    )
    ordering = filters.OrderingFilter(fields=["published", "url", "publisher", "id"])

    class Meta:
        model = Citation
        fields = ["published", "year", "publisher", "tier", "type", "object_id", "round"]

    def filter_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(content_type_id=ContentTypeId(apps.get_model("rounds", value)))

    def filter_round(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        ct = ContentType.objects.get_for_model(Round)
        return queryset.filter(
            content_type=ct,
            object_id__in=Round.objects.filter(number=value).values("pk"),
        )
