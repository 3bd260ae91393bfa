"""Charts in headless Chromium: nothing that leaves the site, keyboard range controls, a
fallback without JavaScript."""

from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

CHART_TIMEOUT = 15_000
CHART_PAGES = ["/", "/zones/", "/zones/idlib/"]
# Every attribute through which an element can point somewhere.
LINK_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "srcset", "data", "poster"]


def _wait_for_charts(page) -> None:
    page.wait_for_selector("[data-chart][data-rendered='true']", timeout=CHART_TIMEOUT)


def _pointers(page) -> list[str]:
    """What every element points at, except links marked as external sources (the citations
    under a record, which are meant to lead to the source)."""
    return page.evaluate(
        """(names) => {
          const out = [];
          for (const el of document.querySelectorAll('*')) {
            if (el.matches('a[rel~="external"]')) { continue; }
            for (const name of names) {
              const value = el.getAttribute(name);
              if (value) { out.push(value); }
            }
          }
          return out;
        }""",
        LINK_ATTRIBUTES,
    )


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_element_of_a_chart_page_points_outside_the_site(page_and_log, site, path):
    page, log = page_and_log
    page.goto(site + path)
    _wait_for_charts(page)

    page.hover("[data-chart] .main-svg")  # the mode bar shows on hover
    page.wait_for_selector(".modebar-btn", state="attached")

    outside = [
        value
        for value in _pointers(page)
        if urlsplit(urljoin(page.url, value)).hostname not in ("127.0.0.1", None)
        and not value.startswith(("#", "data:"))
    ]
    assert outside == []
    external = page.eval_on_selector_all('a[rel~="external"]', "links => links.length")
    in_chart = page.eval_on_selector_all('.chart-figure a[rel~="external"]', "a => a.length")
    assert in_chart == 0 and (external == 0 or path.startswith("/zones/idlib"))
    titles = page.eval_on_selector_all(
        ".modebar-btn", "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    assert titles and not any(
        word in (t or "").lower() for t in titles for word in ("share", "studio", "plotly")
    )
    assert page.locator(".modebar-btn--logo").count() == 0
    log.assert_clean()


def _shown(page) -> tuple[str, str]:
    start, end = page.get_attribute("#timeline-chart", "data-range").split("/")
    return start, end


def _tab_to(page, name: str, *, key: str = "Tab", limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(
            "(name) => { const el = document.activeElement;"
            " return el.textContent.trim() === name || (el.labels && el.labels[0]"
            " && el.labels[0].textContent.trim() === name); }",
            name,
        ):
            return
    raise AssertionError(f"{name!r} is not reachable with Tab")


def test_timeline_range_is_chosen_from_the_keyboard(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/")
    _wait_for_charts(page)
    everything = _shown(page)
    assert page.get_by_role("button", name="All").get_attribute("aria-pressed") == "true"

    _tab_to(page, "1 year")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(before) => document.getElementById('timeline-chart').getAttribute('data-range')"
        " !== before",
        arg="/".join(everything),
    )
    start, end = _shown(page)
    assert int(end[:4]) - int(start[:4]) == 1 and start[5:7] == end[5:7]
    assert page.get_by_role("button", name="1 year").get_attribute("aria-pressed") == "true"

    _tab_to(page, "From")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "(s) => document.getElementById('timeline-chart').getAttribute('data-range')"
        ".split('/')[0] < s",
        arg=start,
    )
    earlier, same_end = _shown(page)
    assert (int(start[:4]) * 12 + int(start[5:7])) - (
        int(earlier[:4]) * 12 + int(earlier[5:7])
    ) == 3
    assert same_end == end
    assert page.get_by_role("button", name="1 year").get_attribute("aria-pressed") == "false"
    assert page.get_by_label("From").get_attribute("aria-valuetext")

    _tab_to(page, "All", key="Shift+Tab")
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.getElementById('timeline-chart').getAttribute('data-range')"
        f" === '{'/'.join(everything)}'"
    )
    log.assert_clean()


@pytest.mark.parametrize("path", CHART_PAGES)
def test_without_javascript_a_chart_page_points_to_its_tables(browser, site, path):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()

    page.goto(site + path)

    text = page.inner_text("main")
    assert "needs JavaScript" in text and "table" in text
    assert "Hover" not in text and "Point at" not in text
    assert not page.locator("[data-chart-block]").is_visible()
    assert page.locator("table").first.is_visible()
    context.close()


def test_timeline_past_the_threshold_loads_the_detail_of_the_period_zoomed_into(
    page_and_log, site, monkeypatch
):
    import dashboard.charts.timeline as timeline_charts

    monkeypatch.setattr(timeline_charts, "DETAIL_MAX_POINTS", 10)
    page, log = page_and_log
    page.goto(site + "/")
    _wait_for_charts(page)
    chart = page.locator("#timeline-chart")
    assert chart.get_attribute("data-points") == "aggregate"

    page.evaluate(
        "() => Plotly.relayout(document.getElementById('timeline-chart'),"
        " {'xaxis.range': ['2018-01-01', '2018-03-31']})"
    )
    page.wait_for_function(
        "() => document.getElementById('timeline-chart').getAttribute('data-points') === 'detail'"
    )
    names = page.evaluate("() => document.getElementById('timeline-chart').data.map((t) => t.name)")
    assert "Sochi congress" in names
    assert any(u.split("?")[0].endswith("/charts/timeline.json") for u in log.requests)

    _tab_to(page, "All")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('timeline-chart').getAttribute('data-points')"
        " === 'aggregate'"
    )
    log.assert_clean()
