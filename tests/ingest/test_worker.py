"""The task path through a real Celery worker on the local broker (``make test-worker``).

Run by `.ci/run` with ``CELERY_BROKER_URL`` (Redis) and ``DATABASE_URL`` (PostgreSQL) set: the
worker is a separate process that must see the rows this test commits, so the test database
has to be a server database, not SQLite in memory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from ingest.models import Article, Sighting, Source
from rounds.models import Citation

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 6  # seconds before Redis redelivers the task of a killed worker


def _require_services():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("CELERY_BROKER_URL must name the broker for the worker tests")
    if connection.vendor != "postgresql":
        pytest.fail("DATABASE_URL must name PostgreSQL for the worker tests")


def _db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """A `celery worker` subprocess in its own process group, killable like a crashed host."""

    def __init__(self, log: Path):
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self) -> Worker:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "astana_site.settings.test",
            "DATABASE_URL": _db_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "CELERY_UNACKED_RESTORE_INTERVAL": "2",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "astana_site",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def _wait_for(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    tail = log.read_text(errors="replace")[-4000:] if log.exists() else ""
    pytest.fail(f"timed out waiting for {what}\n--- worker log ---\n{tail}")


@pytest.fixture
def broker_clean():
    """An empty broker database, so no task from another run is delivered here."""
    import redis

    _require_services()
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.flushdb()
    yield
    client.flushdb()


@pytest.fixture
def reference(transactional_db):
    call_command("load_reference", verbosity=0)


def _site(http_server, data_dir, *, slow_path: str | None = None, delay: float = 0):
    paths = ["/news/round8", "/news/round23", "/sport/derby"]
    bodies = {
        "/news/round8": ((data_dir / "articles" / "round8_en.html").read_bytes(), "text/html"),
        "/news/round23": ((data_dir / "articles" / "round23_en.txt").read_bytes(), "text/plain"),
        "/sport/derby": ((data_dir / "articles" / "football_en.txt").read_bytes(), "text/plain"),
    }
    for path, (body, ctype) in bodies.items():
        http_server.add(
            path,
            body,
            content_type=f"{ctype}; charset=utf-8",
            delay=delay if path == slow_path else 0,
        )
    items = "".join(
        f"<item><title>{p}</title><link>{http_server.url(p)}</link>"
        f"<pubDate>Fri, 22 Dec 2017 10:00:00 GMT</pubDate></item>"
        for p in paths + [paths[0]]  # a duplicate entry, too
    )
    http_server.add(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>'
        f"{http_server.url('/')}</link><description>d</description>{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    return paths


def test_worker_polls_feed_and_stores_extracts_links_and_suggests(
    reference, broker_clean, http_server, data_dir, tmp_path
):
    _require_services()
    paths = _site(http_server, data_dir)
    Source.objects.create(name="Local", url=http_server.url("/feed.xml"))
    worker = Worker(tmp_path / "worker.log").start()
    try:
        # When poll_sources hands the polls to the worker
        call_command("poll_sources", stdout=StringIO(), stderr=StringIO())
        # Then every article is stored once, understood and linked
        _wait_for(
            lambda: (
                Article.objects.count() == 3
                and not Article.objects.filter(status="extracted").exists()
            ),
            60,
            "3 processed articles",
            tmp_path / "worker.log",
        )
    finally:
        worker.stop()
    assert Sighting.objects.count() == len(paths)
    round8 = Article.objects.get(title__startswith="Guarantors wrap up")
    assert round8.status == "linked"
    assert Citation.objects.filter(article=round8, content_type__model="round").exists()
    round23 = Article.objects.get(title__startswith="Guarantors announce")
    assert round23.suggestions.filter(kind="new_round").exists()
    assert Article.objects.get(title__startswith="Astana beat").status == "irrelevant"


def test_worker_killed_mid_task_and_restarted_leaves_one_copy_of_each_article(
    reference, broker_clean, http_server, data_dir, tmp_path
):
    _require_services()
    log = tmp_path / "worker.log"
    paths = _site(http_server, data_dir, slow_path="/news/round8", delay=4)
    Source.objects.create(name="Local", url=http_server.url("/feed.xml"))
    worker = Worker(log).start()
    try:
        call_command("poll_sources", stdout=StringIO(), stderr=StringIO())
        # Given the worker in the middle of fetching the slow article
        _wait_for(lambda: http_server.hits("/news/round8") >= 1, 60, "the slow fetch", log)
        # When it is killed outright, then started again
        worker.kill()
        worker = Worker(log).start()
        # Then the unacknowledged task is redelivered and every article ends up stored once
        _wait_for(
            lambda: (
                Article.objects.count() == 3
                and not Article.objects.filter(status="extracted").exists()
            ),
            240,
            "3 processed articles after the restart",
            log,
        )
        time.sleep(VISIBILITY_TIMEOUT + 2)  # let any further redelivery run, too
    finally:
        worker.stop()
    assert Article.objects.count() == 3
    assert Sighting.objects.count() == len(paths)
    assert http_server.hits("/news/round8") >= 2  # it really was fetched again
    for article in Article.objects.all():
        assert article.text and article.extraction is not None  # nothing half-written
