"""Page-number pagination: ``count``, ``next`` and ``previous`` in the body, the same links in
an RFC 8288 ``Link`` header (so CSV, GeoJSON, iCalendar and TimelineJS pages link too)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from astana_site.cache import KeptCount, count_cache_enabled, count_key

# Set on a queryset's query (which its clones copy) by ``few_rows``.
_FEW_ROWS = "tracker_few_rows"


@dataclass(frozen=True)
class _FewRows:
    keys: list | None  # the keys in order, as marked (None: not known)
    shape: tuple  # what of the query decides its rows and their order, when marked
    rows: Callable | None  # keys -> a queryset of those rows in that order, as marked


def _shape(query) -> tuple:
    """What of ``query`` decides which rows it gives and in what order: a filter, an
    ordering, a reversal, a slice, a DISTINCT or a set operation added later changes it.
    The orderings are compared by identity (``_same_shape``): clones share them, and any
    change of ordering makes a new one."""
    return (
        query.order_by,
        query.extra_order_by,
        len(query.where.children),
        query.standard_ordering,
        query.low_mark,
        query.high_mark,
        query.distinct,
        query.distinct_fields,
        query.combinator,
    )


def _same_shape(now: tuple, then: tuple) -> bool:
    return now[0] is then[0] and now[1] is then[1] and now[2:] == then[2:]


def few_rows(queryset, keys: Sequence | None = None, rows: Callable | None = None):
    """Marks ``queryset`` as holding few rows whatever the data's size (search results: at
    most ``ingest.search.CANDIDATES``), so ``FewRowsPaginator`` pages it by its keys.
    ``keys``: its rows' keys in its order, when the caller knows them (a search on an
    unfiltered queryset), with ``rows`` giving the rows of some of those keys in the same
    shape; both stand as long as nothing that decides its rows or their order is added."""
    query = queryset.query
    marker = _FewRows(keys=list(keys) if keys is not None else None, shape=_shape(query), rows=rows)
    setattr(query, _FEW_ROWS, marker)
    return queryset


def _among(queryset, keys: list):
    """``queryset`` restricted to ``keys``. On PostgreSQL a condition the planner does not
    read from an index: ``queryset`` already restricts its key to a list, and with a second
    list on the same key PostgreSQL costs the index scan as both lists' sizes multiplied
    (50 x 1,000) and reads the whole table instead."""
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=keys)
    column = f'"{queryset.model._meta.db_table}"."{queryset.model._meta.pk.column}"'
    among = RawSQL(  # noqa: S611 - the column from the model, the keys a parameter
        f"array_position(%s::bigint[], {column}) IS NOT NULL",
        [[int(k) for k in keys]],
        output_field=BooleanField(),
    )
    return queryset.filter(among)


class FewRowsPaginator(Paginator):
    """Django's paginator, except for a queryset ``few_rows`` marked: it takes the keys of
    all its rows in their order (as marked, or from one narrow query), counts them in Python
    and reads only the page's rows. Sorting a thousand full rows by rank to keep fifty cost
    more than that (and ``COUNT`` a query of its own)."""

    @cached_property
    def _marker(self) -> _FewRows | None:
        return getattr(getattr(self.object_list, "query", None), _FEW_ROWS, None)

    @cached_property
    def _marked_keys_hold(self) -> bool:
        marker = self._marker
        return (
            marker is not None
            and marker.keys is not None
            and _same_shape(_shape(self.object_list.query), marker.shape)
        )

    @cached_property
    def _keys(self) -> list | None:
        if self._marker is None:
            return None
        if self._marked_keys_hold:
            return self._marker.keys
        return list(self.object_list.values_list("pk", flat=True))

    def __init__(self, *args, kept_count: KeptCount | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kept_count = kept_count

    @cached_property
    def count(self) -> int:
        if self._keys is not None:
            return len(self._keys)
        if self.kept_count is None:
            return super().count
        return self.kept_count.count(lambda: Paginator.count.func(self))

    def page(self, number):
        if self._keys is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self._keys[bottom:top]
        if self._marked_keys_hold and self._marker.rows is not None:
            rows = list(self._marker.rows(keys))
        else:
            rows = list(_among(self.object_list, keys))
        return self._get_page(rows, number, self)


def _whole_number(raw: str) -> str:
    return gettext("Expected a whole number of at least 1, got %(value)r.") % {"value": raw}


def _positive_int(raw: str, name: str) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({name: [_whole_number(raw)]}) from None
    if value < 1:
        raise ValidationError({name: [_whole_number(raw)]})
    return value


class StandardPagination(PageNumberPagination):
    """``page`` from 1; ``page_size`` from 1 to 500. A malformed or out-of-range ``page_size``
    and a malformed ``page`` are a 400; a page past the last is a 404."""

    django_paginator_class = FewRowsPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
    last_page_strings = ()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        value = _positive_int(raw, self.page_size_query_param)
        if value > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        gettext("At most %(max)s, got %(value)s.")
                        % {"max": self.max_page_size, "value": value}
                    ]
                }
            )
        return value

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None:
            _positive_int(raw, self.page_query_param)
        self.django_paginator_class = partial(
            FewRowsPaginator, kept_count=getattr(view, "kept_count", None)
        )
        return super().paginate_queryset(queryset, request, view)

    # Parameters that change how a list's rows are shown or paged, not which rows it has.
    PRESENTATION_PARAMETERS = frozenset({"page", "page_size", "format", "expand", "lang"})

    def count_key(self, request) -> str | None:
        """Where a list's count is kept (``astana_site.cache.count_key``), by what it depends
        on: its path, the parameters choosing its rows, and the day (filters on the overdue
        status). None: the count is not kept (``COUNT_CACHE_ENABLED``). A view that keeps it
        (``ConditionalListMixin``) reads it with the data version, as ``view.kept_count``."""
        if not count_cache_enabled():
            return None
        # By name, each name's values in the order given (a filter given twice takes its last).
        choosing = sorted(
            (name, tuple(values))
            for name, values in request.query_params.lists()
            if name not in self.PRESENTATION_PARAMETERS
        )
        return count_key(f"{request.path}\n{choosing!r}\n{timezone.localdate()}")

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(self.page.paginator.count)
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Records per page, 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters
