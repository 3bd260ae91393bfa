"""Optimistic concurrency in the API: every record's detail has an ETag, and a write to a
record needs If-Match with it (428 without, 412 when the record changed since)."""

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.test import APIClient

from rounds.models import Citation, Place, Round

REASON = {"HTTP_X_CHANGE_REASON": "Per MFA statement"}
DETAILS = [
    "rounds/8",
    "guarantors/russia",
    "participants/russia",
    "statements/round-1-document-1",
    "events/sochi-congress",
    "zones/idlib",
    "places/astana",
]

pytestmark = pytest.mark.django_db


def _etag(client, url):
    return client.get(url)["ETag"]


@pytest.mark.parametrize("path", [*DETAILS, "citations/first"])
def test_every_record_detail_has_a_strong_etag(api_client, path):
    if path == "citations/first":
        path = f"citations/{Citation.objects.order_by('pk').first().pk}"
    response = api_client.get(f"/api/v1/{path}/")
    assert response.status_code == 200
    tag = response["ETag"]
    assert tag.startswith('"') and tag.endswith('"') and not tag.startswith("W/")
    assert api_client.get(f"/api/v1/{path}/")["ETag"] == tag  # stable while nothing changes


def test_the_etag_changes_with_the_record_and_is_returned_by_the_write(analyst_api):
    url = "/api/v1/places/astana/"
    before = _etag(analyst_api, url)
    response = analyst_api.patch(
        url, {"country": "KZ"}, format="json", HTTP_IF_MATCH=before, **REASON
    )
    assert response.status_code == 200
    assert _version(response["ETag"]) != _version(before)
    assert _version(response["ETag"]) == _version(_etag(analyst_api, url))
    # and the tag a write answers with is good for the next write
    again = analyst_api.patch(
        url, {"country": "KAZ"}, format="json", HTTP_IF_MATCH=response["ETag"], **REASON
    )
    assert again.status_code == 200


def _version(tag: str) -> str:
    """The record's version in an entity tag: what a write is conditional on."""
    return tag.strip('"').split(".", 1)[0]


def test_a_create_returns_the_etag_of_the_new_record(analyst_api):
    response = analyst_api.post(
        "/api/v1/places/", {"slug": "etag-town", "name": "ETag town"}, format="json", **REASON
    )
    assert response.status_code == 201
    assert _version(response["ETag"]) == _version(_etag(analyst_api, "/api/v1/places/etag-town/"))
    assert response["Location"] == "http://testserver/api/v1/places/etag-town/"


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_a_write_without_if_match_is_428_and_writes_nothing(analyst_api, method):
    url = "/api/v1/places/astana/"
    before = Place.objects.get(slug="astana").history.count()
    body = {"slug": "astana", "name": "Astana!", "kind": "city"}
    response = getattr(analyst_api, method)(url, body, format="json", **REASON)
    assert response.status_code == 428
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (428, "precondition_required")
    assert "If-Match" in error["message"]
    assert Place.objects.get(slug="astana").history.count() == before


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_a_write_with_a_stale_etag_is_412_and_writes_nothing(analyst_api, method):
    url = "/api/v1/places/feed-412/"
    analyst_api.post(url.replace("feed-412/", ""), {"slug": "feed-412", "name": "F"}, **REASON)
    stale = _etag(analyst_api, url)
    analyst_api.patch(url, {"country": "Elsewhere"}, format="json", HTTP_IF_MATCH=stale, **REASON)
    body = {"slug": "feed-412", "name": "Overwritten", "kind": "city"}
    response = getattr(analyst_api, method)(url, body, format="json", HTTP_IF_MATCH=stale, **REASON)
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    place = Place.objects.get(slug="feed-412")
    assert (place.name, place.country) == ("F", "Elsewhere")


def test_a_weak_or_unknown_tag_never_matches(analyst_api):
    url = "/api/v1/places/astana/"
    tag = _etag(analyst_api, url)
    for header in (f"W/{tag}", '"nope"'):
        response = analyst_api.patch(
            url, {"country": "KZ"}, format="json", HTTP_IF_MATCH=header, **REASON
        )
        assert response.status_code == 412, header


@pytest.mark.parametrize("header", ["garbage", "abc, def", '"unterminated', 'W/"x", y'])
def test_an_if_match_that_is_not_a_list_of_tags_is_a_400(analyst_api, header):
    url = "/api/v1/places/astana/"
    response = analyst_api.patch(
        url, {"country": "KZ"}, format="json", HTTP_IF_MATCH=header, **REASON
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()["error"]["detail"]
    assert Place.objects.get(slug="astana").country != "KZ"


def test_a_detail_has_a_tag_per_language_and_format(api_client, settings):
    url = "/api/v1/rounds/8/"
    english = api_client.get(url)
    tags = {
        english["ETag"],
        api_client.get(url, HTTP_ACCEPT_LANGUAGE="ar")["ETag"],
        api_client.get(f"{url}?lang=ru")["ETag"],
        api_client.get(f"{url}?format=csv")["ETag"],
    }
    assert len(tags) == 4
    assert len({_version(t) for t in tags}) == 1  # one version of the record
    # A cache revalidating its English copy for an Arabic reader is not told "unchanged"
    arabic = api_client.get(url, HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=english["ETag"])
    assert arabic.status_code == 200 and arabic.json()["name"] == "أستانا 8"
    same = api_client.get(url, HTTP_IF_NONE_MATCH=english["ETag"])
    assert same.status_code == 304


def test_a_tag_read_in_another_language_or_format_is_good_for_a_write(analyst_api):
    url = "/api/v1/places/astana/"
    for read in (f"{url}?lang=ar", f"{url}?format=csv"):
        tag = analyst_api.get(read)["ETag"]
        response = analyst_api.patch(
            url, {"country": f"KZ {read[-3:]}"}, format="json", HTTP_IF_MATCH=tag, **REASON
        )
        assert response.status_code == 200, read


def test_a_change_to_a_record_shown_inside_a_detail_changes_its_tag(analyst_api):
    # Round 8's detail shows its events; an event's change is not a change of the round's
    # stored fields, but it is a change of what its detail shows.
    url = "/api/v1/rounds/8/"
    before = analyst_api.get(url)
    event = before.json()["events"][0]["slug"]
    event_url = f"/api/v1/events/{event}/"
    changed = analyst_api.patch(
        event_url,
        {"title": "Renamed for the test"},
        format="json",
        HTTP_IF_MATCH=_etag(analyst_api, event_url),
        **REASON,
    )
    assert changed.status_code == 200
    after = analyst_api.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Renamed for the test" in [e["title"] for e in after.json()["events"]]
    assert _version(after["ETag"]) == _version(before["ETag"])  # the round itself is unchanged


def test_if_match_may_list_tags_or_be_a_star(analyst_api):
    url = "/api/v1/places/astana/"
    tag = _etag(analyst_api, url)
    listed = analyst_api.patch(
        url, {"country": "KZ"}, format="json", HTTP_IF_MATCH=f'"old", {tag}', **REASON
    )
    assert listed.status_code == 200
    star = analyst_api.patch(url, {"country": "KAZ"}, format="json", HTTP_IF_MATCH="*", **REASON)
    assert star.status_code == 200
    assert Place.objects.get(slug="astana").country == "KAZ"


def test_permission_and_missing_records_come_before_the_precondition(reader_api, analyst_api):
    assert reader_api.patch("/api/v1/rounds/8/", {"name": "x"}, **REASON).status_code == 403
    assert analyst_api.patch("/api/v1/rounds/999/", {"name": "x"}, **REASON).status_code == 404


def test_two_analysts_from_the_same_read_one_is_refused_and_redoes_it(analyst_api):
    # Given a second analyst, and both read round 12's ETag
    other = User.objects.create_user("analyst2", is_staff=True)
    other.groups.add(Group.objects.get(name="Analysts"))
    second = APIClient()
    second.force_authenticate(other)
    url = "/api/v1/rounds/12/"
    tag = _etag(analyst_api, url)
    # When both PATCH a different field with it
    first = analyst_api.patch(url, {"venue": "Hall A"}, format="json", HTTP_IF_MATCH=tag, **REASON)
    late = second.patch(url, {"date_note": "n"}, format="json", HTTP_IF_MATCH=tag, **REASON)
    # Then the first succeeds, the second is told the record changed and succeeds on a re-read
    assert (first.status_code, late.status_code) == (200, 412)
    again = second.patch(
        url, {"date_note": "n"}, format="json", HTTP_IF_MATCH=_etag(second, url), **REASON
    )
    assert again.status_code == 200
    rnd = Round.objects.get(number=12)
    assert (rnd.venue, rnd.date_note) == ("Hall A", "n")
    assert rnd.history.first().history_user == other


def test_schema_documents_if_match_etag_412_and_428(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = schema.json()["paths"]
    detail = paths["/api/v1/rounds/{number}/"]
    for method in ("put", "patch", "delete"):
        operation = detail[method]
        header = next(p for p in operation["parameters"] if p["name"] == "If-Match")
        assert header["in"] == "header" and header["required"] is True
        assert {"412", "428"} <= set(operation["responses"])
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]
    assert "412" not in detail["get"]["responses"]
    assert "ETag" in paths["/api/v1/rounds/"]["post"]["responses"]["201"]["headers"]


def test_an_invalid_body_is_reported_before_a_stale_etag(analyst_api):
    response = analyst_api.patch(
        "/api/v1/places/astana/", {"name": "   "}, format="json", HTTP_IF_MATCH='"old"', **REASON
    )
    assert response.status_code == 400
