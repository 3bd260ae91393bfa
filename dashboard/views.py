"""Reader pages. Thin: parse input, call selectors and figure builders, render.

Every page shows its content as HTML; charts are figure JSON (``json_script``) that
``static/js/charts.js`` draws with the vendored plotly.js.
"""

import datetime
import hashlib

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views.generic import RedirectView

from dashboard import charts, diffs, search, selectors
from rounds import selectors as rounds_selectors
from rounds.models.zones import zone_status_on

# Rows per page of the HTML lists: enough to scan, bounded however many records there are.
ARTICLES_PER_PAGE = 50
ROUNDS_PER_PAGE = 50
EVENTS_PER_PAGE = 100
# Rows of each table under the home page's timeline (the latest rounds, the latest events).
HOME_TABLE_ROWS = 50
# Words in event detail keys shown in capitals ("un" -> "UN", "unsc_resolution" -> ...).
ACRONYMS = {"un", "unsc", "unhcr", "icrc", "us", "uk", "eu", "hnc", "snc", "pyd", "sdf", "ypg"}


def _today() -> datetime.date:
    return timezone.localdate()


def _page(request, items, per_page: int):
    """The page ``?page=N`` of ``items``; 404 for a number that is not a page of the list
    (malformed, zero, or past the last page), as Django's ``ListView`` does: a URL never
    shows other rows than the ones it names."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def _filter_context(request, filters: selectors.DashboardFilters) -> dict:
    return {
        "filters": filters,
        "filter_choices": selectors.filter_choices(),
        "filter_query": request.GET.urlencode(),
    }


def _timeline_params(request):
    """The shared filters of a timeline request: its query without the period and page."""
    params = request.GET.copy()
    for name in ("from", "to", "page"):
        params.pop(name, None)
    return params


def _timeline_figure(
    params, *, start=None, end=None, table_rows: int = 0
) -> tuple[dict, selectors.Timeline, selectors.TimelineCounts | None]:
    """The timeline figure for ``params`` and the period ``start``..``end``; the rounds and
    events read for it; and their counts per month when there are too many to draw one by one
    (else ``None``). Counted first: past the threshold only the latest ``table_rows`` rounds and
    events are read (a page's tables), not the latest thousand."""
    most = charts.timeline.DETAIL_MAX_POINTS
    counts = selectors.timeline_counts(params, start=start, end=end)
    if counts.total > most:
        data = selectors.timeline(
            params, start=start, end=end, latest=table_rows, zones=counts.zones
        )
    else:
        data = selectors.timeline(params, start=start, end=end, latest=most + 1, zones=counts.zones)
        counts = None
    query = params.urlencode()
    detail_url = reverse("dashboard:timeline-json") + (f"?{query}" if query else "")
    figure = charts.timeline_points_figure(
        data, counts, start=start, end=end, today=_today(), detail={"url": detail_url}
    )
    return figure, data, counts


def home(request):
    filters = selectors.DashboardFilters.from_query(request.GET)
    params = _timeline_params(request)
    figure, data, counts = _timeline_figure(params, table_rows=HOME_TABLE_ROWS)
    if counts is None:
        round_total, event_total = len(data.rounds), len(data.events)
    else:
        round_total = sum(n for (lane, _), n in counts.months.items() if lane == charts.ROUNDS_LANE)
        event_total = counts.total - round_total
    return render(
        request,
        "dashboard/home.html",
        {
            "headline": selectors.headline(today=_today()),
            "timeline": data,
            # The tables under the chart: the latest rounds and events (all of them at today's
            # size), the full lists one link away with the same filters.
            "rounds": data.rounds[-HOME_TABLE_ROWS:],
            "events": sorted(data.events, key=lambda e: (e.start, e.slug))[-HOME_TABLE_ROWS:],
            "round_total": round_total,
            "event_total": event_total,
            "figure": {"figure": figure},
            "lanes": selectors.EVENT_LANES,
            **_filter_context(request, filters),
        },
    )


def _day_param(request, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get(name, "")[:10])
    except ValueError:
        return None


def timeline_json_view(request):
    """``/charts/timeline.json?from=&to=&<filters>``: the timeline figure for the period the
    reader zoomed into (a point each, or counts per period past the threshold), for
    ``charts.js``. Conditional: the same request on unchanged records is answered 304."""
    start, end = _day_param(request, "from"), _day_param(request, "to")
    params = _timeline_params(request)
    version = selectors.timeline_version(today=_today())
    key = "|".join([version.token, get_language(), params.urlencode(), str(start), str(end)])
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
    last_modified = version.last_modified.timestamp() if version.last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        figure, _data, counts = _timeline_figure(params, start=start, end=end)
        response = JsonResponse(
            {
                "mode": "detail" if counts is None else "aggregate",
                "from": start and start.isoformat(),
                "to": end and end.isoformat(),
                "figure": figure,
            }
        )
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Stored, but asked again each time: a repeat costs a 304 until a record changes.
    patch_cache_control(response, public=True, no_cache=True)
    return response


def round_list_view(request):
    filters = selectors.DashboardFilters.from_query(request.GET)
    page = _page(request, selectors.filtered_rounds(request.GET), ROUNDS_PER_PAGE)
    return render(
        request,
        "dashboard/round_list.html",
        {"page": page, "rounds": page.object_list, **_filter_context(request, filters)},
    )


def article_label(article) -> str:
    """An article's title, else its text's first line, else "Untitled (host)"; never the
    internal address of a local file."""
    return article.label


def _announced_place(rnd):
    """The announced place, unless the announcement's wording already names it."""
    place = rnd.next_meeting_place
    if place and place.name.casefold() in rnd.next_meeting_text.casefold():
        return None
    return place


def round_detail_view(request, number: int):
    rnd = get_object_or_404(rounds_selectors.round_page_queryset(), number=number)
    previous = rounds_selectors.previous_round(rnd)
    no_comparison = selectors.round_comparison_gap(rnd, previous)
    comparison = None
    if not no_comparison:
        comparison = diffs.compare_rounds(
            older_label=gettext("Round %(number)s") % {"number": previous.number},
            newer_label=gettext("Round %(number)s") % {"number": rnd.number},
            older_statement=rounds_selectors.round_statement_text(previous),
            newer_statement=rounds_selectors.round_statement_text(rnd),
            older_documents=[s.title for s in previous.statements.all()],
            newer_documents=[s.title for s in rnd.statements.all()],
            older_outcomes=list(previous.outcomes or []),
            newer_outcomes=list(rnd.outcomes or []),
        )
    return render(
        request,
        "dashboard/round_detail.html",
        {
            "round": rnd,
            "previous": previous,
            "next": rounds_selectors.next_round(rnd),
            "comparison": comparison,
            "no_comparison": no_comparison,
            "announced_place": _announced_place(rnd),
            "cited": selectors.round_citations(rnd),
        },
    )


def statement_detail_view(request, pk: int):
    statement = get_object_or_404(rounds_selectors.statement_page_queryset(), pk=pk)
    other = None
    compare = request.GET.get("compare", "")
    if compare.isdecimal() and int(compare) != statement.pk:
        other = rounds_selectors.statement_list().filter(pk=int(compare)).first()
    comparison = None
    if other:
        older, newer = sorted([other, statement], key=lambda s: (s.date or datetime.date.min, s.pk))
        comparison = diffs.compare_texts(
            older.text or older.title,
            newer.text or newer.title,
            older_label=older.title,
            newer_label=newer.title,
        )
        if not (older.text and newer.text):
            comparison = diffs.Comparison(
                rows=comparison.rows,
                basis=gettext("titles (no full text is on record for at least one of them)"),
                older_label=comparison.older_label,
                newer_label=comparison.newer_label,
            )
    return render(
        request,
        "dashboard/statement_detail.html",
        {
            "statement": statement,
            "changes": rounds_selectors.statement_comparison(statement),
            "other": other,
            "comparison": comparison,
            "choices": rounds_selectors.statement_choices(),
        },
    )


def event_list_view(request):
    filters = selectors.DashboardFilters.from_query(request.GET)
    page = _page(request, selectors.filtered_events(request.GET), EVENTS_PER_PAGE)
    return render(
        request,
        "dashboard/event_list.html",
        {"page": page, "events": page.object_list, **_filter_context(request, filters)},
    )


def detail_label(key: str) -> str:
    """A details key as a label: "un" -> "UN", "head_of_mission" -> "Head of mission"."""
    words = [w.upper() if w.lower() in ACRONYMS else w for w in key.replace("_", " ").split()]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def event_detail_view(request, slug: str):
    event = get_object_or_404(rounds_selectors.event_page_queryset(), slug=slug)
    details = dict(event.details or {})
    detail_outcomes = details.pop("outcomes", [])
    return render(
        request,
        "dashboard/event_detail.html",
        {
            "event": event,
            "family": rounds_selectors.event_family(event),
            "statements": rounds_selectors.statements_during(event),
            "details": [(detail_label(key), value) for key, value in details.items()],
            "detail_outcomes": detail_outcomes if isinstance(detail_outcomes, list) else [],
        },
    )


ATTENDANCE_FILTERS = ("participant", "year", "round", "role")


def attendance_view(request):
    query = request.GET.copy()
    for name in list(query):
        if name not in ATTENDANCE_FILTERS or not query.get(name):
            query.pop(name)
    return render(
        request,
        "dashboard/attendance.html",
        {
            "attendance": selectors.attendance(query),
            "choices": selectors.attendance_choices(),
            "params": query,
            "query": query.urlencode(),
        },
    )


def _map_day(request) -> datetime.date:
    """The reader's date for the map (``?date=YYYY-MM-DD``), kept within the map's span."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = datetime.date(2018, 6, 1)
    return min(max(day, charts.MAP_START), charts.MAP_END)


def zone_list_view(request):
    day = _map_day(request)
    zones = selectors.map_zones()
    steps = charts.map_steps(zones)
    rows = [
        {
            "zone": z,
            "status": charts.zone_status_label(zone_status_on(z.history, day)),
            "status_key": zone_status_on(z.history, day) or charts.NOT_AGREED,
        }
        for z in zones
    ]
    return render(
        request,
        "dashboard/zone_list.html",
        {
            "day": day,
            "rows": rows,
            "min_date": charts.MAP_START,
            "max_date": charts.MAP_END,
            "map": {
                "figure": charts.zones_map_figure(selectors.map_areas(), zones, day=day),
                "steps": steps,
                "step": charts.step_index(steps, day),
            },
            "step_count": len(steps) - 1,
            "step": charts.step_index(steps, day),
            "legend": [(key, label) for key, label in charts.STATUS_LABELS.items()]
            + [(charts.NOT_AGREED, charts.NOT_AGREED_LABEL)],
        },
    )


def zone_detail_view(request, slug: str):
    zone = get_object_or_404(rounds_selectors.zone_detail_queryset(), slug=slug)
    map_zone = next((z for z in selectors.map_zones() if z.slug == slug), None)
    if map_zone is None:
        raise Http404
    day = _today()
    return render(
        request,
        "dashboard/zone_detail.html",
        {
            "zone": zone,
            "map": {
                "figure": charts.zones_map_figure(
                    selectors.map_areas(), [map_zone], day=min(day, charts.MAP_END), height=420
                )
            },
        },
    )


def search_view(request):
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    results = search.search(
        query=request.GET.get("q", ""), kind=request.GET.get("kind", ""), page=min(page, 10_000)
    )
    return render(
        request,
        "dashboard/search.html",
        {"results": results, "q": results.query, "max_length": search.MAX_QUERY_LENGTH},
    )


ARTICLE_LANGUAGES = [
    ("en", gettext_lazy("English")),
    ("ru", gettext_lazy("Russian")),
    ("tr", gettext_lazy("Turkish")),
    ("ar", gettext_lazy("Arabic")),
]


def article_list_view(request):
    page = _page(request, selectors.filtered_articles(request.GET), ARTICLES_PER_PAGE)
    rounds = selectors.rounds_by_pk(
        c.object_id for a in page.object_list for c in a.round_citations
    )
    rows = [
        {
            "article": a,
            "label": article_label(a),
            "rounds": sorted(
                {rounds[c.object_id] for c in a.round_citations if c.object_id in rounds},
                key=lambda r: r.number,
            ),
        }
        for a in page.object_list
    ]
    return render(
        request,
        "dashboard/article_list.html",
        {"page": page, "rows": rows, "params": request.GET, "languages": ARTICLE_LANGUAGES},
    )


class FaviconRedirectView(RedirectView):
    """``/favicon.ico``, which browsers ask for on every page (the admin's and API docs' too),
    sends them to the site's SVG icon for good."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")
