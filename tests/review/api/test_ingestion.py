"""Sources, articles and suggestions in the API, by role, with the review actions."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ingest.models import Article, Sighting, Source
from ingest.services import article_ingest_content
from review.linking import article_link
from rounds.models import Citation, Event, Round, Suggestion

pytestmark = pytest.mark.django_db

EXTRACTION = {
    "relevant": True,
    "round_numbers": [8],
    "meetings": [],
    "places": ["Astana"],
    "participants": ["Russia"],
    "documents": [],
    "topics": [],
}


def _target(record) -> dict:
    return {"content_type": ContentType.objects.get_for_model(record), "object_id": record.pk}


def _article(n: int = 0, *, rounds=(8,)) -> Article:
    url = f"https://news.example.org/{n}"
    article = Article.objects.create(
        url=url,
        canonical_url=url,
        title=f"Story {n}",
        text="The eighth round ended.",
        language="en",
        status="linked",
        extraction=EXTRACTION,
    )
    Sighting.objects.create(article=article, url=url, canonical_url=url)
    for number in rounds:
        Citation.objects.create(
            content_type=ContentType.objects.get_for_model(Round),
            object_id=Round.objects.get(number=number).pk,
            url=url,
            article=article,
            quote="The eighth round ended.",
        )
    Suggestion.objects.create(
        article=article,
        kind="new_round",
        key=f"round:{30 + n}",
        payload={"number": 30 + n},
        quote="The eighth round ended.",
    )
    return article


# The extraction contract of issue 4 ("Interfaces"): keys, their types and allowed values.
EXTRACTION_KEYS = {
    "relevant": bool,
    "round_numbers": list,
    "meetings": list,
    "places": list,
    "participants": list,
    "documents": list,
    "topics": list,
}
MEETING_KINDS = {"round", "congress", "preparatory_meeting", "summit", "working_group", "other"}
DOCUMENT_KINDS = {"joint_statement", "memorandum", "provision", "statement", "other"}


def _is_date_or_none(value) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and date.fromisoformat(value).isoformat() == value


def _assert_extraction_contract(extraction: dict) -> None:
    assert set(extraction) == set(EXTRACTION_KEYS)
    for key, kind in EXTRACTION_KEYS.items():
        assert type(extraction[key]) is kind, key
    assert all(type(n) is int for n in extraction["round_numbers"])
    for key in ("places", "participants", "topics"):
        assert all(isinstance(v, str) for v in extraction[key]), key
    for meeting in extraction["meetings"]:
        assert set(meeting) == {
            "kind", "round_number", "place", "start", "end", "status", "quote", "confidence",
            "reason",
        }  # fmt: skip
        assert 0 < meeting["confidence"] < 1 and isinstance(meeting["reason"], str)
        assert meeting["kind"] in MEETING_KINDS
        assert meeting["round_number"] is None or type(meeting["round_number"]) is int
        assert meeting["place"] is None or isinstance(meeting["place"], str)
        assert _is_date_or_none(meeting["start"]) and _is_date_or_none(meeting["end"])
        assert meeting["status"] in {"held", "announced"}
        assert isinstance(meeting["quote"], str) and meeting["quote"]
    for document in extraction["documents"]:
        assert set(document) == {"kind", "title", "quote", "confidence", "reason"}
        assert 0 < document["confidence"] < 1 and document["reason"]
        assert document["kind"] in DOCUMENT_KINDS
        assert isinstance(document["title"], str) and isinstance(document["quote"], str)


def test_article_detail_has_the_contract_fields(api_client):
    # Given the project's round 8 article ingested and linked
    result = article_ingest_content(
        url="https://news.example.org/astana-8",
        content=Path("tests/data/articles/round8_en.html").read_bytes(),
        content_type="text/html",
        published=date(2017, 12, 22),
    )
    article_link(article=result.article)
    # When a client reads it
    body = api_client.get(f"/api/v1/articles/{result.article.pk}/").json()
    # Then it has the contract's fields, and its extraction the contract's shape
    for field in (
        "url",
        "title",
        "published",
        "language",
        "text",
        "status",
        "rounds",
        "suggestions",
        "extraction",
    ):
        assert field in body, field
    assert body["rounds"] == [8]
    assert body["published"] == "2017-12-22" and body["status"] == "linked"
    _assert_extraction_contract(body["extraction"])
    assert body["extraction"]["relevant"] is True
    assert 8 in body["extraction"]["round_numbers"]
    assert all(set(s) == {"id", "kind", "status"} for s in body["suggestions"])
    assert body["sightings"] == ["https://news.example.org/astana-8"]


def test_articles_filter_by_round_and_bad_values_are_400(api_client):
    _article(1)
    _article(2, rounds=(9,))
    assert api_client.get("/api/v1/articles/?round=9").json()["count"] == 1
    response = api_client.get("/api/v1/articles/?round=nine")
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_articles_list_as_csv_parses(api_client):
    _article(1)
    rows = list(
        csv.DictReader(io.StringIO(api_client.get("/api/v1/articles/?format=csv").content.decode()))
    )
    assert rows[0]["title"] == "Story 1"


def _listed_rows(first: int, count: int) -> None:
    """Articles, sources and suggestions; half the suggestions change a round, half an event,
    so listing them resolves targets of two types."""
    targets = [Round.objects.get(number=8), Event.objects.get(slug="sochi-congress")]
    for n in range(first, first + count):
        article = _article(n)
        Source.objects.create(name=f"S{n}", url=f"https://feeds.example.org/{n}.xml")
        Suggestion.objects.create(
            article=article,
            kind="round_dates" if n % 2 == 0 else "event_dates",
            key=f"dates:{n}",
            payload={"start_date": "2017-12-20", "end_date": "2017-12-21"},
            quote="The eighth round ended.",
            **_target(targets[n % 2]),
        )


@pytest.mark.parametrize("resource", ["articles", "suggestions", "sources"])
def test_list_query_count_does_not_grow_with_page_size(analyst_api, resource):
    # Given a few rows of each
    _listed_rows(0, 4)

    def queries(size):
        with CaptureQueriesContext(connection) as ctx:
            assert analyst_api.get(f"/api/v1/{resource}/?page_size={size}").status_code == 200
        return len(ctx.captured_queries)

    queries(1)
    if resource != "suggestions":
        assert queries(1) == queries(100)
    # When as many rows again are listed, then the whole list costs the same queries
    # (suggestions: one query per type of target, however many rows have one)
    few = queries(100)
    _listed_rows(4, 4)
    assert queries(100) == few
    if resource == "suggestions":
        results = analyst_api.get("/api/v1/suggestions/?page_size=100").json()["results"]
        targets = [s["target"] for s in results if s["target"]]
        assert len(targets) == 8 and {t["type"] for t in targets} == {"round", "event"}
        assert all(t["api_url"] for t in targets)


def test_suggestions_and_sources_are_for_analysts(api_client, reader_api, analyst_api):
    _article()
    for path in ("/api/v1/suggestions/", "/api/v1/sources/"):
        assert api_client.get(path).status_code in (401, 403)
        assert reader_api.get(path).status_code == 403
        assert analyst_api.get(path).status_code == 200


def test_analyst_registers_a_source_and_bad_payloads_are_refused(analyst_api, reader_api):
    payload = {
        "name": "Kazinform",
        "url": "https://www.inform.kz/rss/eng.xml",
        "kind": "feed",
        "poll_interval": 30,
    }
    assert reader_api.post("/api/v1/sources/", payload, format="json").status_code == 403
    response = analyst_api.post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 201, response.content
    assert Source.objects.get(name="Kazinform").poll_interval == 30
    for bad in (
        {**payload, "url": "ftp://example.org/feed"},
        {**payload, "poll_interval": 0},
        {**payload, "kind": "podcast"},
    ):
        response = analyst_api.post("/api/v1/sources/", bad, format="json")
        assert response.status_code in (400, 409, 422), bad
        assert "error" in response.json()
    assert Source.objects.count() == 1


def test_analyst_accepts_a_suggestion_with_edits(analyst_api, analyst):
    article = _article()
    suggestion = article.suggestions.get()
    response = analyst_api.post(
        f"/api/v1/suggestions/{suggestion.pk}/accept/",
        {"payload": {"number": 30, "start": "2030-03-01", "end": "2030-03-02"}, "note": "ok"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    rnd = Round.objects.get(number=30)
    assert str(rnd.start_date) == "2030-03-01"
    assert rnd.history.first().history_user == analyst


def test_accepting_twice_is_an_error_in_the_one_shape(analyst_api):
    suggestion = _article().suggestions.get()
    analyst_api.post(f"/api/v1/suggestions/{suggestion.pk}/reject/", {}, format="json")
    response = analyst_api.post(f"/api/v1/suggestions/{suggestion.pk}/accept/", {}, format="json")
    assert response.status_code == 409  # as the schema says: the suggestion's state refuses it
    assert response.json()["error"]["code"] == "conflict"
    assert "already rejected" in response.json()["error"]["message"]
    again = analyst_api.post(
        f"/api/v1/suggestions/{suggestion.pk}/reject/", {}, format="json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert again.status_code == 409
    assert "already" not in again.json()["error"]["message"]  # in Russian
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"


def test_a_reader_cannot_review(reader_api):
    suggestion = _article().suggestions.get()
    response = reader_api.post(f"/api/v1/suggestions/{suggestion.pk}/reject/", {}, format="json")
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def _pending(kind: str, payload: dict, target=None) -> Suggestion:
    article = _article()
    article.suggestions.all().delete()
    return Suggestion.objects.create(
        article=article,
        kind=kind,
        key="k",
        payload=payload,
        quote="The eighth round ended.",
        **(_target(target) if target is not None else {}),
    )


@pytest.mark.parametrize(
    ("kind", "proposal", "edits"),
    [
        ("new_round", {"number": 30}, {"number": "abc"}),
        ("new_round", {}, {}),
        ("new_event", {"kind": "summit", "start": "2030-05-10"}, {"round_number": "abc"}),
        ("new_event", {"kind": "summit", "start": "2030-05-10"}, {"status": "over"}),
        ("round_dates", {"start_date": "2017-12-20", "end_date": "2017-12-21"}, {"end_date": 1}),
    ],
)
def test_accepting_malformed_values_is_a_400_in_the_one_shape(analyst_api, kind, proposal, edits):
    target = Round.objects.get(number=8) if kind == "round_dates" else None
    suggestion = _pending(kind, proposal, target)
    response = analyst_api.post(
        f"/api/v1/suggestions/{suggestion.pk}/accept/", {"payload": edits}, format="json"
    )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["status"] == 400 and error["message"]
    suggestion.refresh_from_db()
    assert suggestion.status == "pending" and suggestion.payload == proposal


def test_accepting_with_no_edits_applies_the_proposal(analyst_api):
    event = Event.objects.create(
        slug="tehran-summit-2030", kind="summit", title="Summit", start_date="2030-05-10"
    )
    suggestion = _pending("event_status", {"status": "held"}, event)
    response = analyst_api.post(
        f"/api/v1/suggestions/{suggestion.pk}/accept/", {"payload": {}}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["applied"] == {"status": "held"}
    assert response.json()["payload"] == {"status": "held"}
    event.refresh_from_db()
    assert event.status == "held"


def test_accepting_needs_the_permission_on_the_affected_model(analyst):
    # Given a reviewer who may review suggestions but not add rounds
    reviewer = User.objects.create_user("reviewer", "reviewer@example.org", "pw")
    reviewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="rounds",
            codename__in=["view_suggestion", "change_suggestion"],
        )
    )
    client = APIClient()
    client.force_authenticate(reviewer)
    suggestion = _article().suggestions.get()
    # When accepting a new round, then it is forbidden in the one error shape
    response = client.post(f"/api/v1/suggestions/{suggestion.pk}/accept/", {}, format="json")
    assert response.status_code == 403
    assert "rounds.add_round" in response.json()["error"]["message"]
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    assert not Round.objects.filter(number=30).exists()
    # but rejecting needs only the review permission
    response = client.post(f"/api/v1/suggestions/{suggestion.pk}/reject/", {}, format="json")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(2**63), "5831928429999679340544"])
def test_an_article_number_past_what_a_database_stores_is_a_400(analyst_api, value):
    # A fuzzer found the 500: SQLite cannot bind an integer this large (OverflowError).
    response = analyst_api.get(f"/api/v1/suggestions/?article={value}&format=json")

    assert response.status_code == 400
    assert "article" in response.json()["error"]["detail"]


@pytest.mark.django_db
def test_the_largest_article_number_a_database_stores_is_an_answer(analyst_api):
    response = analyst_api.get(f"/api/v1/suggestions/?article={2**63 - 1}&format=json")

    assert response.status_code == 200 and response.json()["results"] == []
