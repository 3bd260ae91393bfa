"""ReDoc's page and bundle come from this site, with no address outside it."""

import pytest


@pytest.mark.django_db
def test_redoc_loads_its_bundle_from_this_site(client):
    html = client.get("/api/v1/docs/redoc/").content.decode()

    assert '<script src="/api/v1/docs/redoc/redoc.standalone.js">' in html
    assert "https://" not in html


def test_the_redoc_bundle_has_no_outside_logo(client):
    response = client.get("/api/v1/docs/redoc/redoc.standalone.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content
    assert b"cdn.redoc.ly" not in body
    assert b"Redoc" in body and len(body) > 100_000
