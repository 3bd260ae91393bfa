"""Names in the API in the language asked for: ``?lang=`` or ``Accept-Language``, English by
default and where a translation is missing; translations written through the same services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds.models import Round
from rounds.services import curated_save
from tests.api_helpers import if_match

pytestmark = pytest.mark.django_db

REASON = {"HTTP_X_CHANGE_REASON": "Arabic name per the MFA"}
LISTS = ["rounds", "guarantors", "participants", "statements", "events", "zones", "places"]


def test_round_8_in_arabic_by_accept_language(api_client):
    response = api_client.get("/api/v1/rounds/8/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "أستانا 8"
    assert body["city"] == "أستانا"
    names = {d["participant"]["slug"]: d["participant"]["name"] for d in body["delegations"]}
    assert names["russia"] == "روسيا" and names["turkey"] == "تركيا" and names["iran"] == "إيران"
    assert body["documents"][0]["title"].startswith("البيان المشترك")
    assert response["Content-Language"] == "ar"
    assert "Accept-Language" in response["Vary"]


def test_round_8_in_english_without_a_language(api_client):
    response = api_client.get("/api/v1/rounds/8/")
    body = response.json()
    assert body["name"] == "Astana-8"
    names = {d["participant"]["slug"]: d["participant"]["name"] for d in body["delegations"]}
    assert names["russia"] == "Russia"
    assert response["Content-Language"] == "en"
    # The stored translations are there whatever the language asked for.
    assert body["translations"]["ar"]["name"] == "أستانا 8"
    assert body["translations"]["ru"] == {"name": "Астана-8", "city": "Астана"}


def test_lang_parameter_wins_over_the_header(api_client):
    response = api_client.get("/api/v1/rounds/8/?lang=ru", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json()["name"] == "Астана-8"
    assert response["Content-Language"] == "ru"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("tr-TR,tr;q=0.9,en;q=0.5", "Astana-8"),
        ("fr, ru;q=0.8", "Астана-8"),
        ("de, fr", "Astana-8"),
        ("*", "Astana-8"),
        ("not a ;; header", "Astana-8"),
    ],
)
def test_accept_language_gives_the_first_language_we_have_else_english(
    api_client, header, expected
):
    response = api_client.get("/api/v1/rounds/8/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert response.json()["name"] == expected


def test_turkish_names_of_places_and_zones(api_client):
    idlib = api_client.get("/api/v1/places/idlib/?lang=tr").json()
    assert idlib["name"] == "İdlib"
    zone = api_client.get("/api/v1/zones/idlib/?lang=tr").json()
    assert zone["short_name"] == "İdlib"
    assert "çatışmasızlık" in zone["name"]


def test_lists_and_attendance_follow_the_language(api_client):
    events = api_client.get("/api/v1/events/?slug=sochi-congress&lang=ru").json()
    titles = [e["title"] for e in events["results"]]
    assert "Конгресс сирийского национального диалога" in titles
    rows = api_client.get("/api/v1/attendance/?round=14&lang=ar").json()["results"]
    assert {r["round_name"] for r in rows} == {"أستانا 14"}
    assert {r["city"] for r in rows} == {"نور سلطان"}


def test_an_unknown_lang_is_a_400_in_the_house_error_shape(api_client):
    response = api_client.get("/api/v1/rounds/8/?lang=fr")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert "lang" in error["detail"]


def test_a_missing_translation_falls_back_to_english(api_client):
    rnd = Round.objects.get(number=8)
    rnd.name_ar = ""
    curated_save(rnd, reason="Arabic name under review")
    body = api_client.get("/api/v1/rounds/8/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert body["name"] == "Astana-8"
    assert body["translations"]["ar"]["name"] == ""


def test_a_translation_written_through_the_api_leaves_history_with_the_user(analyst_api, analyst):
    url = "/api/v1/rounds/8/"
    response = analyst_api.patch(
        url,
        {"translations": {"ar": {"name": "أستانا-8"}}},
        format="json",
        **if_match(analyst_api, url),
        **REASON,
    )
    assert response.status_code == 200, response.json()
    rnd = Round.objects.get(number=8)
    assert (rnd.name, rnd.name_ar, rnd.name_ru) == ("Astana-8", "أستانا-8", "Астана-8")
    latest = rnd.history.first()
    assert latest.history_user == analyst
    assert latest.history_change_reason == "Arabic name per the MFA"
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["name_ar"]


def test_a_write_takes_the_name_in_english_whatever_the_language(analyst_api):
    url = "/api/v1/places/geneva/"
    response = analyst_api.patch(
        url + "?lang=ru",
        {"country": "CH"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ru",
        **if_match(analyst_api, url),
        **REASON,
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Geneva"


def test_an_unknown_language_or_field_in_translations_is_refused(analyst_api):
    url = "/api/v1/places/geneva/"
    for body in (
        {"translations": {"fr": {"name": "Genève"}}},
        {"translations": {"ru": {"x": "y"}}},
    ):
        response = analyst_api.patch(
            url, body, format="json", **if_match(analyst_api, url), **REASON
        )
        assert response.status_code == 400, body


def _queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("resource", [*LISTS, "attendance"])
def test_names_in_another_language_cost_no_query(api_client, resource):
    url = f"/api/v1/{resource}/?page_size=100"
    _queries(api_client, url)  # warm caches (content types)
    english = _queries(api_client, url)
    assert _queries(api_client, url + "&lang=ar") == english
    assert _queries(api_client, url, HTTP_ACCEPT_LANGUAGE="ru") == english


def test_schema_documents_lang_and_accept_language_on_reads(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = schema.json()["paths"]
    for path in ("/api/v1/rounds/", "/api/v1/rounds/{number}/", "/api/v1/attendance/"):
        parameters = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert parameters["lang"]["in"] == "query"
        assert set(parameters["lang"]["schema"]["enum"]) == {"en", "ru", "tr", "ar"}
        assert parameters["Accept-Language"]["in"] == "header"
        assert "Content-Language" in paths[path]["get"]["responses"]["200"]["headers"]
    patch = {p["name"] for p in paths["/api/v1/rounds/{number}/"]["patch"]["parameters"]}
    assert "lang" not in patch


@pytest.mark.parametrize("order", [("ru", "en", "tr"), ("en", "ru", "ar")])
def test_page_links_lead_to_the_page_in_the_readers_language(api_client, settings, order):
    # Whatever language asked first, each answer links pages in its own (links are made from
    # a template per route, which must not keep the first language's prefix).
    settings.READ_CACHE_ENABLED = False
    for language in order:
        prefix = "" if language == "en" else f"/{language}"
        event = api_client.get("/api/v1/events/sochi-congress/", HTTP_ACCEPT_LANGUAGE=language)
        assert event.json()["page_url"] == f"http://testserver{prefix}/events/sochi-congress/"
        rows = api_client.get(
            "/api/v1/attendance/?round=8&page_size=1", HTTP_ACCEPT_LANGUAGE=language
        ).json()["results"]
        assert rows[0]["page_url"] == f"http://testserver{prefix}/rounds/8/"
        # The record's API address is the same in every language
        assert event.json()["api_url"] == "http://testserver/api/v1/events/sochi-congress/"


def test_lang_gives_labels_and_page_links_in_the_language_of_the_names(api_client, settings):
    settings.READ_CACHE_ENABLED = False
    event = api_client.get("/api/v1/events/sochi-congress/?lang=ru", HTTP_ACCEPT_LANGUAGE="en")
    assert event["Content-Language"] == "ru"
    body = event.json()
    english = api_client.get("/api/v1/events/sochi-congress/?lang=en").json()
    assert body["title"] != english["title"]
    assert body["status_label"] != english["status_label"] == "Held"
    assert body["page_url"] == "http://testserver/ru/events/sochi-congress/"
    row = api_client.get("/api/v1/attendance/?round=8&page_size=1&lang=ar").json()["results"][0]
    assert row["page_url"] == "http://testserver/ar/rounds/8/"
    assert (
        row["role_label"]
        != api_client.get("/api/v1/attendance/?round=8&page_size=1&lang=en").json()["results"][0][
            "role_label"
        ]
    )


def test_a_write_answers_its_errors_in_the_readers_language(analyst_api):
    # A write takes and answers names in English, but its messages follow Accept-Language.
    url = "/api/v1/rounds/8/"
    messages = {}
    for language in ("en", "ru"):
        response = analyst_api.patch(
            url,
            {"start_date": "someday"},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
            **if_match(analyst_api, url),
            **REASON,
        )
        assert response.status_code == 400, response.content
        messages[language] = str(response.json())
    assert messages["en"] != messages["ru"]


def test_an_unknown_field_in_a_nested_object_is_refused_in_the_readers_language(analyst_api):
    url = "/api/v1/rounds/8/"
    messages = {}
    for language in ("en", "ru", "tr", "ar"):
        response = analyst_api.patch(
            url,
            {"translations": {"ru": {"nam": "Астана-8"}}},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
            **if_match(analyst_api, url),
            **REASON,
        )
        assert response.status_code == 400, response.content
        messages[language] = str(response.json()["error"]["detail"])
        assert "nam" in messages[language]
    assert "Not a field this object takes" in messages["en"]
    assert len(set(messages.values())) == 4  # each in its language
    assert Round.objects.get(number=8).name_ru == "Астана-8"  # unchanged


def test_a_language_given_q_0_is_not_acceptable(api_client):
    response = api_client.get("/api/v1/rounds/8/", HTTP_ACCEPT_LANGUAGE="zh, ru;q=0")
    assert response["Content-Language"] == "en"
    assert response.json()["name"] == "Astana-8"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rounds/999/",  # Django's get_object_or_404 message was English only
        "/api/v1/rounds/?lang=xx",
        "/api/v1/changes/?cursor=zzz",
        "/api/v1/citations/?expand=citations",
    ],
)
def test_errors_speak_the_readers_language(api_client, url):
    english = api_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    turkish = api_client.get(url, HTTP_ACCEPT_LANGUAGE="tr")
    assert english.status_code == turkish.status_code >= 400
    assert english.json()["error"]["message"] != turkish.json()["error"]["message"]
    assert "matches the given query" not in english.json()["error"]["message"]


def test_a_list_with_nothing_to_expand_says_so(api_client):
    response = api_client.get("/api/v1/citations/?expand=citations")
    assert response.status_code == 400
    assert "nothing to expand" in response.json()["error"]["message"]


@pytest.mark.parametrize("resource", ["attendance", "events"])
@pytest.mark.parametrize("lang", ["en", "ru", "tr", "ar"])
def test_a_list_reads_the_related_names_in_its_language_only(api_client, resource, lang):
    with CaptureQueriesContext(connection) as ctx:
        response = api_client.get(f"/api/v1/{resource}/?page_size=5&lang={lang}")
    assert response.status_code == 200
    related = "rounds_participant" if resource == "attendance" else "rounds_place"
    # attendance joins the participant to the page's rows; events read their places apart
    reading = [q["sql"] for q in ctx.captured_queries if f'"{related}"."name"' in q["sql"]]
    assert reading
    for sql in reading:
        read = {other for other in ("ru", "tr", "ar") if f'"{related}"."name_{other}"' in sql}
        assert read == ({lang} - {"en"})


@pytest.mark.parametrize("lang", ["en", "ru", "tr", "ar"])
def test_list_labels_are_what_each_record_says_in_the_language_asked_for(
    api_client, settings, lang
):
    """A list looks the labels up once (``ChoiceLabelsMixin``); each row's label is still the
    record's own (``status_label``, ``role_label``), an overdue meeting's included."""
    import datetime

    from django.utils import translation

    from rounds.models import Delegation, Event
    from tests.factories import EventFactory

    settings.READ_CACHE_ENABLED = False
    EventFactory(  # announced, its day passed without a record of it being held
        slug="overdue-meeting", start_date=datetime.date(2019, 1, 2), end_date=None
    )
    events = api_client.get(f"/api/v1/events/?page_size=100&lang={lang}").json()["results"]
    rows = api_client.get(f"/api/v1/attendance/?round=8&page_size=50&lang={lang}").json()
    with translation.override(lang):
        expected_status = {e.slug: str(e.status_label) for e in Event.objects.all()}
        expected_roles = {
            (d.participant.slug, d.role): str(d.role_label)
            for d in Delegation.objects.filter(round__number=8).select_related("participant")
        }
    assert {e["slug"]: e["status_label"] for e in events} == {
        e["slug"]: expected_status[e["slug"]] for e in events
    }
    assert "overdue-meeting" in {e["slug"] for e in events}
    assert expected_status["overdue-meeting"] != expected_status["sochi-congress"]
    assert rows["results"] and all(
        r["role_label"] == expected_roles[(r["participant"]["slug"], r["role"])]
        for r in rows["results"]
    )
