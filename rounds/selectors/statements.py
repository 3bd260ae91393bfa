"""Reads of statements: lists, a statement's page, the comparison choices, the API, and the
comparison of a statement's text with the previous round's statement of the same kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Prefetch,
    QuerySet,
)
from django.utils.translation import gettext

from rounds.comparison import ParagraphComparison, compare_paragraphs
from rounds.models import (
    Citation,
    Statement,
)
from rounds.selectors.base import built_once, with_kept_relations, with_listed_relation
from rounds.selectors.citations import citations_prefetch


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


@built_once
def statement_api_list(
    *, expand: frozenset[str] | None = None, citations_limit: int | None = None
) -> QuerySet[Statement]:
    """Statements with their round and issuers; with ``expand`` (None: everything) their
    text and citations (at most ``citations_limit`` a statement)."""
    everything = expand is None
    expand = expand or frozenset()
    if everything:
        qs = statement_list()
    else:
        # A list shows each statement's round by number and its issuers by slug: read those,
        # not the rounds' and participants' every column (JSON decoded per row).
        qs = with_listed_relation(
            with_kept_relations(Statement.objects.all(), round=("number",)), "issuers", ("slug",)
        )
    if not (everything or "text" in expand):
        qs = qs.defer("text")
    if everything or "citations" in expand:
        qs = qs.prefetch_related(citations_prefetch(citations_limit))
    return qs


def previous_statement(statement: Statement) -> Statement | None:
    """The statement of the same kind from the latest earlier round (by round number), or,
    for a statement of no round, the latest earlier-dated one of the same kind."""
    same_kind = (
        Statement.objects.select_related("round")
        .filter(kind=statement.kind)
        .exclude(pk=statement.pk)
    )
    if statement.round_id is not None:
        return (
            same_kind.filter(round__number__lt=statement.round.number)
            .order_by("-round__number", "-date", "-pk")
            .first()
        )
    if statement.date is not None:
        return same_kind.filter(date__lt=statement.date).order_by("-date", "-pk").first()
    return None


@dataclass(frozen=True)
class StatementComparison:
    """A statement against the previous one of its kind: ``comparison`` is None when there is
    no previous statement or either text is not on record (``note`` says which)."""

    statement: Statement
    previous: Statement | None
    comparison: ParagraphComparison | None
    note: str


def statement_comparison(statement: Statement) -> StatementComparison:
    previous = previous_statement(statement)
    kind = statement.get_kind_display().lower()
    if previous is None:
        note = gettext("No earlier %(kind)s is on record to compare with.") % {"kind": kind}
    elif not (statement.text.strip() and previous.text.strip()):
        note = gettext("The full text of this statement or of the previous one is not on record.")
    else:
        return StatementComparison(
            statement=statement,
            previous=previous,
            comparison=compare_paragraphs(previous.text, statement.text),
            note="",
        )
    return StatementComparison(statement=statement, previous=previous, comparison=None, note=note)
