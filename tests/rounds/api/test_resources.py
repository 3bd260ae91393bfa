"""Every resource by role: anyone reads, only analysts write, writes leave history."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rounds.models import Event, Participant, Place, Round, Statement, Zone
from tests.api_helpers import if_match

REASON = {"HTTP_X_CHANGE_REASON": "Per MFA statement"}

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
DETAILS = [
    "rounds/8",
    "guarantors/russia",
    "participants/russia",
    "statements/round-1-document-1",
    "events/sochi-congress",
    "zones/idlib",
    "places/astana",
]
# resource -> (new record, the field a PATCH changes and its new value)
WRITABLE = {
    "rounds": ({"number": 90, "name": "Astana-90", "city": "Astana"}, ("name", "Astana-XC")),
    "participants": (
        {"slug": "test-state", "name": "Test state", "kind": "state"},
        ("short_name", "JO"),
    ),
    "statements": (
        {"slug": "new-statement", "title": "A statement", "kind": "statement"},
        ("title", "Another title"),
    ),
    "events": (
        {"slug": "new-event", "kind": "summit", "title": "A summit", "start_date": "2030-01-01"},
        ("title", "Another summit"),
    ),
    "zones": (
        {"slug": "fifth", "number": 5, "name": "Fifth zone", "short_name": "Fifth"},
        ("short_name", "Fifth!"),
    ),
    "places": ({"slug": "test-city", "name": "Test city", "kind": "city"}, ("country", "Iran")),
}
MODELS = {
    "rounds": (Round, "number"),
    "participants": (Participant, "slug"),
    "statements": (Statement, "slug"),
    "events": (Event, "slug"),
    "zones": (Zone, "slug"),
    "places": (Place, "slug"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("who", ["api_client", "reader_api", "analyst_api"])
def test_every_list_is_readable_by_every_role(request, who, path):
    client = request.getfixturevalue(who)
    response = client.get(f"/api/v1/{path}/")
    assert response.status_code == 200
    assert response.json()["results"], f"{path} lists nothing"


@pytest.mark.django_db
@pytest.mark.parametrize("path", DETAILS)
def test_every_detail_is_readable_anonymously(api_client, path):
    response = api_client.get(f"/api/v1/{path}/")
    assert response.status_code == 200
    assert response.json()["api_url"].endswith(
        f"/api/v1/{path}/".replace("guarantors", "participants")
    )


@pytest.mark.django_db
def test_round_representation_has_what_the_issue_lists(api_client):
    body = api_client.get("/api/v1/rounds/8/").json()
    assert body["number"] == 8
    for key in ("name", "city", "start_date", "end_date", "status", "citations"):
        assert key in body
    assert {d["role"] for d in body["delegations"]} >= {"guarantor"}
    assert all({"participant", "role", "head"} <= set(d) for d in body["delegations"])
    assert set(body["next_meeting"]) == {"text", "place", "start", "end"}
    assert isinstance(body["documents"], list) and isinstance(body["events"], list)


@pytest.mark.django_db
def test_event_representation_has_what_the_issue_lists(api_client):
    body = api_client.get("/api/v1/events/sochi-congress/").json()
    for key in ("kind", "title", "start_date", "end_date", "place", "status", "round"):
        assert key in body
    assert body["start_date"] == "2018-01-29"


@pytest.mark.django_db
def test_guarantors_are_the_three_guarantors(api_client):
    slugs = {p["slug"] for p in api_client.get("/api/v1/guarantors/").json()["results"]}
    assert slugs == {"russia", "iran", "turkey"}


@pytest.mark.django_db
@pytest.mark.parametrize("resource", sorted(WRITABLE))
def test_anonymous_cannot_write(api_client, resource):
    new, _ = WRITABLE[resource]
    response = api_client.post(f"/api/v1/{resource}/", new, format="json", **REASON)
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
@pytest.mark.parametrize("resource", sorted(WRITABLE))
def test_user_without_permission_cannot_write(reader_api, resource):
    new, _ = WRITABLE[resource]
    response = reader_api.post(f"/api/v1/{resource}/", new, format="json", **REASON)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    model, key = MODELS[resource]
    assert not model.objects.filter(**{key: new[key]}).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("resource", sorted(WRITABLE))
def test_analyst_creates_updates_and_deletes_with_history(analyst_api, analyst, resource):
    new, (field, value) = WRITABLE[resource]
    model, key = MODELS[resource]

    created = analyst_api.post(f"/api/v1/{resource}/", new, format="json", **REASON)
    assert created.status_code == 201, created.json()
    url = created.json()["api_url"]
    record = model.objects.get(**{key: new[key]})
    first = record.history.latest()
    assert (first.history_type, first.history_user, first.history_change_reason) == (
        "+",
        analyst,
        "Per MFA statement",
    )

    changed = analyst_api.patch(
        url,
        {field: value},
        format="json",
        HTTP_X_CHANGE_REASON="Typo%20fixed%20%E2%80%94%20ok",
        **if_match(analyst_api, url),
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()[field] == value
    latest = record.history.latest()
    assert (latest.history_type, latest.history_change_reason) == ("~", "Typo fixed — ok")

    deleted = analyst_api.delete(url, **REASON, **if_match(analyst_api, url))
    assert deleted.status_code == 204
    assert not model.objects.filter(pk=record.pk).exists()
    gone = model.history.filter(id=record.pk).latest()
    assert (gone.history_type, gone.history_user) == ("-", analyst)


@pytest.mark.django_db
def test_reader_cannot_update_or_delete(reader_api):
    assert (
        reader_api.patch(
            "/api/v1/rounds/8/",
            {"name": "x"},
            format="json",
            **REASON,
            **if_match(reader_api, "/api/v1/rounds/8/"),
        ).status_code
        == 403
    )
    assert (
        reader_api.delete(
            "/api/v1/places/astana/", **REASON, **if_match(reader_api, "/api/v1/places/astana/")
        ).status_code
        == 403
    )
    assert Place.objects.filter(slug="astana").exists()


@pytest.mark.django_db
def test_a_write_without_a_reason_is_refused(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"name": "x"},
        format="json",
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert response.status_code == 400
    assert "X-Change-Reason" in response.json()["error"]["detail"]
    assert Round.objects.get(number=8).name != "x"


@pytest.mark.django_db
def test_unknown_fields_in_a_write_are_a_400_that_lists_them(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"name": "Astana-VIII", "venu": "Rixos", "created": "2020-01-01T00:00:00Z"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert sorted(error["detail"]) == ["created", "venu"]
    assert "venu" in error["message"] and "it takes:" in error["message"]
    assert Round.objects.get(number=8).name != "Astana-VIII"


@pytest.mark.django_db
def test_unknown_fields_in_a_create_are_refused_too(analyst_api):
    body = {"slug": "new-place", "name": "New place", "kind": "city", "population": 5}

    response = analyst_api.post("/api/v1/places/", body, format="json", **REASON)

    assert response.status_code == 400
    assert list(response.json()["error"]["detail"]) == ["population"]
    assert not Place.objects.filter(slug="new-place").exists()


@pytest.mark.django_db
def test_the_schema_says_request_bodies_take_no_other_fields(api_client):
    schemas = api_client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]

    assert schemas["RoundRequest"]["additionalProperties"] is False
    assert schemas["PatchedRoundRequest"]["additionalProperties"] is False


@pytest.mark.django_db
def test_a_reason_longer_than_history_keeps_is_refused(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"name": "x"},
        format="json",
        HTTP_X_CHANGE_REASON="r" * 101,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_percent_encoded_reason_is_kept_as_written(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"date_note": "per the ministry"},
        format="json",
        HTTP_X_CHANGE_REASON="%D0%94%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5%20%D0%9C%D0%98%D0%94",
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert response.status_code == 200
    assert Round.objects.get(number=8).history.first().history_change_reason == "Данные МИД"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        # UTF-8 bytes sent raw: WSGI gives them as Latin-1 characters
        "Данные МИД".encode().decode("latin-1"),
        "%FF",  # percent-encoding that is not UTF-8
        "%D0",  # a character cut short
    ],
)
def test_a_reason_whose_characters_cannot_be_read_is_refused(analyst_api, header):
    before = Round.objects.get(number=8).history.count()
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"date_note": "garbled"},
        format="json",
        HTTP_X_CHANGE_REASON=header,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert response.status_code == 422  # like a control character: readable only as garbage
    assert "X-Change-Reason" in response.json()["error"]["detail"]
    assert Round.objects.get(number=8).history.count() == before


@pytest.mark.django_db
def test_guarantors_are_read_only(analyst_api):
    response = analyst_api.delete(
        "/api/v1/guarantors/russia/",
        **REASON,
        **if_match(analyst_api, "/api/v1/guarantors/russia/"),
    )
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


@pytest.mark.django_db
def test_analyst_cites_a_record(analyst_api, analyst):
    rnd = Round.objects.get(number=8)
    response = analyst_api.post(
        "/api/v1/citations/",
        {"type": "round", "object_id": rnd.pk, "url": "https://example.org/astana-8"},
        format="json",
        **REASON,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["target_url"].endswith("/api/v1/rounds/8/")
    assert rnd.citations.filter(url="https://example.org/astana-8").exists()


@pytest.mark.django_db
def test_citing_a_record_that_does_not_exist_is_422(analyst_api):
    response = analyst_api.post(
        "/api/v1/citations/",
        {"type": "zone", "object_id": 999999, "url": "https://example.org/x"},
        format="json",
        **REASON,
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_statement_issuers_are_written(analyst_api):
    response = analyst_api.patch(
        "/api/v1/statements/round-1-document-1/",
        {"issuers": ["russia", "turkey"]},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/statements/round-1-document-1/"),
    )
    assert response.status_code == 200, response.json()
    statement = Statement.objects.get(slug="round-1-document-1")
    assert set(statement.issuers.values_list("slug", flat=True)) == {"russia", "turkey"}
    assert statement.history.latest().history_change_reason == "Per MFA statement"


@pytest.mark.django_db
def test_next_meeting_is_written_through_its_object(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"next_meeting": {"text": "late January", "place": "sochi", "start": "2018-01-29"}},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert response.status_code == 200, response.json()
    rnd = Round.objects.get(number=8)
    assert (rnd.next_meeting_text, rnd.next_meeting_place.slug) == ("late January", "sochi")


@pytest.mark.django_db
def test_end_before_start_is_422_and_writes_nothing(analyst_api):
    before = Event.history.count()
    response = analyst_api.patch(
        "/api/v1/events/sochi-congress/",
        {"start_date": "2018-02-01", "end_date": "2018-01-01"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/events/sochi-congress/"),
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unprocessable"
    assert Event.history.count() == before


@pytest.mark.django_db
def test_forbidden_status_transition_is_422(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/",
        {"status": "scheduled"},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/rounds/8/"),
    )
    assert response.status_code == 422
    assert "status" in response.json()["error"]["detail"]


@pytest.mark.django_db
def test_duplicate_slug_is_409(analyst_api):
    response = analyst_api.post(
        "/api/v1/places/", {"slug": "astana", "name": "Astana again"}, format="json", **REASON
    )
    assert response.status_code == 409


@pytest.mark.django_db
def test_deleting_a_referenced_record_is_409(analyst_api):
    response = analyst_api.delete(
        "/api/v1/places/astana/", **REASON, **if_match(analyst_api, "/api/v1/places/astana/")
    )
    assert response.status_code == 409
    assert "refer" in response.json()["error"]["message"]
    assert Place.objects.filter(slug="astana").exists()


@pytest.mark.django_db
def test_strings_are_not_numbers(analyst_api):
    response = analyst_api.patch(
        "/api/v1/statements/round-1-document-1/",
        {"text": 0},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/statements/round-1-document-1/"),
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_token_authentication_writes(analyst):
    token = Token.objects.create(user=analyst)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.patch(
        "/api/v1/places/astana/",
        {"country": "KZ"},
        format="json",
        **REASON,
        **if_match(client, "/api/v1/places/astana/"),
    )
    assert response.status_code == 200
    assert Place.objects.get(slug="astana").history.latest().history_user == analyst


@pytest.mark.django_db
def test_session_authentication_writes_with_csrf(analyst):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(analyst)
    refused = client.patch(
        "/api/v1/places/astana/",
        {"country": "KZ"},
        format="json",
        **REASON,
        **if_match(client, "/api/v1/places/astana/"),
    )
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]


@pytest.mark.django_db
def test_a_bad_token_is_401_even_for_reads(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = api_client.get("/api/v1/rounds/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


@pytest.mark.django_db
def test_unknown_record_is_a_json_404(api_client):
    for path in ("/api/v1/rounds/999/", "/api/v1/rounds/99999999999999999999/", "/api/v1/nope/"):
        response = api_client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["status"] == 404


@pytest.mark.django_db
def test_a_path_without_its_slash_redirects(api_client):
    response = api_client.get("/api/v1/rounds?year=2017")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/rounds/?year=2017"


@pytest.mark.django_db
def test_user_fixture_is_not_staff(reader):
    assert not User.objects.get(pk=reader.pk).is_staff


@pytest.mark.django_db
def test_an_open_ring_is_422_and_a_non_list_is_400(analyst_api):
    open_ring = {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 36]]]}
    response = analyst_api.patch(
        "/api/v1/zones/idlib/",
        {"polygon": open_ring},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/zones/idlib/"),
    )
    assert response.status_code == 422
    response = analyst_api.patch(
        "/api/v1/zones/idlib/",
        {"polygon": {"type": "Polygon", "coordinates": 31}},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/zones/idlib/"),
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_whitespace_name_is_refused(analyst_api):
    response = analyst_api.patch(
        "/api/v1/places/astana/",
        {"name": "   "},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/places/astana/"),
    )
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["ftp://x.org/a", "not a link", "https://", "http://a b.org/"])
def test_a_statement_link_that_is_not_http_is_a_400_and_nothing_is_stored(analyst_api, url):
    # Given a statement whose link is known
    statement = Statement.objects.get(slug="round-1-document-1")
    before = statement.url
    # When an analyst sets its link to something other than an http(s) address
    response = analyst_api.patch(
        "/api/v1/statements/round-1-document-1/",
        {"url": url},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/statements/round-1-document-1/"),
    )
    # Then the API refuses it as malformed input and the stored link is unchanged
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["detail"]["url"] == ["Enter an http(s) link."]
    statement.refresh_from_db()
    assert statement.url == before


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["", "https://www.mfa.kz/en/statement-1"])
def test_a_statement_link_may_be_an_http_address_or_empty(analyst_api, url):
    response = analyst_api.patch(
        "/api/v1/statements/round-1-document-1/",
        {"url": url},
        format="json",
        **REASON,
        **if_match(analyst_api, "/api/v1/statements/round-1-document-1/"),
    )
    assert response.status_code == 200, response.json()
    assert Statement.objects.get(slug="round-1-document-1").url == url


@pytest.mark.django_db
def test_a_citation_edited_without_its_type_keeps_it_and_reads_no_content_type(analyst_api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rounds.models import Citation

    citation = Citation.objects.filter(content_type__model="round").first()
    url = f"/api/v1/citations/{citation.pk}/"
    headers = if_match(analyst_api, url)
    with CaptureQueriesContext(connection) as captured:
        response = analyst_api.patch(
            url, {"publisher": "Kazakh MFA"}, format="json", **REASON, **headers
        )
    assert response.status_code == 200, response.json()
    assert (response.json()["type"], response.json()["publisher"]) == ("round", "Kazakh MFA")
    # Its type comes from Django's cache of content types, not by reading the content type
    # (the permission check and the key's validation read that table otherwise).
    loads = '"django_content_type"."model" FROM "django_content_type" WHERE'
    assert not [q for q in captured if loads in q["sql"]]


@pytest.mark.django_db
def test_a_citation_moved_to_another_record_type_says_so(analyst_api):
    from rounds.models import Citation

    citation = Citation.objects.filter(content_type__model="round").first()
    zone = Zone.objects.get(slug="idlib")
    url = f"/api/v1/citations/{citation.pk}/"
    response = analyst_api.patch(
        url,
        {"type": "zone", "object_id": zone.pk},
        format="json",
        **REASON,
        **if_match(analyst_api, url),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["type"] == "zone"
    assert response.json()["target_url"].endswith("/api/v1/zones/idlib/")
    citation.refresh_from_db()
    assert (citation.content_type.model, citation.object_id) == ("zone", zone.pk)
