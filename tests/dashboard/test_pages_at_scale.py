"""Pages that stay small however many records there are: lists paginate with their filters,
a round's page lists a bounded page of its sources, and the home timeline counts per period
past a threshold, its detail coming from a conditional JSON endpoint."""

import datetime
import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

import dashboard.charts.timeline as timeline_charts
from dashboard import selectors, views
from ingest.models import Article
from rounds.models import Citation, Event, Round
from tests.factories import EventFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def _rounds_in(year: int, n: int) -> None:
    for i in range(n):
        day = datetime.date(year, 1 + i % 12, 1 + i % 27)
        RoundFactory(start_date=day, end_date=day)


# --- pagination --------------------------------------------------------------------------------


def test_round_list_page_two_keeps_the_filters_in_every_link(client, monkeypatch):
    monkeypatch.setattr(views, "ROUNDS_PER_PAGE", 5)
    _rounds_in(2031, 12)

    html = _html(client, "/rounds/?year=2031&page=2")

    assert "12 rounds (page 2 of 3), with dates and city as named at the time" in html
    assert len(re.findall(r"<tr><td>\d+</td>", html)) == 5
    assert 'href="?year=2031" rel="prev"' in html
    assert 'href="?year=2031&amp;page=3" rel="next"' in html
    assert re.search(r'href="\?year=2031&amp;page=2" aria-current="page"', html)


def test_first_page_has_one_address_without_a_page_parameter(client, monkeypatch):
    monkeypatch.setattr(views, "EVENTS_PER_PAGE", 5)

    html = _html(client, "/events/?page=2")

    assert 'href="?" rel="prev"' in html
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in html


@pytest.mark.parametrize("page", ["999", "0", "-1", "two"])
def test_a_page_number_outside_the_list_is_not_found(client, page):
    assert client.get(f"/rounds/?page={page}").status_code == 404
    assert client.get(f"/events/?page={page}").status_code == 404
    assert client.get(f"/articles/?page={page}").status_code == 404


def test_a_short_list_has_no_page_navigation(client):
    html = _html(client, "/rounds/?year=2017")

    assert 'class="pager"' not in html


@pytest.mark.parametrize(
    ("url", "setting"),
    [
        ("/rounds/", "ROUNDS_PER_PAGE"),
        ("/events/", "EVENTS_PER_PAGE"),
        ("/articles/", "ARTICLES_PER_PAGE"),
    ],
)
def test_list_query_count_does_not_grow_with_the_page_size(client, monkeypatch, url, setting):
    for n in range(30):
        Article.objects.create(
            url=f"https://news.example.org/{n}",
            canonical_url=f"https://news.example.org/{n}",
            title=f"Story {n}",
        )
    monkeypatch.setattr(views, setting, 3)
    small = _count_queries(client, url)

    monkeypatch.setattr(views, setting, 30)
    large = _count_queries(client, url)

    assert small == large


def test_event_list_does_not_read_participants(client):
    with CaptureQueriesContext(connection) as ctx:
        client.get("/events/")

    assert not any("rounds_event_participants" in q["sql"] for q in ctx.captured_queries)


# --- a round's page ----------------------------------------------------------------------------


def _cite_articles(rnd: Round, n: int, *, first: int = 0) -> None:
    kind = ContentType.objects.get_for_model(Round)
    for i in range(first, first + n):
        article = Article.objects.create(
            url=f"https://news.example.org/r{rnd.number}/{i}",
            canonical_url=f"https://news.example.org/r{rnd.number}/{i}",
            title=f"Report number {i}" if i % 2 else "",
            text=f"First line of untitled report {i}\nThe rest of the report.",
            published=datetime.date(2019, 1, 1) + datetime.timedelta(days=i),
        )
        article.set_raw(b"<html>" + b"x" * 1000 + b"</html>")
        article.save()
        Citation.objects.create(content_type=kind, object_id=rnd.pk, article=article)


def test_round_page_lists_a_bounded_page_of_articles_and_sources(client):
    rnd = Round.objects.get(number=8)
    already = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Round), object_id=rnd.pk
    ).count()
    _cite_articles(rnd, selectors.ROUND_SOURCES_SHOWN + 5)
    total = already + selectors.ROUND_SOURCES_SHOWN + 5

    html = _html(client, "/rounds/8/")

    articles = html.split("Ingested articles that mention it")[1].split(
        '<h2 id="sources">Sources</h2>'
    )[0]
    assert articles.count("<li>") == selectors.ROUND_ARTICLES_SHOWN
    # Newest first, an untitled one labelled by its text's first line.
    assert "First line of untitled report 54" in articles
    assert f'href="/articles/?round=8">All {selectors.ROUND_SOURCES_SHOWN + 5} articles' in articles
    sources = html.split('<h2 id="sources">Sources</h2>')[1]
    assert sources.split("</ul>")[0].count("<li>") == selectors.ROUND_SOURCES_SHOWN
    assert f"{total - selectors.ROUND_SOURCES_SHOWN} more of {total} sources" in sources
    assert 'href="/api/v1/citations/?round=8"' in sources


def test_round_page_never_reads_whole_articles(client):
    _cite_articles(Round.objects.get(number=8), 3)

    with CaptureQueriesContext(connection) as ctx:
        client.get("/rounds/8/")

    article_reads = [q["sql"] for q in ctx.captured_queries if '"ingest_article"' in q["sql"]]
    assert article_reads
    for sql in article_reads:
        assert '"ingest_article"."raw"' not in sql
        # Only the head of the text, for an untitled article's label.
        assert not re.search(r'(?<!\()"ingest_article"\."text"', sql)
        assert '"ingest_article"."extraction"' not in sql


def test_round_page_query_count_does_not_grow_with_its_citations(client):
    rnd = Round.objects.get(number=8)
    _cite_articles(rnd, 2)
    before = _count_queries(client, "/rounds/8/")

    _cite_articles(Round.objects.get(number=8), 60, first=2)

    assert _count_queries(client, "/rounds/8/") == before


# --- the home timeline -------------------------------------------------------------------------


def _figure(html: str) -> dict:
    payload = re.search(
        r'<script id="timeline-figure" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(payload.group(1))["figure"]


def test_home_draws_every_point_at_todays_size(client):
    figure = _figure(_html(client, "/"))

    assert figure["layout"]["meta"]["detail"]["period"] is None
    assert figure["data"][0]["name"] == "Rounds"
    assert len(figure["data"][0]["x"]) == Round.objects.exclude(start_date=None).count()


def test_home_counts_per_period_past_the_threshold(client, monkeypatch):
    monkeypatch.setattr(timeline_charts, "DETAIL_MAX_POINTS", 10)
    monkeypatch.setattr(views, "HOME_TABLE_ROWS", 5)

    html = _html(client, "/")
    figure = _figure(html)

    meta = figure["layout"]["meta"]["detail"]
    assert meta["period"] in ("month", "quarter", "year")
    assert meta["url"] == "/charts/timeline.json"
    rounds = figure["data"][0]
    assert rounds["name"] == "Rounds"
    assert sum(int(c[1].split()[0]) for c in rounds["customdata"]) == (
        Round.objects.exclude(start_date=None).count()
    )
    assert f"{Round.objects.exclude(start_date=None).count()} rounds, the latest 5 listed" in html
    assert '<a href="/rounds/">all rounds</a>' in html


def test_home_filters_go_into_the_detail_address(client, monkeypatch):
    monkeypatch.setattr(timeline_charts, "DETAIL_MAX_POINTS", 3)

    figure = _figure(_html(client, "/?participant=russia&kind=summit"))

    assert figure["layout"]["meta"]["detail"]["url"] == (
        "/charts/timeline.json?participant=russia&kind=summit"
    )


def test_timeline_endpoint_counts_a_wide_range_and_details_a_narrow_one(client, monkeypatch):
    monkeypatch.setattr(timeline_charts, "DETAIL_MAX_POINTS", 10)
    for day in (3, 9, 20):
        EventFactory(kind="summit", start_date=datetime.date(2018, 3, day), end_date=None)

    wide = client.get("/charts/timeline.json").json()
    narrow = client.get("/charts/timeline.json?from=2018-03-01&to=2018-03-31").json()

    assert wide["mode"] == "aggregate"
    assert wide["figure"]["layout"]["meta"]["detail"]["period"] in ("month", "quarter", "year")
    assert narrow["mode"] == "detail"
    assert narrow["from"] == "2018-03-01" and narrow["to"] == "2018-03-31"
    x = [x for trace in narrow["figure"]["data"] if trace["mode"] != "lines" for x in trace["x"]]
    assert x and all("2018-03-01" <= day <= "2018-03-31" for day in x)
    summits = next(t for t in narrow["figure"]["data"] if t["name"] == "Summits and ministers")
    assert len(summits["x"]) >= 3


def test_timeline_endpoint_counts_per_month_for_a_range_too_full_to_draw(client, monkeypatch):
    monkeypatch.setattr(timeline_charts, "DETAIL_MAX_POINTS", 2)
    for day in range(1, 8):
        EventFactory(kind="summit", start_date=datetime.date(2018, 3, day), end_date=None)

    body = client.get("/charts/timeline.json?from=2018-03-01&to=2018-04-30").json()

    assert body["mode"] == "aggregate"
    assert body["figure"]["layout"]["meta"]["detail"]["period"] == "month"


def test_timeline_endpoint_answers_a_repeat_with_304_until_a_record_changes(client):
    first = client.get("/charts/timeline.json?year=2018")
    etag = first["ETag"]

    repeat = client.get("/charts/timeline.json?year=2018", HTTP_IF_NONE_MATCH=etag)
    other = client.get("/charts/timeline.json?year=2019", HTTP_IF_NONE_MATCH=etag)
    since = client.get(
        "/charts/timeline.json?year=2018", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    event = Event.objects.get(slug="sochi-congress")
    event.title = "Congress of the Syrian national dialogue"
    event.save()
    changed = client.get("/charts/timeline.json?year=2018", HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200 and etag.startswith('"')
    assert "no-cache" in first["Cache-Control"]
    assert repeat.status_code == 304 and repeat.content == b""
    assert other.status_code == 200
    assert since.status_code == 304
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_timeline_endpoint_query_count_does_not_grow_with_data(client, monkeypatch):
    monkeypatch.setattr(timeline_charts, "DETAIL_MAX_POINTS", 10)
    before = _count_queries(client, "/charts/timeline.json")

    _rounds_in(2031, 5)
    for i in range(5):
        day = datetime.date(2031, 2, 1 + i)
        EventFactory(kind="summit", start_date=day, end_date=day)

    assert _count_queries(client, "/charts/timeline.json") == before


def test_timeline_endpoint_ignores_a_malformed_range(client):
    body = client.get("/charts/timeline.json?from=yesterday&to=2018-13-45").json()

    assert body["from"] is None and body["to"] is None
