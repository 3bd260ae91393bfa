"""The pipeline end to end in-process (tasks eager): sources -> articles -> links/suggestions."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from ingest.models import Article, Sighting, Source
from ingest.tasks import article_fetch_task, source_poll_task
from rounds.models import Citation, Round, Suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call ``fn`` and then run what it enqueued after commit, as a real commit would (the
    test itself runs inside a transaction that never commits)."""

    def _run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return _run


def _feed(server, paths):
    items = "".join(
        f"<item><title>Item {i}</title><link>{server.url(p)}</link>"
        f"<guid>{server.url(p)}</guid><pubDate>Fri, 22 Dec 2017 10:00:00 GMT</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{server.url('/')}</link><description>d</description>{items}</channel></rss>"
    )


@pytest.fixture
def news_site(http_server, data_dir):
    html = (data_dir / "articles" / "round8_en.html").read_bytes()
    football = (data_dir / "articles" / "football_en.txt").read_bytes()
    http_server.add("/news/round8", html)
    http_server.add("/sport/derby", football, content_type="text/plain; charset=utf-8")
    http_server.add(
        "/feed.xml",
        _feed(http_server, ["/news/round8", "/sport/derby", "/news/round8?utm_source=rss"]),
        content_type="application/rss+xml",
        etag='"v1"',
    )
    return http_server


def test_polling_a_feed_stores_extracts_and_links_each_article_once(news_site, run):
    # Given a registered feed with a round-8 story, a football story, and a duplicate entry
    source = Source.objects.create(name="Local news", url=news_site.url("/feed.xml"))
    # When it is polled (tasks run in-process)
    run(call_command, "poll_sources", stdout=StringIO(), stderr=StringIO())
    # Then each story is stored once, understood, and the relevant one cited on round 8
    assert Article.objects.count() == 2
    story = Article.objects.get(title__startswith="Guarantors wrap up")
    assert story.status == "linked"
    assert story.extraction["relevant"] is True
    assert 8 in story.extraction["round_numbers"]
    assert Article.objects.get(title__startswith="Astana beat").status == "irrelevant"
    citation = Citation.objects.get(article=story, content_type__model="round")
    assert citation.content_object == Round.objects.get(number=8)
    assert citation.quote and citation.quote in story.text
    source.refresh_from_db()
    assert source.last_success is not None and source.failure_count == 0
    assert source.etag == '"v1"'


def test_polling_again_uses_conditional_get_and_adds_nothing(news_site, run):
    Source.objects.create(name="Local news", url=news_site.url("/feed.xml"))
    run(call_command, "poll_sources", stdout=StringIO(), stderr=StringIO())
    counts = (Article.objects.count(), Citation.objects.count(), Suggestion.objects.count())
    run(call_command, "poll_sources", stdout=StringIO(), stderr=StringIO())
    assert (Article.objects.count(), Citation.objects.count(), Suggestion.objects.count()) == counts
    feed_requests = [r for r in news_site.requests if r.path == "/feed.xml"]
    assert feed_requests[-1].headers.get("If-None-Match") == '"v1"'


def test_fetch_task_runs_twice_with_the_same_result(news_site, run):
    url = news_site.url("/news/round8")
    first = run(article_fetch_task.delay, url).get()
    second = run(article_fetch_task.delay, url).get()
    assert first == second
    assert Article.objects.count() == 1
    assert Sighting.objects.filter(article_id=first).count() == 1


def test_poll_task_runs_twice_with_the_same_result(news_site, run):
    source = Source.objects.create(name="Local news", url=news_site.url("/feed.xml"))
    run(source_poll_task.delay, source.pk)
    before = Article.objects.count()
    source.refresh_from_db()
    source.etag = ""  # force a full re-read of the feed
    source.save()
    run(source_poll_task.delay, source.pk)
    assert Article.objects.count() == before == 2


def test_a_republished_wire_story_is_one_article_with_two_sightings(http_server, data_dir, run):
    html = (data_dir / "articles" / "round8_en.html").read_text()
    http_server.add("/a/story", html)
    http_server.add(
        "/b/story",
        html.replace("Copyright Example News Agency", "Other Outlet, reprinted with permission"),
    )
    first = run(article_fetch_task.delay, http_server.url("/a/story")).get()
    second = run(article_fetch_task.delay, http_server.url("/b/story")).get()
    assert first == second
    assert Sighting.objects.filter(article_id=first).count() == 2


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (
            lambda s: s.add("/feed.xml", b"<rss><channel><item>", content_type="text/xml"),
            "malformed_feed",
        ),
        (lambda s: s.add("/feed.xml", b"not found", status=404), "http_error"),
        (
            lambda s: s.add(
                "/feed.xml", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png"
            ),
            "binary_content",
        ),
        (lambda s: s.redirect("/feed.xml", "/feed.xml"), "redirect_loop"),
        (lambda s: s.redirect("/feed.xml", "http://10.0.0.7/feed.xml"), "ssrf_blocked"),
    ],
    ids=["malformed", "404", "binary", "redirect-loop", "redirect-private"],
)
def test_a_bad_feed_is_recorded_on_the_source_and_loses_nothing(http_server, setup, code, run):
    # Given an article already stored and a source that now answers badly
    Article.objects.create(
        url="https://example.org/old",
        canonical_url="https://example.org/old",
        title="Old",
        text="Kept",
    )
    setup(http_server)
    source = Source.objects.create(name="Broken", url=http_server.url("/feed.xml"))
    # When it is polled
    run(call_command, "poll_sources", stdout=StringIO(), stderr=StringIO())
    # Then the failure is recorded, nothing stored is lost, nothing half-written
    source.refresh_from_db()
    assert source.last_error_code == code
    assert source.failure_count == 1
    assert source.last_success is None
    assert list(Article.objects.values_list("title", flat=True)) == ["Old"]


def test_a_feed_with_an_xml_bomb_is_refused(http_server, data_dir, run):
    http_server.add(
        "/feed.xml",
        (data_dir / "feeds" / "billion_laughs.xml").read_bytes(),
        content_type="application/rss+xml",
    )
    source = Source.objects.create(name="Bomb", url=http_server.url("/feed.xml"))
    run(call_command, "poll_sources", stdout=StringIO(), stderr=StringIO())
    source.refresh_from_db()
    assert source.last_error_code == "xml_bomb"


@override_settings(INGEST_FETCH_TIMEOUT=0.5)
def test_a_timeout_is_transient_and_recorded(http_server, run):
    http_server.add("/feed.xml", b"<rss/>", delay=3, content_type="application/rss+xml")
    source = Source.objects.create(name="Slow", url=http_server.url("/feed.xml"))
    run(call_command, "poll_sources", stdout=StringIO(), stderr=StringIO())
    source.refresh_from_db()
    assert source.last_error_code == "timeout"
    assert source.failure_count >= 1


def test_a_server_error_is_recorded_and_the_task_asks_for_a_retry(http_server):
    from celery.exceptions import Retry

    http_server.add("/feed.xml", b"oops", status=500)
    source = Source.objects.create(name="Down", url=http_server.url("/feed.xml"))
    # Run in-process, the retry request surfaces as Retry; a worker would back off and retry.
    with pytest.raises(Retry):
        source_poll_task.delay(source.pk)
    source.refresh_from_db()
    assert source.last_error_code == "http_error"
    assert source.failure_count == 1


@pytest.mark.parametrize(
    ("route", "code"),
    [
        (lambda s: s.add("/page", "<html><body><nav>Home</nav></body></html>"), "no_article"),
        (lambda s: s.stream("/page", total_bytes=50_000_000), "too_large"),
        (
            lambda s: s.add(
                "/page", b"PK\x03\x04" + b"\0" * 500, content_type="application/octet-stream"
            ),
            "binary_content",
        ),
    ],
    ids=["no-article", "50MB", "binary"],
)
def test_a_bad_page_ends_in_a_clean_failure_and_no_article(http_server, route, code, run):
    from ingest import services
    from ingest.errors import IngestError

    route(http_server)
    with pytest.raises(IngestError) as err:
        services.article_ingest_url(url=http_server.url("/page"))
    assert err.value.code == code
    assert Article.objects.count() == 0
    # and the task swallows the permanent failure instead of crashing the worker
    assert run(article_fetch_task.delay, http_server.url("/page")).get() is None


def test_a_page_in_a_wrong_charset_is_still_readable(http_server, data_dir, run):
    text = (data_dir / "articles" / "round8_ru.txt").read_text()
    html = (
        "<html><head><title>Раунд</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        + "</article></body></html>"
    )
    http_server.add("/ru", html.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    article_id = run(article_fetch_task.delay, http_server.url("/ru")).get()
    article = Article.objects.get(pk=article_id)
    assert "Восьмой раунд" in article.text
    assert article.language == "ru"


def test_ingest_file_prints_one_json_line_per_article(data_dir):
    out = StringIO()
    call_command(
        "ingest_file",
        str(data_dir / "articles" / "round8_en.html"),
        str(data_dir / "articles" / "round23_en.txt"),
        "--published",
        "2017-12-22",
        stdout=out,
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 2
    assert all(isinstance(line["id"], int) for line in lines)
    assert Article.objects.filter(pk__in=[line["id"] for line in lines]).count() == 2


def test_ingest_file_with_a_bad_date_is_a_clear_error(data_dir):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "ingest_file",
            str(data_dir / "articles" / "round23_en.txt"),
            "--published",
            "2017-13-45",
        )
    assert Article.objects.count() == 0


def test_ingest_url_runs_the_pipeline(news_site):
    out = StringIO()
    call_command("ingest_url", news_site.url("/news/round8"), stdout=out)
    line = json.loads(out.getvalue())
    assert Article.objects.get(pk=line["id"]).status == "linked"


def test_reprocess_articles_reruns_understanding(news_site, run):
    article_id = run(article_fetch_task.delay, news_site.url("/news/round8")).get()
    Article.objects.filter(pk=article_id).update(extraction={"relevant": False}, pipeline_version=0)
    out = StringIO()
    call_command("reprocess_articles", "--stale", stdout=out, stderr=StringIO())
    article = Article.objects.get(pk=article_id)
    assert article.extraction["relevant"] is True
    assert "reprocessed 1 article(s)" in out.getvalue()


def test_a_poll_that_dies_before_handing_on_its_entries_is_repeated_in_full(
    news_site, run, monkeypatch
):
    # Given a poll that dies after fetching the feed, before handing on its entries
    source = Source.objects.create(name="Local news", url=news_site.url("/feed.xml"))
    real_delay = article_fetch_task.delay

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(article_fetch_task, "delay", broker_down)
    with pytest.raises(ConnectionError):
        run(source_poll_task.delay, source.pk)
    source.refresh_from_db()
    # Then no validators were kept, so the next poll is not answered with 304
    assert source.etag == "" and Article.objects.count() == 0
    monkeypatch.setattr(article_fetch_task, "delay", real_delay)
    run(source_poll_task.delay, source.pk)
    assert Article.objects.count() == 2
    source.refresh_from_db()
    assert source.etag == '"v1"'


def test_an_entry_with_an_unusable_link_does_not_block_the_feed(http_server, data_dir, run):
    http_server.add("/news/round8", (data_dir / "articles" / "round8_en.html").read_bytes())
    items = (
        f"<item><title>ok</title><link>{http_server.url('/news/round8')}</link></item>"
        "<item><title>bad</title><link>http://example.com:99999/x</link></item>"
    )
    http_server.add(
        "/feed.xml",
        f'<rss version="2.0"><channel><title>t</title><link>{http_server.url("/")}</link>'
        f"<description>d</description>{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    source = Source.objects.create(name="Mixed", url=http_server.url("/feed.xml"))
    run(source_poll_task.delay, source.pk)
    assert Article.objects.count() == 1
    source.refresh_from_db()
    assert source.failure_count == 0 and source.last_success is not None


def test_a_page_source_is_read_once_per_poll_and_a_changed_page_is_a_new_version(
    http_server, data_dir, run
):
    html = (data_dir / "articles" / "round8_en.html").read_text()
    http_server.add("/statement", html)
    source = Source.objects.create(name="MFA page", url=http_server.url("/statement"), kind="page")
    run(source_poll_task.delay, source.pk)
    assert http_server.hits("/statement") == 1
    article = Article.objects.get()
    http_server.add("/statement", html.replace("two days of meetings", "two long days of talks"))
    run(source_poll_task.delay, source.pk)
    assert Article.objects.count() == 1
    article.refresh_from_db()
    assert "two long days of talks" in article.text


def test_a_page_source_without_an_article_is_a_recorded_failure(http_server, run):
    http_server.add("/empty", "<html><body><nav>Home</nav></body></html>")
    source = Source.objects.create(name="Empty", url=http_server.url("/empty"), kind="page")
    run(source_poll_task.delay, source.pk)
    source.refresh_from_db()
    assert source.last_error_code == "no_article" and source.last_success is None


def test_the_beat_fan_out_claims_what_it_enqueues(monkeypatch):
    from ingest import tasks

    source = Source.objects.create(name="Due", url="https://feeds.example.org/due.xml")
    enqueued = []
    monkeypatch.setattr(tasks.source_poll_task, "delay", enqueued.append)
    assert tasks.poll_due_sources_task.delay().get() == 1
    assert tasks.poll_due_sources_task.delay().get() == 0  # claimed: not enqueued twice
    assert enqueued == [source.pk]


def test_the_beat_sweep_relinks_articles_whose_link_task_was_lost(monkeypatch):
    import datetime

    from django.utils import timezone

    from ingest import services, tasks

    stale = Article.objects.create(
        url="https://x.org/1",
        canonical_url="https://x.org/1",
        status="extracted",
        processed=timezone.now() - datetime.timedelta(hours=1),
    )
    Article.objects.create(
        url="https://x.org/2",
        canonical_url="https://x.org/2",
        status="extracted",
        processed=timezone.now(),
    )
    relinked = []
    monkeypatch.setattr(services.article_link_task(), "delay", relinked.append)
    tasks.poll_due_sources_task.delay()
    assert relinked == [stale.pk]


@pytest.mark.parametrize(
    "args",
    [["--language", "klingon"], ["--url", "ftp://example.org/a"], ["--published", "yesterday"]],
)
def test_ingest_file_refuses_bad_arguments_before_reading(data_dir, args):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("ingest_file", str(data_dir / "articles" / "round23_en.txt"), *args)
    assert Article.objects.count() == 0


def test_ingest_file_reports_a_bad_file_and_still_ingests_the_others(data_dir, tmp_path):
    from django.core.management.base import CommandError

    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command(
            "ingest_file",
            str(binary),
            str(data_dir / "articles" / "round23_en.txt"),
            stdout=out,
            stderr=err,
        )
    assert "binary_content" in err.getvalue()
    assert Article.objects.count() == 1 and len(out.getvalue().splitlines()) == 1


def test_ingest_url_failure_is_a_clear_command_error(http_server):
    from django.core.management.base import CommandError

    http_server.add("/gone", b"gone", status=404)
    with pytest.raises(CommandError, match="http_error"):
        call_command("ingest_url", http_server.url("/gone"))
    assert Article.objects.count() == 0


def test_poll_sources_says_which_sources_failed(http_server, run):
    http_server.add("/feed.xml", b"nope", status=404)
    Source.objects.create(name="Gone", url=http_server.url("/feed.xml"))
    out, err = StringIO(), StringIO()
    run(call_command, "poll_sources", stdout=out, stderr=err)
    assert "polled 1 source(s), 1 failing" in out.getvalue()
    assert "Gone: http_error" in err.getvalue()


def test_articles_with_an_older_fingerprint_scheme_do_not_break_ingestion(news_site, run):
    Article.objects.create(
        url="https://x.org/old",
        canonical_url="https://x.org/old",
        text="old",
        fingerprint="mh1:AAAA",
        content_hash="0" * 64,
    )
    article_id = run(article_fetch_task.delay, news_site.url("/news/round8")).get()
    assert Article.objects.filter(pk=article_id).exists()


def test_reprocessing_renews_the_fingerprint(news_site, run):
    article_id = run(article_fetch_task.delay, news_site.url("/news/round8")).get()
    Article.objects.filter(pk=article_id).update(fingerprint="mh1:AAAA", pipeline_version=0)
    call_command("reprocess_articles", "--stale", stdout=StringIO(), stderr=StringIO())
    assert Article.objects.get(pk=article_id).fingerprint.startswith("mh2:")
