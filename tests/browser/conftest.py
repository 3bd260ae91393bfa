"""Headless Chromium (Debian's, at /usr/bin/chromium) against pytest-django's live server.

Every page records console errors, uncaught exceptions, CSP violations and every request. A
request to anything but the live server is recorded as blocked and never leaves the machine:
Chromium sends it to a proxy that does not exist (``--proxy-server``; loopback bypasses it), so
it fails at once. Nothing is intercepted in Python: a route handler makes every request wait on
this process, and a request still waiting when its page closes can hang the close for good.

``live_server`` needs ``transactional_db``, which empties the tables after each test; the
reference history is therefore loaded again for every browser test (pytest-django runs these
transactional tests after the ordinary database tests, which keep the session's data).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (fixtures loading data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Every request not to 127.0.0.1 goes to a proxy on a port where nothing listens (the
    # discard port) and fails; Chromium always connects to loopback directly.
    "--proxy-server=http://127.0.0.1:9",
]


@dataclass
class PageLog:
    base_url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.blocked == [], self.blocked
        assert all(urlsplit(u).hostname == "127.0.0.1" for u in self.requests), self.requests


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def reference(transactional_db) -> None:
    call_command("load_reference", verbosity=0)


@pytest.fixture
def site(live_server, reference) -> str:
    """The live server's base URL on 127.0.0.1, with the reference history loaded."""
    url = live_server.url
    assert urlsplit(url).hostname in ("127.0.0.1", "localhost")
    return url.replace("localhost", "127.0.0.1")


def _open(browser, site: str, *, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    log = PageLog(base_url=site)
    origin = urlsplit(site).netloc

    def request(request):
        url = request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            return  # made in the page, no network
        log.requests.append(url)
        if parts.netloc != origin:
            log.blocked.append(url)

    page.on("request", request)
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(f"uncaught: {e}"))
    return context, page, log


@pytest.fixture
def page_and_log(browser, site) -> Iterator[tuple[object, PageLog]]:
    context, page, log = _open(browser, site, width=1280, height=900)
    yield page, log
    context.close()


@pytest.fixture
def phone_page_and_log(browser, site) -> Iterator[tuple[object, PageLog]]:
    context, page, log = _open(browser, site, width=390, height=844)
    yield page, log
    context.close()
