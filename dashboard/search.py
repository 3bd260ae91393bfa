"""Full-text search over rounds, statements, events and ingested articles.

On PostgreSQL: ``SearchVector`` / ``SearchQuery`` (web-search syntax, English stemming),
ranked with ``SearchRank`` and excerpted with ``SearchHeadline``. Elsewhere (SQLite): every word
of the query must occur, case-insensitively, in one of the searched fields, and the excerpt is
cut and highlighted in Python. Either way the excerpt is escaped HTML with ``<mark>`` around
the matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat, Replace
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from ingest.models import Article
from rounds.models import Event, Round, Statement

MAX_QUERY_LENGTH = 200
PER_KIND = 20
SNIPPET_CHARS = 240
CONFIG = "english"
# Private-use characters mark matches in PostgreSQL's headline, so its output can be escaped
# as a whole and only these markers turned into <mark>.
_START, _STOP = "\ue000", "\ue001"
_TERM = re.compile(r"[\w'-]+", re.UNICODE)

KINDS = [
    ("rounds", gettext_lazy("Rounds")),
    ("statements", gettext_lazy("Statements and documents")),
    ("events", gettext_lazy("Events")),
    ("articles", gettext_lazy("News articles")),
]


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString
    date: object = None
    meta: str = ""


@dataclass
class SearchResults:
    query: str
    groups: dict[str, list[Hit]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.groups.values())

    def sections(self) -> list[tuple[str, str, list[Hit]]]:
        return [(key, label, self.groups.get(key, [])) for key, label in KINDS]


def terms(query: str) -> list[str]:
    """Words of a query, lowercased, without duplicates (order kept)."""
    seen: dict[str, None] = {}
    for word in _TERM.findall(query.lower()):
        if len(word) > 1:
            seen.setdefault(word, None)
    return list(seen)


def highlight(text: str, words: list[str], *, width: int = SNIPPET_CHARS) -> SafeString:
    """Escaped excerpt of ``text`` around the first matching word, matches in ``<mark>``."""
    text = " ".join((text or "").split())
    if not words:
        return mark_safe(escape(text[:width]))  # noqa: S308 - escaped just now
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    excerpt = text[start : start + width]
    out, pos = [], 0
    for match in pattern.finditer(excerpt):
        out.append(escape(excerpt[pos : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(excerpt[pos:]))
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every part escaped


def _headline_html(raw: str | None) -> SafeString:
    text = escape(raw or "").replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped before the markers became tags


def _round_documents():
    return Subquery(
        Statement.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(titles=StringAgg("title", delimiter=" · "))
        .values("titles"),
        output_field=TextField(),
    )


def _text(*parts):
    """Concatenate text columns and expressions, NULLs as empty strings, as readable text.

    JSON lists lose their brackets and quotes, and slashes become spaces: PostgreSQL's parser
    would otherwise read "detainees/abductees" as one file-path token and never match
    "detainees".
    """
    exprs = []
    for part in parts:
        expr = F(part) if isinstance(part, str) else part
        exprs.extend(
            [Coalesce(Cast(expr, TextField()), Value("", TextField())), Value(" ", TextField())]
        )
    text = Concat(*exprs, output_field=TextField())
    for old, new in (("/", " "), ('", "', " · "), ('["', ""), ('"]', ""), ("[]", "")):
        text = Replace(text, Value(old, TextField()), Value(new, TextField()))
    return text


def _postgres(query: str) -> SearchResults:
    q = SearchQuery(query, search_type="websearch", config=CONFIG)

    def ranked(qs, vector, document):
        headline = SearchHeadline(
            document,
            q,
            config=CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=40,
            min_words=15,
            max_fragments=2,
        )
        return (
            qs.annotate(search=vector, document=document)
            .filter(search=q)
            .annotate(rank=SearchRank(F("search"), q), headline=headline)
            .order_by("-rank")[:PER_KIND]
        )

    round_doc = _text("name", "city", "summary", "outcomes", "next_meeting_text", "documents")
    rounds = ranked(
        Round.objects.annotate(documents=_round_documents()),
        SearchVector(round_doc, config=CONFIG),
        round_doc,
    )
    statement_doc = _text("title", "text", "topics")
    statements = ranked(
        Statement.objects.select_related("round"),
        SearchVector(statement_doc, config=CONFIG),
        statement_doc,
    )
    event_doc = _text("title", "description", "location_text", "details")
    events = ranked(Event.objects.all(), SearchVector(event_doc, config=CONFIG), event_doc)
    article_doc = _text("title", "text")
    articles = ranked(
        Article.objects.only("pk", "title", "url", "published"),
        SearchVector(article_doc, config=CONFIG),
        article_doc,
    )
    return _results(
        query, rounds, statements, events, articles, lambda o, _: _headline_html(o.headline)
    )


def _contains_all(words: list[str], fields: list[str]) -> Q:
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def _fallback(query: str) -> SearchResults:
    words = terms(query)
    if not words:
        return SearchResults(query=query)
    round_fields = ["name", "city", "summary", "outcomes", "next_meeting_text", "statements__title"]
    round_ids = Round.objects.filter(_contains_all(words, round_fields)).values("pk").distinct()
    rounds = Round.objects.filter(pk__in=round_ids).prefetch_related("statements")[:PER_KIND]
    statements = Statement.objects.select_related("round").filter(
        _contains_all(words, ["title", "text", "topics"])
    )[:PER_KIND]
    events = Event.objects.filter(
        _contains_all(words, ["title", "description", "location_text", "details"])
    )[:PER_KIND]
    articles = Article.objects.only("pk", "title", "url", "published", "text").filter(
        _contains_all(words, ["title", "text"])
    )[:PER_KIND]

    def snippet(obj, kind: str) -> SafeString:
        if kind == "rounds":
            parts = [obj.summary, *obj.outcomes, obj.next_meeting_text]
            parts += [s.title for s in obj.statements.all()]
        elif kind == "statements":
            parts = [obj.text, " ".join(map(str, obj.topics or [])), obj.title]
        elif kind == "events":
            parts = [obj.description, obj.title, obj.location_text, str(obj.details or "")]
        else:
            parts = [obj.text, obj.title]
        matching = [p for p in parts if p and any(w in p.lower() for w in words)]
        return highlight(" · ".join(matching or parts[:1]), words)

    return _results(query, rounds, statements, events, articles, snippet)


def _results(query, rounds, statements, events, articles, snippet) -> SearchResults:
    return SearchResults(
        query=query,
        groups={
            "rounds": [
                Hit(
                    title=gettext("Round %(number)s: %(name)s")
                    % {"number": r.number, "name": r.name},
                    url=r.get_absolute_url(),
                    snippet=snippet(r, "rounds"),
                    date=r.start_date,
                    meta=r.city,
                )
                for r in rounds
            ],
            "statements": [
                Hit(
                    title=s.title,
                    url=s.get_absolute_url(),
                    snippet=snippet(s, "statements"),
                    date=s.date,
                    meta=gettext("Round %(number)s") % {"number": s.round.number}
                    if s.round
                    else s.get_kind_display(),
                )
                for s in statements
            ],
            "events": [
                Hit(
                    title=e.title,
                    url=e.get_absolute_url(),
                    snippet=snippet(e, "events"),
                    date=e.start_date,
                    meta=e.get_kind_display(),
                )
                for e in events
            ],
            "articles": [
                Hit(
                    title=a.label,
                    url=a.public_url,
                    snippet=snippet(a, "articles"),
                    date=a.published,
                    meta="news",
                )
                for a in articles
            ],
        },
    )


def search(*, query: str) -> SearchResults:
    """Search everything readers see; an empty or blank query finds nothing."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if not query:
        return SearchResults(query="")
    if connection.vendor == "postgresql":
        return _postgres(query)
    return _fallback(query)
