"""Malformed requests are a 4xx in the one JSON error shape, never a 500."""

import json

import pytest
from django.test import Client

from rounds.models import Round

REASON = "HTTP_X_CHANGE_REASON"


def _error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "detail"}
    assert error["status"] == status
    return error


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=%00",
        "/search/?q=a%00b",
        "/api/v1/rounds/?search=%00",
        "/api/v1/events/?kind=%00",
        "/rounds/?year=%00",
        "/feeds/latest.atom?x=%00",
    ],
)
def test_a_nul_in_the_query_string_is_a_400(client, path):
    _error(client.get(path), 400)


@pytest.mark.django_db
def test_a_raw_nul_in_a_header_is_a_400(client):
    _error(client.get("/api/v1/rounds/", HTTP_X_ANYTHING="a\x00b"), 400)


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["%00abc", "a%0bc", "%7f", "\x01raw"])
def test_control_characters_in_the_change_reason_are_a_422(analyst_api, reason):
    before = Round.objects.get(number=8).name
    response = analyst_api.patch(
        "/api/v1/rounds/8/", {"name": "Renamed"}, format="json", **{REASON: reason}
    )
    error = _error(response, 422)
    assert "X-Change-Reason" in error["detail"]
    assert Round.objects.get(number=8).name == before  # nothing half-written


@pytest.mark.django_db
def test_json_nested_100000_deep_is_a_400(analyst_api):
    body = "[" * 100_000 + "]" * 100_000
    response = analyst_api.generic(
        "PATCH", "/api/v1/rounds/8/", body, content_type="application/json", **{REASON: "x"}
    )
    _error(response, 400)


@pytest.mark.django_db
def test_json_nested_deep_inside_strings_is_not_counted(analyst_api):
    body = json.dumps({"summary": "[" * 1000})
    response = analyst_api.generic(
        "PATCH",
        "/api/v1/rounds/8/",
        body,
        content_type="application/json",
        **{REASON: "x", "HTTP_IF_MATCH": "*"},
    )
    assert response.status_code == 200, response.content[:300]


@pytest.mark.django_db
def test_a_20_mb_body_is_a_413(analyst_api):
    body = json.dumps({"summary": "x" * 20_000_000})
    response = analyst_api.generic(
        "PATCH", "/api/v1/rounds/8/", body, content_type="application/json", **{REASON: "x"}
    )
    _error(response, 413)


@pytest.mark.django_db
def test_a_body_over_the_limit_without_json_type_is_a_413_too(client):
    response = client.generic(
        "POST", "/api/v1/rounds/", b"x" * 3_000_000, content_type="text/plain"
    )
    _error(response, 413)


@pytest.mark.django_db
def test_an_unparsable_content_length_is_a_400():
    response = Client().generic(
        "POST", "/api/v1/rounds/", b"{}", content_type="application/json", CONTENT_LENGTH="-5"
    )
    _error(response, 400)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    ["{", '{"name": }', '"just a string"', "[]", "\xff\xfe", '{"name": "\\ud800"}'],
)
def test_malformed_json_bodies_are_4xx_in_the_error_shape(analyst_api, body):
    response = analyst_api.generic(
        "PATCH",
        "/api/v1/rounds/8/",
        body.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        **{REASON: "x"},
    )
    assert 400 <= response.status_code < 500
    assert "error" in response.json()
