"""The API documentation renders under the site's Content-Security-Policy, from our files."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "selector"),
    [("/api/v1/docs/", ".swagger-ui .opblock"), ("/api/v1/docs/redoc/", "redoc [role=menuitem]")],
)
def test_api_docs_render_with_no_console_errors(page_and_log, site, path, selector):
    page, log = page_and_log
    page.goto(site + path)
    page.wait_for_selector(selector, timeout=30_000)
    assert page.locator(selector).count() > 5  # the operations are listed
    assert "rounds" in page.content()
    log.assert_clean()
