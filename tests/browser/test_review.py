"""Reviewing suggestions in the admin from the keyboard, in headless Chromium."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from rounds.models import Round, Suggestion
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "round23_en.txt"


@pytest.fixture
def analyst_page(browser, site):
    user = User.objects.create_user(
        "aigerim", "aigerim@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Analysts"))
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "aigerim")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page, user
    context.close()


def test_an_analyst_reviews_an_ingested_queue_from_the_keyboard(analyst_page, site):
    page, user = analyst_page
    # Given the queue an ingested article about round 23 leaves
    call_command("ingest_file", str(ARTICLE), "--published", "2025-02-10", verbosity=0)
    new_round = Suggestion.objects.get(kind="new_round")
    next_meeting = Suggestion.objects.get(kind="round_next_meeting")
    page.goto(site + "/admin/")
    assert page.locator("#pending-suggestions strong").inner_text() == "2"
    page.get_by_role("link", name="Review the queue").click()
    page.wait_for_url("**/admin/rounds/suggestion/?status__exact=pending")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0  # every column fits at 1366 px
    assert page.get_by_role("link", name="New round 23: 3–4 Mar 2025, Astana").count() == 1

    # When the analyst corrects the new round's end date and accepts it with the keyboard
    page.get_by_role("link", name="New round 23: 3–4 Mar 2025, Astana").click()
    page.wait_for_url(re.compile(rf"/admin/rounds/suggestion/{new_round.pk}/change/"))
    assert axe_violations(page) == []
    page.fill("#id_proposed_end", "2025-03-05")
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    # ...lands on the next suggestion in the queue and rejects it with the keyboard
    page.wait_for_url(re.compile(rf"/admin/rounds/suggestion/{next_meeting.pk}/change/$"))
    page.keyboard.press("r")
    page.wait_for_url(re.compile(r"/admin/rounds/suggestion/$"))

    # Then the round exists as corrected, the announcement was not applied, and history says
    # who did what and why
    rnd = Round.objects.get(number=23)
    assert (str(rnd.start_date), str(rnd.end_date)) == ("2025-03-03", "2025-03-05")
    created = rnd.history.earliest()
    assert created.history_user == user
    assert f"Accepted suggestion #{new_round.pk}" in created.history_change_reason
    assert Round.objects.get(number=22).next_meeting_text == ""
    new_round.refresh_from_db()
    next_meeting.refresh_from_db()
    assert (new_round.status, new_round.applied["end"], new_round.reviewed_by) == (
        "accepted",
        "2025-03-05",
        user,
    )
    assert (next_meeting.status, next_meeting.reviewed_by) == ("rejected", user)
    assert next_meeting.history.latest().history_user == user
