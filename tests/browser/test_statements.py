"""A statement page with an attached text: a reader sees each paragraph's change marked."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from rounds.models import Statement
from tests.factories import RoundFactory, StatementFactory
from tests.rounds.statement_texts import EXPECTED_KINDS, NEWER_PATH, OLDER_BODY

pytestmark = pytest.mark.browser


def test_statement_page_marks_moved_reworded_added_and_removed_paragraphs(
    page_and_log, site, tmp_path
):
    page, log = page_and_log
    StatementFactory(
        slug="browser-older",
        title="Joint statement of the guarantors (test text, earlier round)",
        round=RoundFactory(number=160),
        text=OLDER_BODY,
    )
    StatementFactory(
        slug="browser-newer",
        title="Joint statement of the guarantors (test text, later round)",
        round=RoundFactory(number=161),
    )
    call_command("statement_attach", "browser-newer", str(NEWER_PATH))
    newer = Statement.objects.get(slug="browser-newer")

    page.goto(site + newer.get_absolute_url())

    rows = page.locator("ol.paragraph-diff > li")
    assert [rows.nth(i).get_attribute("data-kind") for i in range(rows.count())] == EXPECTED_KINDS
    moved = page.locator(".paragraph-diff .para-moved .para-mark")
    assert moved.text_content() == "Moved from paragraph 5"
    assert moved.is_visible()
    reworded = page.locator(".paragraph-diff .para-reworded")
    assert "urgent" in reworded.locator("ins").all_inner_texts()[0]
    # A removed paragraph is struck through, an added one highlighted, as the reader sees them.
    removed = page.locator(".paragraph-diff .para-removed del")
    assert removed.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    added = page.locator(".paragraph-diff .para-added ins")
    assert added.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    summary = page.locator("ul.change-summary").inner_text()
    assert "1 reworded" in summary and "1 moved" in summary and "2 unchanged" in summary
    log.assert_clean()

    # ``scripts/screenshots.py`` sets SCREENSHOTS_DIR to write the README's image.
    shot = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path) / "statement.png"
    page.set_viewport_size({"width": 1280, "height": 1100})
    page.locator("#changes").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
