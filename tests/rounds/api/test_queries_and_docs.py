"""No N+1 in lists, throttling that follows settings, and the schema and docs served locally."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory, RoundFactory, first_event_has_a_parent

LISTS = [
    "rounds",
    "guarantors",
    "participants",
    "statements",
    "events",
    "zones",
    "places",
    "citations",
    "attendance",
    "changes",
]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_list_query_count_does_not_grow_with_page_size(api_client, resource, kept_tables):
    """As deployed: a list reads the small tables it names (places, rounds) once per data
    version (the warm-up), then by no query at all."""
    RoundFactory.create_batch(3)
    EventFactory.create_batch(3)
    first_event_has_a_parent()  # an event's parent is read by a query of its own, when any
    _queries(api_client, f"/api/v1/{resource}/?page_size=1")  # warm caches (content types)
    one = _queries(api_client, f"/api/v1/{resource}/?page_size=1")
    hundred = _queries(api_client, f"/api/v1/{resource}/?page_size=100")
    assert one == hundred, f"{resource}: {one} queries for 1 record, {hundred} for 100"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "timelinejs"])
def test_formats_add_no_queries(api_client, fmt):
    as_json = _queries(api_client, "/api/v1/rounds/?page_size=100")
    assert _queries(api_client, f"/api/v1/rounds/?page_size=100&format={fmt}") == as_json


@pytest.mark.django_db
def test_anonymous_clients_are_throttled_by_the_configured_rate(api_client, settings):
    cache.clear()
    rest = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "5/minute"},
    }
    with override_settings(REST_FRAMEWORK=rest):
        assert api_client.get("/api/v1/places/").status_code == 200
        assert api_client.get("/api/v1/places/").status_code == 200
        response = api_client.get("/api/v1/places/")
    cache.clear()
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_users_have_their_own_higher_rate(analyst_api, settings):
    cache.clear()
    rest = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "3/minute"},
    }
    with override_settings(REST_FRAMEWORK=rest):
        statuses = [analyst_api.get("/api/v1/places/").status_code for _ in range(4)]
    cache.clear()
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_schema_is_openapi_3_with_every_resource(api_client):
    response = api_client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/rounds/{number}/",
        "/api/v1/changes/",
        "/api/v1/zones/",
        "/api/v1/citations/{id}/",
    ):
        assert path in schema["paths"]
    create = schema["paths"]["/api/v1/rounds/"]["post"]
    assert any(p["name"] == "X-Change-Reason" and p["in"] == "header" for p in create["parameters"])
    assert "Error" in schema["components"]["schemas"]
    assert "422" in create["responses"] and "401" in create["responses"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/docs/redoc/"])
def test_docs_use_only_our_own_static_files(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls
    for url in urls:
        assert url.startswith("/static/") or url.startswith("/api/v1/"), url
    assert "cdn" not in html.lower()
