"""Reads of statements: lists, a statement's page, the comparison choices, the API."""

from django.db.models import (
    Prefetch,
    QuerySet,
)

from rounds.models import (
    Citation,
    Statement,
)


def statement_list() -> QuerySet[Statement]:
    return Statement.objects.select_related("round").prefetch_related("issuers")


def statement_page_queryset() -> QuerySet[Statement]:
    return statement_list().prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("article"))
    )


def statement_choices() -> list[tuple[int, str]]:
    return [
        (pk, f"{date:%Y-%m-%d} · {title[:90]}" if date else title[:90])
        for pk, date, title in Statement.objects.values_list("pk", "date", "title")
    ]


def statement_api_list() -> QuerySet[Statement]:
    return statement_list().prefetch_related("citations")
