"""The reader pages in English, Russian, Turkish and Arabic, at desktop and phone width:
``lang`` and ``dir``, translated headings and chart labels, no console error, no text spilling
out of its box in Arabic, and a screenshot of each (``tmp/artifacts/languages/``, not committed;
``BROWSER_ARTIFACTS`` points elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import _open

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS") or ROOT / "tmp" / "artifacts") / "languages"
CHART_TIMEOUT = 15_000
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PREFIX = {"en": "", "ru": "/ru", "tr": "/tr", "ar": "/ar"}

# What each page must say in each language: (path, selector, text the element starts with).
HEADINGS = {
    "en": [
        ("/", "h1", "The Astana process on Syria"),
        ("/rounds/8/", "h1", "Round 8:"),
        ("/events/sochi-congress/", "main > h2:last-of-type", "Sources"),
        ("/zones/", "h1", "De-escalation zones"),
        ("/search/?q=Sochi", "h1", "Search"),
    ],
    "ru": [
        ("/", "h1", "Астанинский процесс по Сирии"),
        ("/rounds/8/", "h1", "Раунд 8:"),
        ("/events/sochi-congress/", "main > h2:last-of-type", "Источники"),
        ("/zones/", "h1", "Зоны деэскалации"),
        ("/search/?q=Sochi", "h1", "Поиск"),
    ],
    "tr": [
        ("/", "h1", "Suriye konulu Astana süreci"),
        ("/rounds/8/", "h1", "8. tur:"),
        ("/events/sochi-congress/", "main > h2:last-of-type", "Kaynaklar"),
        ("/zones/", "h1", "Çatışmasızlık bölgeleri"),
        ("/search/?q=Sochi", "h1", "Ara"),
    ],
    "ar": [
        ("/", "h1", "مسار أستانا بشأن سوريا"),
        ("/rounds/8/", "h1", "الجولة 8:"),
        ("/events/sochi-congress/", "main > h2:last-of-type", "المصادر"),
        ("/zones/", "h1", "مناطق خفض التصعيد"),
        ("/search/?q=Sochi", "h1", "بحث"),
    ],
}
# The timeline's legend title and the lane of the Sochi congress, as plotly.js draws them.
CHART_LABELS = {
    "en": ("Zone status:", "Sochi congress"),
    "ru": ("Статус зоны:", "Конгресс в Сочи"),
    "tr": ("Bölge durumu:", "Soçi Kongresi"),
    "ar": ("حالة المنطقة:\u200f", "مؤتمر سوتشي"),
}
RESULTS = {"en": "results for", "ru": "по запросу", "tr": "için", "ar": "لـ«Sochi»"}

# Elements whose text must fit their box: a block (or inline-block) whose content is wider
# than it is cut off or spills over its neighbours. Tables scroll inside .table-wrap by design
# and the chart draws in SVG, so both are left out.
OVERFLOWING = """() => {
  const out = [];
  for (const el of document.querySelectorAll(
      "header *, main *, footer *")) {
    if (el.closest(".table-wrap, .chart, svg, .visually-hidden, script, noscript")) continue;
    const style = getComputedStyle(el);
    if (style.display === "inline" || style.display === "none") continue;
    if (el.clientWidth === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      out.push(el.tagName.toLowerCase() + "." + el.className + ": " +
               el.scrollWidth + " > " + el.clientWidth + " " + el.textContent.trim().slice(0, 40));
    }
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    out.push("page: " + root.scrollWidth + " > " + root.clientWidth);
  }
  return out;
}"""


@pytest.mark.parametrize("language", ["en", "ru", "tr", "ar"])
def test_pages_in_each_language_at_desktop_and_phone_width(browser, site, language):
    out = ARTIFACTS
    out.mkdir(parents=True, exist_ok=True)
    for width_name, (width, height) in WIDTHS.items():
        context, page, log = _open(browser, site, width=width, height=height)
        try:
            for path, selector, text in HEADINGS[language]:
                page.goto(site + PREFIX[language] + path)
                html = page.locator("html")
                assert html.get_attribute("lang") == language
                assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
                assert page.locator(selector).first.inner_text().strip().startswith(text), path
                if path == "/":
                    _assert_timeline_labels(page, language)
                if path == "/zones/":
                    page.wait_for_selector(
                        "#zones-map[data-rendered='true']", timeout=CHART_TIMEOUT
                    )
                if path.startswith("/search/"):
                    assert RESULTS[language] in page.locator("[role=status]").inner_text()
                page.wait_for_timeout(200)
                if language == "ar":
                    assert page.evaluate(OVERFLOWING) == [], (width_name, path)
                name = path.strip("/").replace("/", "-").split("?")[0] or "home"
                page.screenshot(path=str(out / f"{language}-{width_name}-{name}.png"))
            log.assert_clean()
        finally:
            context.close()


def _assert_timeline_labels(page, language: str) -> None:
    page.wait_for_selector(".chart-timeline[data-rendered='true']", timeout=CHART_TIMEOUT)
    legend_title, sochi = CHART_LABELS[language]
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('.chart-timeline svg text'))"
        ".map(t => t.textContent)"
    )
    assert legend_title in drawn
    # The lane's name on the axis on a desktop; the annotation carries it on both widths.
    assert (
        any(sochi in t for t in drawn)
        or page.evaluate(
            "() => document.querySelector('.chart-timeline').layout.annotations.length"
        )
        == 0
    )


def test_switching_language_on_a_filtered_timeline_keeps_the_filters(page_and_log, site):
    page, log = page_and_log
    page.goto(site + "/?year=2018&participant=turkey")

    page.locator(".languages button[lang=ar]").click()
    page.wait_for_url("**/ar/?year=2018&participant=turkey")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#f-year").input_value() == "2018"
    assert page.locator("#f-participant").input_value() == "turkey"
    # Remembered: the unprefixed home page now opens in Arabic.
    page.goto(site + "/")
    assert page.url.endswith("/ar/")
    page.locator(".languages button[lang=en]").click()
    page.wait_for_url(site + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    log.assert_clean()
