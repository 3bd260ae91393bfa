"""Hostile servers on 127.0.0.1: every fetch ends, in time, as a failure recorded on the source.

Limits are scaled down (a read timeout of seconds, a deadline of a few) so the whole file costs
well under a minute; the guarantee is the same at the production values (10 s, 30 s).
"""

import time
from io import StringIO

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import CommandError, call_command

from ingest import services
from ingest.errors import FetchError
from ingest.fetching import fetch
from ingest.models import Source
from ingest.services import SOURCE_BACKOFF_AFTER_FAILURES
from ingest.tasks import source_poll_task
from tests.hostile.servers import RawServer, drip

# A drip faster than the per-read timeout never trips it; only the total deadline can end it.
READ_TIMEOUT = 2.0
DEADLINE = 3.0
DRIP_EVERY = 0.5
SLACK = 1.0  # scheduling noise on a loaded CI machine

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link>'
    b"<description>d</description></channel></rss>"
)


def drip_body(server):
    def script(conn):
        conn.sendall(HEAD)
        drip(conn, b"<p>" + b"x" * 500, every=DRIP_EVERY, server=server, limit=20)

    return script


def drip_headers(server):
    def script(conn):
        drip(conn, HEAD + b"<p>late</p>", every=DRIP_EVERY, server=server, limit=20)

    return script


def _timed_fetch(url):
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(url, allow_loopback=True, timeout=READ_TIMEOUT, total_timeout=DEADLINE)
    return caught.value, time.monotonic() - started


@pytest.mark.parametrize("make_script", [drip_body, drip_headers], ids=["body", "headers"])
def test_a_dripping_server_ends_within_the_deadline_plus_one_read_timeout(make_script):
    holder = {}
    with RawServer(lambda conn: holder["script"](conn)) as server:
        holder["script"] = make_script(server)
        error, elapsed = _timed_fetch(server.url("/"))
    assert error.code == "timeout" and error.transient
    assert elapsed < DEADLINE + READ_TIMEOUT + SLACK, elapsed


def test_a_dripping_redirect_chain_shares_one_deadline():
    state = {"hops": 0}

    def script(conn):
        state["hops"] += 1
        head = f"HTTP/1.1 302 Found\r\nLocation: /hop{state['hops']}\r\nContent-Length: 0\r\n"
        drip(conn, head.encode() + b"\r\n", every=0.05, limit=10)

    with RawServer(script) as server:
        error, elapsed = _timed_fetch(server.url("/"))
    assert error.code in {"timeout", "too_many_redirects"}
    assert elapsed < DEADLINE + READ_TIMEOUT + SLACK


HTML_200 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
RAW_RESPONSES = {
    "malformed_redirect": b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n"
    b"Content-Length: 0\r\n\r\n",
    "redirect_bad_port": b"HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:99999/\r\n\r\n",
    "redirect_to_file": b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n\r\n",
    "garbage_status": b"HTTP/1.1 abc Nope\r\n\r\n",
    "not_http": b"SSH-2.0-OpenSSH_9.6\r\n",
    "bad_content_length": HTML_200 + b"Content-Length: x\r\n\r\nhi",
    "huge_header_line": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
    "too_many_headers": b"HTTP/1.1 200 OK\r\n" + b"X-H: 1\r\n" * 200 + b"\r\n",
    "closes_at_once": b"",
    "truncated_body": HTML_200 + b"Content-Length: 999\r\n\r\n<p>",
    "bad_chunking": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked"
    b"\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "bad_gzip": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
    b"Content-Length: 10\r\n\r\nnot-gzip!!",
}


@pytest.mark.parametrize("name", sorted(RAW_RESPONSES))
def test_a_malformed_response_is_a_fetch_error_never_a_crash(name):
    def script(conn):
        if RAW_RESPONSES[name]:
            conn.sendall(RAW_RESPONSES[name])

    with RawServer(script) as server:
        started = time.monotonic()
        try:  # a lenient reading (an unparsable Content-Length ignored) is fine too
            result = fetch(
                server.url("/"), allow_loopback=True, timeout=READ_TIMEOUT, total_timeout=DEADLINE
            )
        except FetchError as error:
            result = error
    assert isinstance(result, FetchError) or result.status == 200
    assert time.monotonic() - started < DEADLINE + READ_TIMEOUT + SLACK


def test_a_malformed_redirect_is_reported_as_bad_redirect():
    with RawServer(lambda conn: conn.sendall(RAW_RESPONSES["malformed_redirect"])) as server:
        error, _ = _timed_fetch(server.url("/"))
    assert error.code == "bad_redirect"


# --- what the pipeline records ------------------------------------------------------------------


@pytest.fixture
def fast_limits(settings):
    settings.INGEST_FETCH_TIMEOUT = READ_TIMEOUT
    settings.INGEST_FETCH_DEADLINE = DEADLINE


@pytest.mark.django_db
def test_ingest_url_with_a_malformed_redirect_is_one_line_not_a_traceback(fast_limits):
    malformed = RAW_RESPONSES["malformed_redirect"]
    with (
        RawServer(lambda conn: conn.sendall(malformed)) as server,
        pytest.raises(CommandError) as caught,
    ):
        call_command("ingest_url", server.url("/news"), stdout=StringIO())
    assert "bad_redirect" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.django_db
def test_poll_sources_every_survives_a_bad_source_and_records_it(fast_limits, http_server):
    # Given a source with a malformed redirect, then a good one
    http_server.add("/feed.xml", FEED, content_type="application/rss+xml")
    with RawServer(lambda conn: conn.sendall(RAW_RESPONSES["malformed_redirect"])) as bad:
        broken = Source.objects.create(name="A broken", url=bad.url("/feed"))
        good = Source.objects.create(name="B good", url=http_server.url("/feed.xml"))
        ticks = []

        def one_tick_then_stop(seconds):
            ticks.append(seconds)
            raise KeyboardInterrupt  # stands for the operator's Ctrl-C after one tick

        # When the scheduler runs one tick of `--every 5`
        from ingest.management.commands import poll_sources

        original = poll_sources.time.sleep
        poll_sources.time.sleep = one_tick_then_stop
        try:
            with pytest.raises(KeyboardInterrupt):
                call_command("poll_sources", every=5, stdout=StringIO(), stderr=StringIO())
        finally:
            poll_sources.time.sleep = original
    # Then it went on to the next tick, polled both, and recorded the bad one's failure
    assert ticks == [5]
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.last_error_code == "bad_redirect" and broken.failure_count == 1
    assert broken.next_poll_at is not None
    assert good.last_success is not None and good.failure_count == 0


@pytest.mark.django_db
def test_a_dripping_source_records_a_timeout_within_the_deadline(fast_limits):
    holder = {}
    with RawServer(lambda conn: holder["script"](conn)) as server:
        holder["script"] = drip_body(server)
        source = Source.objects.create(name="Drip", url=server.url("/feed"))
        started = time.monotonic()
        call_command("poll_sources", stdout=StringIO(), stderr=StringIO())
        elapsed = time.monotonic() - started
    source.refresh_from_db()
    assert source.last_error_code == "timeout" and source.failure_count == 1
    assert elapsed < DEADLINE + READ_TIMEOUT + SLACK


@pytest.mark.django_db
def test_a_task_past_its_soft_time_limit_records_the_failure(monkeypatch):
    source = Source.objects.create(name="Slow parse", url="http://127.0.0.1:9/feed")

    def too_slow(*, source):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "source_poll", too_slow)
    assert source_poll_task.apply(args=[source.pk]).get() == 0
    source.refresh_from_db()
    assert source.last_error_code == "time_limit" and source.failure_count == 1


@pytest.mark.django_db
def test_an_unexpected_error_is_recorded_on_the_source_then_raised(monkeypatch):
    source = Source.objects.create(name="Bug", url="http://127.0.0.1:9/feed")

    def bug(*, source):
        raise ZeroDivisionError("a bug met on this input")

    monkeypatch.setattr(services, "source_poll", bug)
    with pytest.raises(ZeroDivisionError):
        source_poll_task.apply(args=[source.pk], throw=True)
    source.refresh_from_db()
    assert source.last_error_code == "internal_error" and source.failure_count == 1


@pytest.mark.django_db
def test_repeated_failures_back_the_source_off(fast_limits):
    with RawServer(lambda conn: conn.sendall(RAW_RESPONSES["malformed_redirect"])) as bad:
        source = Source.objects.create(name="Bad", url=bad.url("/feed"), poll_interval=60)
        for _ in range(SOURCE_BACKOFF_AFTER_FAILURES):
            call_command("poll_sources", stdout=StringIO(), stderr=StringIO())
    source.refresh_from_db()
    assert source.failure_count == SOURCE_BACKOFF_AFTER_FAILURES
    gap = (source.next_poll_at - source.last_polled).total_seconds()
    assert gap == pytest.approx(4 * 60 * 60, abs=5)
