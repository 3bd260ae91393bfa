"""The changes feed: one feed over every curated type's history, deletions included."""

import base64
import datetime
import json

import pytest
from django.utils import timezone

from rounds.choices import DelegationRole
from rounds.models import Delegation
from tests.api_helpers import if_match
from tests.factories import ParticipantFactory, RoundFactory

REASON = {"HTTP_X_CHANGE_REASON": "Sync test"}


def _all_changes(client, url):
    entries = []
    while url:
        body = client.get(url).json()
        entries += body["results"]
        url = body["next"]
    return entries, body["cursor"]


@pytest.mark.django_db
def test_feed_sees_a_create_an_update_and_a_delete(analyst_api, api_client):
    since = timezone.now().isoformat()
    analyst_api.post(
        "/api/v1/places/", {"slug": "feed-town", "name": "Feed town"}, format="json", **REASON
    )
    analyst_api.patch(
        "/api/v1/places/feed-town/",
        {"country": "Nowhere"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/places/feed-town/"),
    )
    analyst_api.patch(
        "/api/v1/rounds/8/",
        {"venue": "Elsewhere"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    analyst_api.delete(
        "/api/v1/places/feed-town/", **REASON, **if_match(analyst_api, "/api/v1/places/feed-town/")
    )

    response = api_client.get("/api/v1/changes/", {"since": since})
    assert response.status_code == 200
    entries = response.json()["results"]
    assert [(e["type"], e["key"], e["action"]) for e in entries] == [
        ("place", "feed-town", "created"),
        ("place", "feed-town", "updated"),
        ("round", 8, "updated"),
        ("place", "feed-town", "deleted"),
    ]
    assert all(e["reason"] == "Sync test" for e in entries)
    assert entries[2]["url"].endswith("/api/v1/rounds/8/")
    assert entries[0]["url"].endswith("/api/v1/places/feed-town/")
    assert entries[3]["url"] is None
    times = [e["time"] for e in entries]
    assert times == sorted(times)


@pytest.mark.django_db
def test_user_names_are_shown_to_staff_only(analyst_api, api_client, reader_api):
    since = timezone.now().isoformat()
    analyst_api.patch(
        "/api/v1/rounds/8/",
        {"venue": "Elsewhere"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert (
        analyst_api.get("/api/v1/changes/", {"since": since}).json()["results"][0]["user"]
        == "analyst"
    )
    assert api_client.get("/api/v1/changes/", {"since": since}).json()["results"][0]["user"] is None
    assert reader_api.get("/api/v1/changes/", {"since": since}).json()["results"][0]["user"] is None


@pytest.mark.django_db
def test_paging_through_the_whole_history_is_stable_and_complete(api_client):
    paged, _ = _all_changes(api_client, "/api/v1/changes/?page_size=97")
    whole = api_client.get("/api/v1/changes/?page_size=500").json()
    keys = [(e["type"], e["history_id"]) for e in paged]
    assert len(keys) == len(set(keys))  # no entry twice across pages
    assert keys[:500] == [(e["type"], e["history_id"]) for e in whole["results"]]
    assert {e["type"] for e in paged} >= {"round", "delegation", "event", "zone", "citation"}


@pytest.mark.django_db
def test_the_cursor_resumes_after_the_last_change_seen(api_client, analyst_api):
    _, cursor = _all_changes(api_client, "/api/v1/changes/?page_size=500")
    assert api_client.get("/api/v1/changes/", {"cursor": cursor}).json()["results"] == []

    analyst_api.patch(
        "/api/v1/zones/idlib/",
        {"monitoring": "Turkish posts"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/zones/idlib/"),
    )
    later = api_client.get("/api/v1/changes/", {"cursor": cursor}).json()
    assert [(e["type"], e["key"], e["action"]) for e in later["results"]] == [
        ("zone", "idlib", "updated")
    ]
    assert later["cursor"] != cursor


@pytest.mark.django_db
def test_feed_filters_by_type(api_client):
    entries = api_client.get(
        "/api/v1/changes/?type=zone&type=zone_status_change&page_size=500"
    ).json()["results"]
    assert entries and {e["type"] for e in entries} == {"zone", "zone_status_change"}
    status_change = next(e for e in entries if e["type"] == "zone_status_change")
    assert "/api/v1/zones/" in status_change["url"]


@pytest.mark.django_db
def test_a_future_since_returns_nothing_and_a_bad_cursor_is_refused(api_client):
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    assert api_client.get("/api/v1/changes/", {"since": future}).json()["results"] == []
    response = api_client.get("/api/v1/changes/", {"cursor": "not-a-cursor"})
    assert response.status_code == 422
    assert "cursor" in response.json()["error"]["detail"]


def _cursor(*parts) -> str:
    raw = json.dumps(list(parts)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.django_db
@pytest.mark.parametrize("types", [[], ["governorate"], ["round", "zone"]])
def test_the_cursor_of_an_empty_page_is_accepted_back(api_client, types):
    # Given a since after every change: an empty page, positioned before that time
    future = (timezone.now() + datetime.timedelta(days=3650)).isoformat()
    empty = api_client.get("/api/v1/changes/", {"since": future, "type": types})
    assert empty.json()["results"] == []

    # When its cursor is sent back
    again = api_client.get("/api/v1/changes/", {"cursor": empty.json()["cursor"], "type": types})

    # Then the feed accepts it, still finds nothing, and gives the same cursor back
    assert again.status_code == 200
    assert again.json() == {"results": [], "next": None, "cursor": empty.json()["cursor"]}


@pytest.mark.django_db
def test_the_cursor_of_an_empty_page_resumes_at_its_time(api_client, analyst_api):
    # Given the cursor of an empty page read with since=now
    since = timezone.now().isoformat()
    cursor = api_client.get("/api/v1/changes/", {"since": since}).json()["cursor"]

    # When a record is created afterwards
    analyst_api.post(
        "/api/v1/places/", {"slug": "cursor-town", "name": "Cursor town"}, format="json", **REASON
    )

    # Then the cursor finds that change
    later = api_client.get("/api/v1/changes/", {"cursor": cursor})
    assert later.status_code == 200
    assert [(e["type"], e["key"], e["action"]) for e in later.json()["results"]] == [
        ("place", "cursor-town", "created")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        _cursor("2026-11-30T12:40:00+00:00", "", 5),  # before a time, yet after an entry
        _cursor("2026-11-30T12:40:00+00:00", "round", 0),  # a type without an entry
        _cursor("2026-11-30T12:40:00+00:00", "round", -3),
        _cursor("2026-11-30T12:40:00+00:00", "article", 3),  # not a feed type
        _cursor("2026-11-30T12:40:00", "round", 3),  # no offset
        _cursor("2026-11-30T12:40:00+00:00", "round", "3"),
        _cursor("2026-11-30T12:40:00+00:00", "round", True),
        _cursor("2026-11-30T12:40:00+00:00", "round"),
        _cursor(["2026-11-30T12:40:00+00:00"], "round", 3),
        base64.urlsafe_b64encode(b'{"a": 1, "b": 2, "c": 3}').decode(),
        base64.urlsafe_b64encode(b'"abc"').decode(),
        "bm90IGpzb24",  # base64 of "not json"
        "not-a-cursor",
        "\u00e9t\u00e9",
    ],
)
def test_a_cursor_the_feed_did_not_issue_is_refused(api_client, cursor):
    response = api_client.get("/api/v1/changes/", {"cursor": cursor})
    assert response.status_code == 422
    assert "cursor" in response.json()["error"]["detail"]


@pytest.mark.django_db
def test_a_citation_entry_links_to_its_citation(api_client):
    entry = api_client.get("/api/v1/changes/?type=citation&page_size=1").json()["results"][0]
    assert entry["action"] == "created"
    assert entry["url"].endswith(f"/api/v1/citations/{entry['id']}/")
    assert api_client.get(entry["url"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("type_name", "parent"), [("delegation", "/api/v1/rounds/"), ("zone_status_change", "/zones/")]
)
def test_a_record_without_a_public_key_is_keyed_by_its_id(api_client, type_name, parent):
    entries = api_client.get(f"/api/v1/changes/?type={type_name}&page_size=50").json()["results"]
    assert entries
    assert all(e["key"] == e["id"] for e in entries)
    assert all(parent in e["url"] for e in entries)


@pytest.mark.django_db
def test_a_delegation_of_a_deleted_round_links_nowhere(api_client):
    # Given a delegation created at a round, then the round deleted (with its delegations)
    since = timezone.now().isoformat()
    round_ = RoundFactory()
    delegation = Delegation.objects.create(
        round=round_, participant=ParticipantFactory(), role=DelegationRole.GUARANTOR
    )
    round_.delete()

    # Then the delegation's entries have no url: the round that showed it is gone
    entries = api_client.get("/api/v1/changes/", {"since": since, "type": "delegation"}).json()
    assert [(e["key"], e["action"], e["url"]) for e in entries["results"]] == [
        (delegation.id, "created", None),
        (delegation.id, "deleted", None),
    ]
