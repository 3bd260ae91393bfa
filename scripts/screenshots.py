"""Screenshots of the reader pages for the README (docs/img/), taken in headless Chromium.

    .venv/bin/python scripts/screenshots.py

runs the browser test ``test_screenshots`` against pytest-django's live server (with the
reference history loaded) and writes dashboard.png, zones.png, round.png, sources.png (a round
page's sources: outlet, date, tier and quote, best first), attendance.png and the Arabic and
Russian home pages (home-ar.png, home-ru.png) to docs/img/, and, given an admin login and a
suggestion, review.png (a suggestion's page); and runs the statement browser test, which
attaches texts written for the tests to two statements and writes statement.png (a statement
compared with the previous one of its kind).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = [
    # (file, path, selector to wait for or None, full page?)
    ("dashboard.png", "/", ".chart-timeline[data-rendered='true']", False),
    ("zones.png", "/zones/?date=2019-06-01", "#zones-map[data-rendered='true']", False),
    ("round.png", "/rounds/8/#changes", None, False),
    ("sources.png", "/rounds/21/#sources", None, False),
    ("attendance.png", "/attendance/?participant=jordan", None, False),
    # The home page in Arabic (right to left) and Russian, for the README's Languages section.
    ("home-ar.png", "/ar/", ".chart-timeline[data-rendered='true']", False),
    ("home-ru.png", "/ru/", ".chart-timeline[data-rendered='true']", False),
]
VIEWPORT = {"width": 1280, "height": 1100}


def capture(browser, base_url: str, out: Path, *, review: tuple | None = None) -> list[Path]:
    """Save the screenshots with an open Playwright ``browser``; returns the files written.

    ``review``: (user name, password, path of a suggestion's admin page) for review.png."""
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="en-GB")
    saved = []
    try:
        page = context.new_page()
        for name, path, wait_for, full_page in SHOTS:
            page.goto(base_url + path)
            if wait_for:
                page.wait_for_selector(wait_for, timeout=15_000)
            page.wait_for_timeout(300)  # let plotly finish its transitions
            target = out / name
            page.screenshot(path=str(target), full_page=full_page)
            saved.append(target)
        if review:
            username, password, path = review
            page.goto(base_url + "/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("input[type=submit]")
            page.goto(base_url + path)
            page.wait_for_selector(".suggestion-comparison")
            target = out / "review.png"
            page.screenshot(path=str(target))
            saved.append(target)
    finally:
        context.close()
    return saved


def main() -> int:
    env = {**os.environ, "SCREENSHOTS_DIR": str(ROOT / "docs" / "img")}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-m",
        "browser",
        "-q",
        "tests/browser/test_pages.py::test_screenshots",
        "tests/browser/test_statements.py",
    ]
    return subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603 - fixed command


if __name__ == "__main__":
    raise SystemExit(main())
