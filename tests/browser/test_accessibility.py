"""axe-core on the reader pages: no serious or critical violation, charts drawn.

axe-core (MPL-2.0) is vendored under ``tests/browser/vendor/axe-core/``; it is evaluated in the
page through the DevTools protocol, so the site's Content-Security-Policy stays as it is.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHART_TIMEOUT = 15_000
PAGES = [
    "/",
    "/zones/",
    "/rounds/8/",
    "/events/sochi-congress/",
    "/search/?q=constitutional+committee",
    "/attendance/?participant=jordan",
]


def axe_violations(page) -> list[dict]:
    """axe's serious and critical violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [v for v in results if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(page_and_log, site, path):
    page, log = page_and_log

    page.goto(site + path)
    if page.locator("[data-chart]").count():
        page.wait_for_selector("[data-chart][data-rendered='true']", timeout=CHART_TIMEOUT)

    assert axe_violations(page) == []
    log.assert_clean()
