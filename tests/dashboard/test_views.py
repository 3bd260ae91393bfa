"""Reader pages: each renders its content without JavaScript, and costs a fixed number of
queries however much data there is."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.views.defaults import server_error

from dashboard import selectors
from ingest.models import Article
from rounds.models import Citation, Delegation, Event, Participant, Round, Statement
from tests.factories import EventFactory, RoundFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def _more_data() -> None:
    """Rounds, delegations, statements, events, citations and articles beyond the reference."""
    russia = Participant.objects.get(slug="russia")
    for i in range(3):
        rnd = RoundFactory(outcomes=[f"Outcome {i}"])
        Delegation.objects.create(
            round=rnd, participant=russia, role="guarantor", head_of_delegation=f"Head {i}"
        )
        StatementFactory(round=rnd, text=f"Sentence {i}. Another sentence.")
        EventFactory(round=rnd, kind="summit")
        article = Article.objects.create(
            url=f"https://example.org/{rnd.number}",
            canonical_url=f"https://example.org/{rnd.number}",
            title=f"Talks {rnd.number}",
            published=datetime.date(2030, 1, 12),
        )
        Citation.objects.create(
            content_type=ContentType.objects.get_for_model(Round),
            object_id=rnd.pk,
            url=article.url,
            article=article,
        )


def _statement_pk(slug: str) -> int:
    return Statement.objects.get(slug=slug).pk


def test_home_shows_headline_figures_timeline_data_and_tables(client):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="timeline-figure"' in html and 'data-chart="timeline-figure"' in html
    assert "Rounds held" in html and ">22<" in html
    assert "Syrian National Dialogue Congress" in html
    assert html.count('href="/rounds/') >= 22
    assert "plotly.min.js" in html and "<script>" not in html


def test_home_filters_are_kept_in_the_url_and_shared_with_lists(client):
    response = client.get("/?year=2018&kind=congress")

    html = response.content.decode()
    assert '<option value="2018" selected>' in html
    assert "Syrian National Dialogue Congress" in html
    assert "First trilateral summit" not in html
    assert 'href="/rounds/?year=2018&amp;kind=congress"' in html


def test_round_list_filters_by_year_and_participant(client):
    html = client.get("/rounds/?year=2019").content.decode()

    assert "Round" in html and "/rounds/12/" in html and "/rounds/8/" not in html
    assert "/rounds/13/" in client.get("/rounds/?participant=russia").content.decode()


def test_round_page_shows_delegations_documents_events_and_the_diff(client):
    html = client.get("/rounds/8/").content.decode()

    assert "Bashar al-Jaafari" in html
    assert "release of detainees" in html
    assert "/events/sochi-congress/" in html
    assert "latter half of February 2018" in html
    assert "What changed since the previous round" in html
    assert "documents adopted and the recorded outcomes" in html
    assert '<li class="diff-line diff-insert">' in html
    assert "Sources" in html and "inform.kz" in html


def test_round_page_lists_ingested_articles_that_cite_it(client):
    rnd = Round.objects.get(number=8)
    article = Article.objects.create(
        url="https://example.org/astana-8",
        canonical_url="https://example.org/astana-8",
        title="Guarantors agree on detainees working group",
    )
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Round),
        object_id=rnd.pk,
        url=article.url,
        article=article,
    )

    html = client.get("/rounds/8/").content.decode()

    assert "Guarantors agree on detainees working group" in html
    articles = client.get("/articles/").content.decode()
    assert "Guarantors agree on detainees working group" in articles and "Round 8" in articles


def test_first_round_has_no_previous_round_to_compare(client):
    assert "This is the first round." in client.get("/rounds/1/").content.decode()


def test_unknown_round_is_404(client):
    assert client.get("/rounds/999/").status_code == 404


def test_statement_page_compares_side_by_side_with_another(client):
    this = _statement_pk("round-8-document-1")
    other = _statement_pk("round-7-document-1")

    html = client.get(f"/statements/{this}/?compare={other}").content.decode()

    assert "Compare with another statement" in html
    assert 'class="diff-side"' in html
    assert "Issued by" in html and "Russia" in html


def test_statement_page_shows_full_text_when_present(client):
    statement = StatementFactory(text="First sentence here. Second sentence there.")

    html = client.get(f"/statements/{statement.pk}/").content.decode()

    assert "First sentence here." in html


def test_sochi_congress_page_shows_preparation_final_statement_and_follow_up(client):
    html = client.get("/events/sochi-congress/").content.decode()

    assert "/events/sochi-prep/" in html
    assert "Final statement embracing 12 principles" in html
    assert "/events/cc-announced/" in html and "/events/cc-launch/" in html


def test_event_page_shows_its_parent_chain(client):
    html = client.get("/events/cc-launch/").content.decode()

    assert "/events/cc-announced/" in html and "/events/sochi-congress/" in html


def test_event_list_shows_full_date_spans_like_the_home_page(client):
    events = client.get("/events/").content.decode()
    home = client.get("/").content.decode()

    assert "29–30 Jan 2018" in events  # the Sochi congress, not its start date only
    assert "29–30 Jan 2018" in home


def test_event_list_filters_by_kind(client):
    html = client.get("/events/?kind=geneva_track").content.decode()

    assert "Constitutional Committee" in html and "Cairo agreements" not in html


def test_zones_page_has_map_data_slider_and_a_no_js_date_form(client):
    html = client.get("/zones/?date=2019-06-01").content.decode()

    assert 'id="zones-map-data"' in html and 'type="range"' in html
    assert 'type="date" name="date" value="2019-06-01"' in html
    assert "Status of each zone on" in html and "1 June 2019" in html
    assert "Contested" in html and "Ended" in html


def test_zones_page_ignores_a_bad_date(client):
    assert client.get("/zones/?date=not-a-date").status_code == 200


def test_zone_page_shows_status_history_and_sources(client):
    html = client.get("/zones/idlib/").content.decode()

    assert "Status history" in html and "Operational" in html
    assert "approximate" in html and "Sources" in html


def test_search_finds_round_8_from_detainees_with_highlighting(client):
    html = client.get("/search/?q=detainees").content.decode()

    assert 'href="/rounds/8/"' in html
    assert "<mark>" in html.lower()


def test_search_escapes_what_it_echoes(client):
    html = client.get("/search/?q=<script>alert(1)</script>").content.decode()

    assert "<script>alert(1)</script>" not in html


def test_empty_search_renders_the_form(client):
    assert 'name="q"' in client.get("/search/").content.decode()


def test_articles_page_renders_when_empty(client):
    assert "No article has been ingested yet." in client.get("/articles/").content.decode()


def test_atom_feed_lists_new_records_newest_first(client):
    RoundFactory(number=123, name="Astana-123")

    response = client.get("/feeds/latest.atom")

    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 50
    assert body.index("Round 123: Astana-123") < body.index("</entry>")


def test_icalendar_feed_lists_announced_meetings(client):
    response = client.get("/feeds/meetings.ics")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR")
    assert "UID:round-8-next-meeting@astana-tracker" in body
    assert "event-jwg-tehran@astana-tracker" in body


def test_icalendar_of_the_rounds_lists_every_dated_round_linked_to_its_page(client):
    response = client.get("/feeds/rounds.ics")

    body = response.content.decode().replace("\r\n ", "")
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == Round.objects.exclude(start_date=None).count()
    assert "UID:round-8@astana-tracker" in body
    assert "DTSTART;VALUE=DATE:20171221" in body and "DTEND;VALUE=DATE:20171223" in body
    assert "http://testserver/rounds/8/" in body and "/api/" not in body
    assert "STATUS:CONFIRMED" in body


def test_pages_link_the_feeds(client):
    html = client.get("/rounds/").content.decode()

    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'rel="alternate" type="text/calendar"' in html


def test_pages_have_no_inline_scripts_or_styles(client):
    for url in ["/", "/zones/", "/rounds/8/", "/events/sochi-congress/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html, url


PAGES = [
    "/",
    "/?year=2018&participant=russia",
    "/rounds/",
    "/rounds/8/",
    "/statements/{statement}/",
    "/statements/{statement}/?compare={other}",
    "/events/",
    "/events/sochi-congress/",
    "/zones/",
    "/zones/idlib/",
    "/search/?q=detainees",
    "/articles/",
    "/feeds/latest.atom",
    "/feeds/meetings.ics",
    "/feeds/rounds.ics",
]


@pytest.mark.parametrize("template", PAGES)
def test_page_query_count_does_not_grow_with_data(client, template):
    url = template.format(
        statement=_statement_pk("round-8-document-1"), other=_statement_pk("round-7-document-1")
    )
    _more_data()
    before = _queries(client, url)

    _more_data()
    after = _queries(client, url)

    assert after == before
    assert before <= 15


def test_page_views_stay_within_their_query_budget(client, django_assert_max_num_queries):
    # The home page counts its rounds and events per month first (two grouped queries), so
    # that at scale it reads only the rows its tables show, not the latest thousand.
    with django_assert_max_num_queries(15):
        client.get("/")
    with django_assert_max_num_queries(6):
        client.get("/rounds/")
    # The round, its relations, its neighbours and its citations: counted, the best sources
    # and the newest articles (a bounded page each) instead of every citation prefetched.
    with django_assert_max_num_queries(11):
        client.get("/rounds/8/")
    with django_assert_max_num_queries(4):
        client.get("/zones/")


def test_event_without_dates_does_not_break_the_timeline(client):
    Event.objects.create(slug="undated", kind="other", title="Undated", status="announced")

    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_articles_page_filters_with_the_api_filterset(client):
    for n, lang in ((8, "en"), (9, "ru")):
        url = f"https://news.example.org/{n}"
        article = Article.objects.create(
            url=url, canonical_url=url, title=f"Story about {n}", language=lang
        )
        Citation.objects.create(
            content_type=ContentType.objects.get_for_model(Round),
            object_id=Round.objects.get(number=n).pk,
            url=url,
            article=article,
        )
    page = client.get("/articles/?round=9").content.decode()
    assert "Story about 9" in page and "Story about 8" not in page
    page = client.get("/articles/?language=en").content.decode()
    assert "Story about 8" in page and "Story about 9" not in page
    assert client.get("/articles/?round=abc").status_code == 200  # ignored, not a 500


# --- Walkthrough findings: scheduled rounds, round navigation, small wording fixes ---------


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _headline_meeting(html: str) -> str:
    start = html.index("<dt>Next announced meeting</dt>")
    return html[start : html.index("</div>", start)]


def test_scheduled_round_is_the_next_announced_meeting(client):
    RoundFactory(number=23, name="Astana-23", start_date=_in_days(30), end_date=_in_days(31))

    meeting = _headline_meeting(client.get("/").content.decode())

    assert 'href="/rounds/23/"' in meeting and "None announced" not in meeting


def test_earliest_upcoming_meeting_wins_and_undated_ones_come_last(client):
    RoundFactory(number=23, name="Astana-23", start_date=None, end_date=None)
    EventFactory(slug="far-summit", title="Far summit", start_date=_in_days(90), end_date=None)
    EventFactory(slug="near-summit", title="Near summit", start_date=_in_days(10), end_date=None)
    EventFactory(slug="past-summit", title="Past summit", start_date=_in_days(-10), end_date=None)

    upcoming = [m.uid for m in selectors.announced_meetings()]
    meeting = _headline_meeting(client.get("/").content.decode())

    assert "Near summit" in meeting
    assert upcoming.index("event-near-summit") < upcoming.index("event-far-summit")
    assert upcoming[-1] == "round-23"


def test_undated_scheduled_round_is_next_when_nothing_dated_is_ahead(client):
    RoundFactory(number=23, name="Astana-23", start_date=None, end_date=None, status="postponed")

    meeting = _headline_meeting(client.get("/").content.decode())

    assert 'href="/rounds/23/"' in meeting and "date not announced" in meeting


def test_icalendar_feed_lists_scheduled_rounds(client):
    RoundFactory(number=23, name="Astana-23", start_date=_in_days(30), end_date=_in_days(31))
    RoundFactory(number=24, name="Astana-24", start_date=None, end_date=None)

    body = client.get("/feeds/meetings.ics").content.decode()

    assert "UID:round-23@astana-tracker" in body and "DESCRIPTION:Scheduled" in body
    assert "round-24@" not in body  # a calendar entry needs a date


def test_scheduled_round_page_has_no_comparison_no_empty_table_and_links_both_ways(client):
    RoundFactory(number=23, name="Astana-23", start_date=_in_days(30), end_date=_in_days(31))

    html = client.get("/rounds/23/").content.decode()
    changes = html.split('id="changes"')[1].split("</section>")[0]
    delegations = html[html.index("<h2>Delegations</h2>") : html.index("<h2>Documents</h2>")]
    previous = client.get("/rounds/22/").content.decode()

    assert "diff-delete" not in changes and "dropped" not in changes
    assert "not been held yet" in changes
    assert "None recorded." in delegations and "<table" not in delegations
    back, forward = '<span class="arrow-back"', '<span class="arrow-forward"'
    assert f'href="/rounds/22/" rel="prev">{back} aria-hidden="true">←</span> Round 22</a>' in html
    assert f'href="/rounds/23/" rel="next">Round 23 {forward} aria-hidden="true">→</span></a>' in (
        previous
    )


def test_held_round_without_anything_recorded_explains_why_there_is_no_comparison(client):
    RoundFactory(number=23, name="Astana-23", status="held", outcomes=[])

    changes = client.get("/rounds/23/").content.decode().split('id="changes"')[1]

    assert "diff-line" not in changes.split("</section>")[0]
    assert "Nothing is on record for round 23" in changes


def test_home_heading_spans_the_rounds_held(client):
    assert "The Astana process on Syria, 2017–2024</h1>" in client.get("/").content.decode()

    RoundFactory(number=23, status="held", start_date=datetime.date(2026, 3, 2), end_date=None)

    assert "The Astana process on Syria, 2017–2026</h1>" in client.get("/").content.decode()


def test_event_details_keep_acronyms(client):
    html = client.get("/events/sochi-congress/").content.decode()

    assert "<dt>UN</dt>" in html and "<dt>Un</dt>" not in html
    assert "<dt>Attendance</dt>" in html


def test_announced_place_is_not_repeated(client):
    html = client.get("/rounds/8/").content.decode()
    announced = html[html.index("<dt>Next meeting announced</dt>") :].split("</div>")[0]

    assert announced.count("Astana") == 1
    assert "latter half of February 2018, Astana (window 15 Feb 2018–28 Feb 2018)" in announced


def test_untitled_article_is_named_by_its_host_and_links_its_url(client):
    url = "https://www.example.org/2024/11/12/a-very-long-path-without-any-title-at-all"
    article = Article.objects.create(url=url, canonical_url=url, title="")
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Round),
        object_id=Round.objects.get(number=8).pk,
        url=url,
        article=article,
    )

    for page in ("/articles/", "/rounds/8/"):
        html = client.get(page).content.decode()
        assert f'<a href="{url}" rel="noopener noreferrer external">Untitled (example.org)</a>' in (
            html
        ), page


def test_not_found_page_is_site_styled(client):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "css/site.css" in html
    assert "<style" not in html and " style=" not in html and "<script>" not in html


def test_server_error_page_is_site_styled(rf):
    response = server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "css/site.css" in html
    assert "<style" not in html and " style=" not in html and "<script>" not in html


def test_favicon_ico_redirects_permanently_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_footer_has_no_double_period(client):
    html = client.get("/").content.decode()
    footer = re.sub(r"<[^>]+>", "", html[html.index("<footer") : html.index("</footer>")])

    assert not re.search(r"\.\s*\.", footer), footer
