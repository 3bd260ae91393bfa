"""Every format parses with a real parser and carries the same records as JSON."""

import csv
import io
import json

import pytest
from icalendar import Calendar

from tests.api_helpers import if_match

LISTS = [
    "rounds",
    "guarantors",
    "participants",
    "statements",
    "events",
    "zones",
    "places",
    "citations",
]


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_every_list_as_csv(api_client, resource):
    as_json = api_client.get(f"/api/v1/{resource}/").json()
    response = api_client.get(f"/api/v1/{resource}/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == len(as_json["results"])
    key = "number" if resource == "rounds" else "id" if resource == "citations" else "slug"
    assert [r[key] for r in rows] == [str(r[key]) for r in as_json["results"]]


@pytest.mark.django_db
def test_round_csv_flattens_the_next_meeting_and_joins_lists(api_client):
    rows = list(
        csv.DictReader(io.StringIO(api_client.get("/api/v1/rounds/?format=csv").content.decode()))
    )
    assert "next_meeting.start" in rows[0]
    assert rows[0]["outcomes"].count("; ") == 1  # round 1 has two outcomes


@pytest.mark.django_db
def test_csv_neutralises_formulas(analyst_api, api_client):
    analyst_api.patch(
        "/api/v1/places/astana/",
        {"country": "=HYPERLINK(1)"},
        format="json",
        HTTP_X_CHANGE_REASON="t",
        **if_match(analyst_api, "/api/v1/places/astana/"),
    )
    rows = list(
        csv.DictReader(
            io.StringIO(api_client.get("/api/v1/places/?format=csv&search=astana").content.decode())
        )
    )
    assert rows[0]["country"] == "'=HYPERLINK(1)"


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["zones", "places"])
def test_geojson_feature_collection(api_client, resource):
    response = api_client.get(f"/api/v1/{resource}/?format=geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert body["features"] and body["numberMatched"] == len(body["features"])
    for feature in body["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        else:
            assert geometry["type"] in {"Polygon", "MultiPolygon"}
            rings = (
                geometry["coordinates"]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"][0]
            )
            ring = rings[0]
            assert ring[0] == ring[-1] and len(ring) >= 4
            # Syria lies east of 35°E and north of 32°N: [lon, lat], not [lat, lon].
            assert all(35 <= lon <= 43 and 32 <= lat <= 38 for lon, lat in ring)


@pytest.mark.django_db
def test_zone_geojson_has_polygons(api_client):
    body = json.loads(api_client.get("/api/v1/zones/?format=geojson").content)
    assert {f["geometry"]["type"] for f in body["features"]} <= {"Polygon", "MultiPolygon"}
    assert len(body["features"]) == 4 and all(f["id"] for f in body["features"])


@pytest.mark.django_db
def test_geojson_is_not_offered_for_rounds(api_client):
    response = api_client.get("/api/v1/rounds/?format=geojson")
    assert response.status_code == 406
    assert response.json()["error"]["code"] == "not_acceptable"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xml", "", "yaml"])
def test_an_unknown_format_is_a_406_in_the_error_shape(api_client, fmt):
    response = api_client.get(f"/api/v1/events/?format={fmt}")

    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == 406 and error["code"] == "not_acceptable"
    assert "json, csv, ics, timelinejs" in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/rounds/999/",
        "/api/v1/rounds/abc/",
        "/api/v1/events/no-such-event/",
        "/api/v1/citations/99999999/",
        "/api/v1/articles/99999999/",
        "/api/v1/no-such-resource/",
        "/api/v1/rounds/?page=999",
    ],
)
def test_every_404_has_the_one_code(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_events_as_icalendar(api_client):
    as_json = api_client.get("/api/v1/events/?page_size=500").json()["results"]
    response = api_client.get("/api/v1/events/?format=ics&page_size=500")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entries = list(calendar.walk("VEVENT"))
    dated = [e for e in as_json if e["start_date"]]
    assert len(entries) == len(dated)
    congress = next(e for e in entries if str(e["UID"]) == "sochi-congress@astana-tracker")
    assert congress.decoded("DTSTART").isoformat() == "2018-01-29"
    assert congress.decoded("DTEND").isoformat() == "2018-01-31"  # exclusive end
    assert str(congress["LOCATION"]) == "Sochi"


@pytest.mark.django_db
def test_calendar_entries_link_to_the_event_page_not_the_api(api_client):
    response = api_client.get("/api/v1/events/?format=ics&page_size=500")

    entries = list(Calendar.from_ical(response.content).walk("VEVENT"))
    congress = next(e for e in entries if str(e["UID"]) == "sochi-congress@astana-tracker")
    assert str(congress["URL"]) == "http://testserver/events/sochi-congress/"
    assert all("/api/" not in str(e["URL"]) for e in entries)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["events", "rounds"])
def test_timelinejs(api_client, resource):
    response = api_client.get(f"/api/v1/{resource}/?format=timelinejs")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["title"]["text"]["headline"]
    assert body["events"]
    for slide in body["events"]:
        assert isinstance(slide["start_date"]["year"], int)
        assert slide["text"]["headline"]
        assert "<" not in slide["text"]["headline"]
    if resource == "rounds":
        first = body["events"][0]
        assert first["start_date"] == {"year": 2017, "month": 1, "day": 23}


@pytest.mark.django_db
def test_errors_stay_json_whatever_the_format(api_client):
    response = api_client.get("/api/v1/events/?format=ics&year=x")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == 400


@pytest.mark.django_db
def test_detail_as_csv_is_one_row(api_client):
    rows = list(
        csv.DictReader(io.StringIO(api_client.get("/api/v1/rounds/8/?format=csv").content.decode()))
    )
    assert len(rows) == 1 and rows[0]["number"] == "8"
