"""The reader pages in headless Chromium: charts render, respond, and stay on this site."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ingest.models import Article
from rounds.models import Round, Suggestion

pytestmark = pytest.mark.browser

CHART_TIMEOUT = 15_000
ROUNDS_TRACE = "g.cartesianlayer g.subplot.xy g.trace.scatter"


def _round_point_centre(page, index: int) -> tuple[float, float]:
    """Where round ``index`` (0-based) is drawn; the mouse goes there like a reader's would
    (plotly's drag layer sits on top of the points, so element hover/click cannot be used)."""
    point = page.locator(f"{ROUNDS_TRACE} >> nth=0").locator("path.point").nth(index)
    box = point.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _wait_for_chart(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-rendered='true']", timeout=CHART_TIMEOUT)


def test_timeline_shows_a_point_for_every_round_and_the_sochi_congress(page_and_log, site):
    page, log = page_and_log

    page.goto(site + "/")
    _wait_for_chart(page, ".chart-timeline")

    rounds = Round.objects.count()
    points = page.locator(f"{ROUNDS_TRACE} >> nth=0").locator("path.point")
    assert points.count() == rounds == 22
    traces = page.evaluate(
        "() => document.querySelector('.chart-timeline').data.map("
        "t => ({name: t.name, x: t.x, symbols: t.marker && t.marker.symbol}))"
    )
    sochi = next(t for t in traces if t["name"] == "Sochi congress")
    assert "2018-01-29" in sochi["x"]
    assert sochi["symbols"][sochi["x"].index("2018-01-29")] == "star"
    assert page.locator(".chart-timeline .annotation-text", has_text="Sochi congress").count()
    log.assert_clean()


def test_hovering_a_round_shows_its_dates(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/")
    _wait_for_chart(page, ".chart-timeline")

    page.mouse.move(*_round_point_centre(page, 7))

    hover = page.locator(".chart-timeline .hoverlayer .hovertext")
    hover.wait_for(timeout=5_000)
    text = hover.text_content()
    assert "Round 8" in text
    assert "21–22 Dec 2017" in text
    log.assert_clean()


def test_selecting_a_round_opens_its_page(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/")
    _wait_for_chart(page, ".chart-timeline")

    page.mouse.click(*_round_point_centre(page, 14))

    page.wait_for_url("**/rounds/15/")
    assert page.locator("h1").inner_text().startswith("Round 15")
    log.assert_clean()


def _zone_fills(page) -> list[str]:
    return page.evaluate(
        """() => {
          const gd = document.getElementById('zones-map');
          const traces = gd.querySelectorAll('.scattergeo.trace, g.trace.scattergeo');
          return gd.layout.meta.zoneTraces.map(i => getComputedStyle(
            traces[i].querySelector('path.js-line')).fill);
        }"""
    )


def test_zones_map_shows_four_zones_and_moving_the_date_changes_their_colours(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/zones/?date=2018-01-01")
    _wait_for_chart(page, "#zones-map")

    names = page.evaluate(
        "() => { const gd = document.getElementById('zones-map');"
        " return gd.layout.meta.zoneTraces.map(i => gd.data[i].name); }"
    )
    assert len(names) == 4
    before = _zone_fills(page)
    assert len(set(before)) == 1  # all four operational or agreed on 1 January 2018
    statuses_before = page.locator("[data-zone-status]").all_inner_texts()

    slider = page.get_by_label("Move through 2017–2024")
    slider.focus()
    page.keyboard.press("End")

    last = slider.get_attribute("max")
    page.wait_for_function(
        f"() => document.getElementById('zones-map').getAttribute('data-step') === '{last}'"
    )
    after = _zone_fills(page)
    assert after != before
    assert page.locator("[data-zone-status]").all_inner_texts() == ["Ended"] * 4
    assert statuses_before != ["Ended"] * 4
    assert page.locator("#map-date").input_value().startswith("2024-12")
    log.assert_clean()


def test_zones_slider_puts_the_date_in_the_url_and_a_reload_keeps_it(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/zones/?date=2018-01-01")
    _wait_for_chart(page, "#zones-map")

    slider = page.get_by_label("Move through 2017–2024")
    slider.focus()
    page.keyboard.press("End")
    page.wait_for_function("() => location.search.includes('date=2024-')")
    shown = page.locator("#map-date").input_value()
    assert page.url.endswith(f"/zones/?date={shown}")

    page.reload()
    _wait_for_chart(page, "#zones-map")
    assert page.locator("#map-date").input_value() == shown
    assert slider.input_value() == slider.get_attribute("max")
    assert page.locator("[data-zone-status]").all_inner_texts() == ["Ended"] * 4
    log.assert_clean()


def test_zone_map_hover_shows_the_status(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/zones/?date=2019-06-01")
    _wait_for_chart(page, "#zones-map")
    slider = page.get_by_label("Move through 2017–2024")
    slider.focus()
    page.keyboard.press("End")  # the status shown must follow the slider too
    page.wait_for_function("() => location.search.includes('date=2024-')")

    # plotly.js hovers a zone at its outline's vertices: sweep the map as a reader's mouse would.
    box = page.locator("#zones-map").bounding_box()
    hover = page.locator("#zones-map .hoverlayer .hovertext")
    text = None
    for x in range(int(box["x"]), int(box["x"] + box["width"]), 8):
        for y in range(int(box["y"]), int(box["y"] + box["height"]), 8):
            page.mouse.move(x, y)
            if hover.count():
                text = hover.first.text_content()
                break
        if text:
            break
    assert text is not None
    assert "Ended" in text and not text.endswith("-")
    log.assert_clean()


def test_search_finds_round_8_from_detainees(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/")

    page.get_by_label("Search rounds, statements, events and articles").fill("detainees")
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=detainees")
    link = page.locator("a[href='/rounds/8/']")
    assert link.count() >= 1
    assert page.locator("mark", has_text="detainees").count() >= 1
    log.assert_clean()


def test_round_page_shows_its_statement_diff(page_and_log, site):
    page, log = page_and_log

    page.goto(site + "/rounds/8/")

    section = page.locator("#changes")
    assert "What changed since the previous round" in section.inner_text()
    inserted = section.locator(".diff-insert")
    assert inserted.count() >= 1
    texts = inserted.all_inner_texts()
    assert any("Provision (regulations) on the Working Group" in t for t in texts), texts
    log.assert_clean()


PAGES = [
    "/",
    "/rounds/",
    "/rounds/8/",
    "/events/",
    "/events/sochi-congress/",
    "/zones/",
    "/zones/idlib/",
    "/search/?q=constitutional+committee",
    "/articles/",
    "/attendance/",
]


def test_no_page_logs_errors_or_leaves_127_0_0_1(page_and_log, site):
    page, log = page_and_log

    for path in PAGES:
        page.goto(site + path)
        for chart in page.locator("[data-chart]").all():
            chart.wait_for(state="attached")
        if page.locator("[data-chart]").count():
            page.wait_for_selector("[data-chart][data-rendered='true']", timeout=CHART_TIMEOUT)

    assert len(log.requests) > len(PAGES)
    log.assert_clean()


def test_a_request_elsewhere_is_recorded_as_blocked_and_never_answered(page_and_log, site):
    from playwright.sync_api import Error

    page, log = page_and_log
    page.goto(site + "/")
    assert log.blocked == []

    elsewhere = "http://198.51.100.7/tracker.js"  # TEST-NET-2: no such host anywhere
    with pytest.raises(Error, match="ERR_PROXY_CONNECTION_FAILED"):
        page.goto(elsewhere, timeout=10_000)

    assert log.blocked == [elsewhere]
    assert elsewhere in log.requests
    with pytest.raises(AssertionError):
        log.assert_clean()


def test_pages_fit_a_phone_screen(phone_page_and_log, site):
    page, log = phone_page_and_log

    for path in ["/", "/zones/", "/rounds/8/"]:
        page.goto(site + path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, (path, overflow)
    log.assert_clean()


def _timeline_state(page) -> dict:
    return page.evaluate(
        """() => {
          const gd = document.querySelector('.chart-timeline');
          return {
            compact: gd.getAttribute('data-compact'),
            roundMode: gd.data[0].mode,
            annotations: [...gd.querySelectorAll('.annotation-text')].map(a => a.textContent),
            ticks: [...gd.querySelectorAll('.ytick text')].map(t => t.textContent),
          };
        }"""
    )


def test_timeline_on_a_phone_drops_round_numbers_and_annotations(phone_page_and_log, site):
    page, log = phone_page_and_log

    page.goto(site + "/")
    _wait_for_chart(page, ".chart-timeline")

    state = _timeline_state(page)
    assert state["compact"] == "true"
    assert state["roundMode"] == "markers"
    assert state["annotations"] == []
    assert "Idlib" in state["ticks"] and "Zone: Idlib" not in state["ticks"]
    log.assert_clean()


def test_timeline_gets_its_labels_back_when_the_window_widens(phone_page_and_log, site):
    page, log = phone_page_and_log
    page.goto(site + "/")
    _wait_for_chart(page, ".chart-timeline")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_selector(".chart-timeline[data-compact='false']", timeout=5_000)
    page.wait_for_function(
        "() => document.querySelectorAll('.chart-timeline .annotation-text').length === 2"
    )

    state = _timeline_state(page)
    assert state["roundMode"] == "markers+text"
    assert any("Sochi congress" in a for a in state["annotations"])
    assert "Zone: Idlib" in state["ticks"]
    log.assert_clean()


def test_tables_fit_a_phone_screen_without_scrolling_sideways(phone_page_and_log, site):
    page, log = phone_page_and_log
    url = "https://www.example.org/2024/11/12/" + "a-very-long-address-without-a-title-" * 4
    Article.objects.create(url=url, canonical_url=url, title="")

    for path in ["/", "/rounds/", "/events/", "/attendance/", "/articles/"]:
        page.goto(site + path)
        overflowing = page.evaluate(
            "() => [...document.querySelectorAll('.table-wrap')]"
            ".filter(t => t.scrollWidth > t.clientWidth + 1)"
            ".map(t => t.querySelector('caption').textContent + ': ' + t.scrollWidth)"
        )
        assert overflowing == [], (path, overflowing)
    assert page.get_by_role("link", name="Untitled (example.org)").count() == 1
    log.assert_clean()


def _a_round_dates_suggestion() -> Suggestion:
    """A suggestion as linking would queue it from an article giving round 8 other dates."""
    quote = "The eighth round of talks was held in Astana on December 20-21, 2017."
    article = Article.objects.create(
        url="https://news.example.org/astana-8",
        canonical_url="https://news.example.org/astana-8",
        title="Astana talks end with a detainees working group",
        text="Astana, 22 December. " + quote + " The guarantors agreed on a working group.",
    )
    rnd = Round.objects.get(number=8)
    return Suggestion.objects.create(
        article=article,
        kind="round_dates",
        key="round:8:2017-12-20:2017-12-21",
        content_type=ContentType.objects.get_for_model(Round),
        object_id=rnd.pk,
        payload={"start_date": "2017-12-20", "end_date": "2017-12-21"},
        current={"start_date": "2017-12-21", "end_date": "2017-12-22"},
        quote=quote,
    )


def test_screenshots(browser, site, tmp_path):
    """Runs ``scripts/screenshots.py``'s capture; ``SCREENSHOTS_DIR`` makes it write docs/img."""
    from scripts.screenshots import capture

    out = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    suggestion = _a_round_dates_suggestion()
    User.objects.create_superuser("shots", "shots@example.org", "a-long-test-password")
    path = reverse("admin:rounds_suggestion_change", args=[suggestion.pk])

    saved = capture(browser, site, out, review=("shots", "a-long-test-password", path))

    assert sorted(p.name for p in saved) == [
        "attendance.png",
        "dashboard.png",
        "home-ar.png",
        "home-ru.png",
        "review.png",
        "round.png",
        "sources.png",
        "zones.png",
    ]
    assert all(p.stat().st_size > 10_000 for p in saved)
