"""The search page's results: rounds, statements, events and news articles matching a query.

The matching, ranking and excerpts are the one search engine's (``ingest/search.py``, with
``rounds/search.py`` for the curated records and ``ingest.search`` for articles), the same the
API's ``search``/``q`` filter uses. This module only shapes a page: each kind's best
``PER_PAGE`` matches (or one kind, paged), their excerpts computed for those alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_lazy

from ingest.models import Article
from ingest.search import (
    CANDIDATES,
    MAX_QUERY_LENGTH,
    ParsedQuery,
    SearchTimeout,
    article_search_page,
    headlines,
    in_order,
    parse_query,
    search_session,
)
from rounds import search as curated
from rounds.models import Delegation, Event, Round, Statement
from rounds.translations import content_language, shown, translation_columns

PER_PAGE = 20
# The page of every kind ranks each kind's first OVERVIEW_CANDIDATES matches (ten pages of a
# kind) and shows "200+"; a kind's own page (``?kind=``) and the API rank CANDIDATES. Four
# kinds at 1,000 each cost ~70 ms for a word in a third of 100,000 records.
OVERVIEW_CANDIDATES = 200

KINDS = [
    ("rounds", gettext_lazy("Rounds")),
    ("statements", gettext_lazy("Statements and documents")),
    ("events", gettext_lazy("Events")),
    ("articles", gettext_lazy("News articles")),
]
_INDEX_KIND = {"rounds": "round", "statements": "statement", "events": "event"}

__all__ = ["MAX_QUERY_LENGTH", "KINDS", "PER_PAGE", "search"]


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString
    date: object = None
    meta: str = ""


@dataclass
class Section:
    """One kind's hits on this page, how many match (``capped``: at least that many)."""

    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    capped: bool = False
    page: int = 1

    @property
    def has_more(self) -> bool:
        return self.count > self.page * PER_PAGE

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PER_PAGE + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass
class SearchResults:
    query: str
    kind: str = ""
    sections: list[Section] = field(default_factory=list)
    timed_out: bool = False

    @property
    def total(self) -> int:
        return sum(s.count for s in self.sections)

    @property
    def capped(self) -> bool:
        return any(s.capped for s in self.sections)


def _shown(obj, field: str) -> str:
    """``obj``'s ``field`` in the page's language (English where it has no translation)."""
    return shown(obj, field, content_language(get_language())).text


# What each kind's hits read (its title in every language, its excerpt's fields), not every
# column (a round's JSON and texts decoded per row).
_ROUND_FIELDS = (
    "pk", "number", "name", "city", "start_date", "summary", "outcomes", "next_meeting_text",
    *translation_columns(("name", "city")),
)  # fmt: skip
_STATEMENT_FIELDS = (
    "pk", "title", "kind", "date", "text", "topics", "round__number",
    *translation_columns(("title",)),
)  # fmt: skip
_EVENT_FIELDS = (
    "pk", "slug", "title", "kind", "start_date", "description", "location_text", "details",
    *translation_columns(("title",)),
)  # fmt: skip


def _rounds(ids, parsed):
    found = list(in_order(Round.objects.only(*_ROUND_FIELDS), ids))
    # Their heads and documents' titles as plain values (two queries), not as related records.
    heads: dict[int, list[str]] = defaultdict(list)
    titles: dict[int, list[str]] = defaultdict(list)
    for round_id, head in (
        Delegation.objects.filter(round__in=ids)
        .order_by("pk")
        .values_list("round_id", "head_of_delegation")
    ):
        heads[round_id].append(head)
    for round_id, title in (
        Statement.objects.filter(round__in=ids).order_by("pk").values_list("round_id", "title")
    ):
        titles[round_id].append(title)
    snippets = headlines(
        parsed,
        [(curated.round_excerpt_text(r, heads[r.pk], titles[r.pk]), "en") for r in found],
    )
    return [
        Hit(
            title=gettext("Round %(number)s: %(name)s")
            % {"number": r.number, "name": _shown(r, "name")},
            url=r.get_absolute_url(),
            snippet=snippet,
            date=r.start_date,
            meta=_shown(r, "city"),
        )
        for r, snippet in zip(found, snippets, strict=True)
    ]


def _statements(ids, parsed):
    found = list(in_order(Statement.objects.select_related("round").only(*_STATEMENT_FIELDS), ids))
    snippets = headlines(parsed, [(curated.statement_excerpt_text(s), "en") for s in found])
    return [
        Hit(
            title=_shown(s, "title"),
            url=s.get_absolute_url(),
            snippet=snippet,
            date=s.date,
            meta=gettext("Round %(number)s") % {"number": s.round.number}
            if s.round
            else s.get_kind_display(),
        )
        for s, snippet in zip(found, snippets, strict=True)
    ]


def _events(ids, parsed):
    found = list(in_order(Event.objects.only(*_EVENT_FIELDS), ids))
    snippets = headlines(parsed, [(curated.event_excerpt_text(e), "en") for e in found])
    return [
        Hit(
            title=_shown(e, "title"),
            url=e.get_absolute_url(),
            snippet=snippet,
            date=e.start_date,
            meta=e.get_kind_display(),
        )
        for e, snippet in zip(found, snippets, strict=True)
    ]


def _articles(ids, parsed):
    fields = ("pk", "title", "url", "canonical_url", "published", "text", "language", "outlet")
    found = list(in_order(Article.objects.only(*fields), ids))
    snippets = headlines(parsed, [(a.text or a.title, a.language) for a in found])
    return [
        Hit(
            title=a.label,
            url=a.public_url,
            snippet=snippet,
            date=a.published,
            meta=a.outlet or gettext("news"),
        )
        for a, snippet in zip(found, snippets, strict=True)
    ]


_HITS = {"rounds": _rounds, "statements": _statements, "events": _events, "articles": _articles}


def _section(key: str, label: str, parsed: ParsedQuery, page: int, candidates: int) -> Section:
    offset = (page - 1) * PER_PAGE
    if key == "articles":
        found = article_search_page(parsed, limit=PER_PAGE, offset=offset, candidates=candidates)
    else:
        found = curated.search_page(
            _INDEX_KIND[key], parsed, limit=PER_PAGE, offset=offset, candidates=candidates
        )
    hits = _HITS[key](found.ids, parsed) if found.ids else []
    return Section(key, label, hits, count=found.count, capped=found.capped, page=page)


def search(*, query: str, kind: str = "", page: int = 1) -> SearchResults:
    """Search everything readers see; ``kind`` (a key of ``KINDS``) shows that kind alone,
    page ``page``. An empty or blank query finds nothing. The number of queries does not
    depend on how many records match or are shown."""
    parsed = parse_query(query)
    kind = kind if kind in dict(KINDS) else ""
    results = SearchResults(query=parsed.text, kind=kind)
    if not parsed:
        return results
    page = max(1, page) if kind else 1
    try:
        with search_session():  # one statement_timeout for the page's queries
            candidates = CANDIDATES if kind else OVERVIEW_CANDIDATES
            results.sections = [
                _section(key, label, parsed, page, candidates)
                for key, label in KINDS
                if not kind or key == kind
            ]
    except SearchTimeout:
        results.sections, results.timed_out = [], True
    return results
