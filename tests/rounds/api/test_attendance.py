"""``/api/v1/attendance/``: delegations by round and participant, against the reference data."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import rounds

pytestmark = pytest.mark.django_db

REFERENCE = Path(rounds.__file__).parent / "reference" / "astana.json"


def reference_delegations() -> list[dict]:
    """(round, participant slug, role, head) of every delegation in the reference data."""
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return [
        {
            "round": r["number"],
            "participant": d["participant"],
            "role": d["role"],
            "head": d.get("head_of_delegation", ""),
            "sources": sorted(s["url"] for s in r.get("sources", [])),
        }
        for r in data["rounds"]
        for d in r.get("delegations", [])
    ]


def _key(row: dict) -> tuple:
    return row["round"], row["participant"], row["role"], row["head"]


def _expected(**where) -> list[tuple]:
    rows = [r for r in reference_delegations() if all(r[k] == v for k, v in where.items())]
    return sorted(_key(r) for r in rows)


def _json_rows(api_client, query: str) -> list[dict]:
    response = api_client.get(f"/api/v1/attendance/?{query}&page_size=500&expand=sources")
    assert response.status_code == 200
    return [
        {
            "round": r["round"],
            "participant": r["participant"]["slug"],
            "role": r["role"],
            "head": r["head"],
            "sources": [c["url"] for c in r["sources"]],
            "sources_of": r["sources_of"],
        }
        for r in response.json()["results"]
    ]


def _csv_rows(api_client, query: str) -> list[dict]:
    response = api_client.get(
        f"/api/v1/attendance/?{query}&format=csv&page_size=500&expand=sources"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_round_8_attendance_matches_the_reference(api_client):
    rows = _json_rows(api_client, "round=8")

    assert sorted(_key(r) for r in rows) == _expected(round=8)
    assert ("8", "syrian-government", "syrian_government", "Bashar al-Jaafari") in {
        (str(r["round"]), r["participant"], r["role"], r["head"]) for r in rows
    }
    source_urls = next(r for r in reference_delegations() if r["round"] == 8)["sources"]
    assert all(sorted(r["sources"]) == source_urls and r["sources_of"] == "round" for r in rows)


def test_jordan_across_rounds_matches_the_reference(api_client):
    rows = _json_rows(api_client, "participant=jordan")

    assert sorted(_key(r) for r in rows) == _expected(participant="jordan")
    assert {r["role"] for r in rows} == {"observer"}
    assert [r["round"] for r in rows] == sorted(r["round"] for r in rows)


@pytest.mark.parametrize(
    ("query", "where"),
    [("round=8", {"round": 8}), ("participant=jordan", {"participant": "jordan"})],
)
def test_csv_export_matches_the_reference(api_client, query, where):
    rows = _csv_rows(api_client, query)

    got = sorted((int(r["round"]), r["participant.slug"], r["role"], r["head"]) for r in rows)
    assert got == _expected(**where)
    assert all(r["page_url"].endswith(f"/rounds/{r['round']}/") for r in rows)
    assert all(r["sources"].startswith("http") for r in rows)


def test_year_and_role_filter_like_the_rounds_filters(api_client):
    rows = _json_rows(api_client, "year=2017&role=observer")

    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    rounds_2017 = {r["number"] for r in data["rounds"] if r["start_date"].startswith("2017")}
    expected = sorted(
        _key(r)
        for r in reference_delegations()
        if r["round"] in rounds_2017 and r["role"] == "observer"
    )
    assert sorted(_key(r) for r in rows) == expected


def test_a_malformed_filter_is_a_400_in_the_error_shape(api_client):
    response = api_client.get("/api/v1/attendance/?year=twenty")

    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_attendance_is_read_only(analyst_api):
    response = analyst_api.post("/api/v1/attendance/", {}, format="json")

    assert response.status_code == 405


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_attendance_list_takes_a_fixed_number_of_queries(api_client):
    # Warm the caches (content types), with the sources, as the counts below are.
    _queries(api_client, "/api/v1/attendance/?page_size=1&expand=sources")

    one = _queries(api_client, "/api/v1/attendance/?page_size=1&expand=sources")
    all_rows = _queries(api_client, "/api/v1/attendance/?page_size=500&expand=sources")
    as_csv = _queries(api_client, "/api/v1/attendance/?page_size=500&format=csv&expand=sources")
    assert one == all_rows == as_csv == 4  # count, delegations, their citations, rounds'

    lean_one = _queries(api_client, "/api/v1/attendance/?page_size=1")
    lean_all = _queries(api_client, "/api/v1/attendance/?page_size=500&format=csv")
    assert lean_one == lean_all == 2  # count, delegations (whose sources: an EXISTS)


def test_the_list_leaves_sources_to_expand_and_still_says_whose_they_are(api_client):
    from django.contrib.contenttypes.models import ContentType

    from rounds.models import Citation, Delegation

    jordan_at_8 = Delegation.objects.filter(participant__slug="jordan").order_by("round__number")[0]
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Delegation),
        object_id=jordan_at_8.pk,
        url="https://example.org/jordan-at-astana-8",
    )
    url = "/api/v1/attendance/?page_size=500"
    lean = api_client.get(url).json()["results"]
    full = api_client.get(url + "&expand=sources").json()["results"]

    assert lean and all("sources" not in row for row in lean)
    assert [r["sources_of"] for r in lean] == [r["sources_of"] for r in full]
    assert {r["sources_of"] for r in lean} == {"round", "delegation"}
    jordan = next(
        r
        for r in full
        if r["round"] == jordan_at_8.round.number and r["participant"]["slug"] == "jordan"
    )
    assert jordan["sources_of"] == "delegation"
    assert [c["url"] for c in jordan["sources"]] == ["https://example.org/jordan-at-astana-8"]
    for row in full:
        assert len(row["sources"]) <= 20
        without = {k: v for k, v in row.items() if k != "sources"}
        assert without in lean
    assert api_client.get(url + "&expand=citations").status_code == 400
