"""Fixtures for the ingestion tests: a local HTTP server and the test data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.httpserver import LocalHTTPServer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A started :class:`LocalHTTPServer` on 127.0.0.1, stopped after the test."""
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR
