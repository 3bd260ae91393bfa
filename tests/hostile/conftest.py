"""Fixtures of the hostile suite: misbehaving servers on 127.0.0.1 and the shared HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.httpserver import LocalHTTPServer

# Every fetch in this suite runs under these limits, so a hostile server costs seconds.
READ_TIMEOUT = 1.0
DEADLINE = 3.0


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture
def tight_fetch_limits(settings):
    settings.INGEST_FETCH_TIMEOUT = READ_TIMEOUT
    settings.INGEST_FETCH_DEADLINE = DEADLINE
    return settings


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.hostile)
