"""The admin in headless Chromium, at a laptop's width."""

import pytest
from django.contrib.auth.models import User

from rounds.models import Round

pytestmark = pytest.mark.browser


def test_round_change_form_fits_1366_px_with_every_section_open(browser, site):
    User.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")

    page.goto(site + f"/admin/rounds/round/{Round.objects.get(number=8).pk}/change/")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")

    assert page.locator("#delegations-group tr.has_original").count() >= 6
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    context.close()
