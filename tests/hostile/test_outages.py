"""The database or the broker away: commands say so in one line and exit non-zero, the API
says 503 in the one error shape, an enqueue that fails is reported, and the web process never
fetches. The database going away and coming back is survived by a running server."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from astana_site.celery import app as celery_app
from ingest.models import Source
from tests.hostile.servers import TCPProxy

ROOT = Path(__file__).resolve().parents[2]
CLOSED_PORT = 9  # discard: nothing listens on loopback
DB_AWAY = f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/astana"
BROKER_AWAY = f"redis://127.0.0.1:{CLOSED_PORT}/14"


def _manage(*args, env_overrides, timeout=60):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "astana_site.settings.test", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _one_line_error(result, what):
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr, result.stderr
    assert what in lines[-1], result.stderr
    return lines[-1]


@pytest.mark.parametrize(
    "command",
    [
        ["poll_sources"],
        ["poll_sources", "--due"],
        ["ingest_url", "http://127.0.0.1:9/news"],
        ["ingest_file", "tests/data/articles/round23_en.txt"],
        ["reprocess_articles"],
        ["load_reference"],
        ["migrate", "--noinput"],
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_every_command_says_the_database_is_away_in_one_line(command):
    result = _manage(*command, env_overrides={"DATABASE_URL": DB_AWAY})
    _one_line_error(result, "database is unavailable")


@pytest.fixture(scope="module")
def sqlite_with_a_source(tmp_path_factory):
    db = tmp_path_factory.mktemp("outage") / "db.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{db}"}
    assert _manage("migrate", "--noinput", "-v", "0", env_overrides=env).returncode == 0
    create = "from ingest.models import Source; Source.objects.create(name='s', url='http://127.0.0.1:9/f')"
    assert _manage("shell", "-c", create, env_overrides=env).returncode == 0
    return env


def test_poll_sources_says_the_broker_is_away_in_one_line(sqlite_with_a_source):
    env = {**sqlite_with_a_source, "CELERY_BROKER_URL": BROKER_AWAY}
    result = _manage("poll_sources", env_overrides=env)
    _one_line_error(result, "broker is unavailable")


# --- the poll endpoint ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_poll_endpoint_without_a_broker_never_fetches_in_the_web_process(analyst_api, http_server):
    http_server.add("/feed.xml", b"<rss/>", content_type="application/rss+xml")
    source = Source.objects.create(
        name="Feed",
        url=http_server.url("/feed.xml"),
        next_poll_at=timezone.now().replace(year=2099),
    )
    response = analyst_api.post(f"/api/v1/sources/{source.pk}/poll/")
    assert response.status_code == 202
    assert response.json() == {"enqueued": False, "source": source.pk}
    assert http_server.requests == []  # nothing fetched here
    source.refresh_from_db()
    assert source.next_poll_at <= timezone.now()  # due: the next poll_sources polls it


@pytest.fixture
def broker_away(settings):
    """Tasks go to a broker that does not answer (as in production with Redis down)."""
    # Celery reads Django's settings live: only the broker URL needs its own override.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.broker_url = BROKER_AWAY
    _forget_connections()
    yield
    celery_app.conf.changes.pop("broker_url", None)
    _forget_connections()


def _forget_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.django_db
def test_poll_endpoint_reports_a_broker_that_does_not_take_the_task(analyst_api, broker_away):
    source = Source.objects.create(name="Feed", url="http://127.0.0.1:9/feed.xml")
    started = time.monotonic()
    response = analyst_api.post(f"/api/v1/sources/{source.pk}/poll/")
    assert response.status_code == 503, response.content
    error = response.json()["error"]
    assert error["code"] == "enqueue_failed" and "broker" in error["message"]
    assert time.monotonic() - started < 15
    source.refresh_from_db()
    assert source.next_poll_at <= timezone.now()  # the next beat tick picks it up


# --- the database away and back, under a running server -------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read()


def _wait_until(predicate, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail("timed out")


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_server_survives_the_database_going_away_and_coming_back():
    assert connection.vendor == "postgresql", "the postgres leg runs this (make test-postgres)"
    db = connection.settings_dict
    proxy = TCPProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))).up()
    port = _free_port()
    url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "astana_site.settings.test",
            "DATABASE_URL": url,
            "PGPASSWORD": db.get("PASSWORD") or "",
            "PGCONNECT_TIMEOUT": "3",
        }
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Given a server answering from the database
        def ready():
            try:
                return _get(f"{base}/api/v1/rounds/8/")[0] == 200
            except OSError:
                return False

        _wait_until(ready, 60)
        # When the database goes away
        proxy.down()
        status, content_type, body = _get(f"{base}/api/v1/rounds/8/")
        # Then the API says so in its error shape, and so does a page
        assert status == 503 and content_type.startswith("application/json")
        assert json.loads(body)["error"]["code"] == "service_unavailable"
        page_status, _, _ = _get(f"{base}/rounds/8/")
        assert page_status == 503
        # And when it comes back, the same server answers again
        proxy.up()
        assert _wait_until(lambda: _get(f"{base}/api/v1/rounds/8/")[0] == 200)
        assert _get(f"{base}/rounds/8/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        proxy.down()
