"""The Content-Security-Policy django-csp sends: strict on pages and the API, relaxed only for
the admin and the API docs."""

import pytest


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/zones/", "/api/v1/rounds/"])
def test_pages_and_api_get_the_strict_policy(client, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    # plotly.js sets style attributes on hover labels; only attributes are allowed inline
    assert policy["style-src-attr"] == "style-src-attr 'unsafe-inline'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["form-action"] == "form-action 'self'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/docs/", "/admin/login/"])
def test_docs_and_admin_may_use_inline_styles_but_never_inline_scripts(client, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self' 'unsafe-inline'"
    assert policy["worker-src"] == "worker-src 'self' blob:"
    assert "style-src-attr" not in policy
