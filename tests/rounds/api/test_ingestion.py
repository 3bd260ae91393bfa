"""Sources, articles and suggestions in the API, by role, with the review actions."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ingest.models import Article, Sighting, Source
from rounds.models import Citation, Round, Suggestion

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


def test_article_detail_has_the_contract_fields(api_client):
    article = _article()
    body = api_client.get(f"/api/v1/articles/{article.pk}/").json()
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
    assert body["extraction"] == EXTRACTION
    assert body["suggestions"][0]["kind"] == "new_round"
    assert body["sightings"] == [article.url]


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


@pytest.mark.parametrize("resource", ["articles", "suggestions", "sources"])
def test_list_query_count_does_not_grow_with_page_size(analyst_api, resource):
    for n in range(4):
        _article(n)
        Source.objects.create(name=f"S{n}", url=f"https://feeds.example.org/{n}.xml")

    def queries(size):
        with CaptureQueriesContext(connection) as ctx:
            assert analyst_api.get(f"/api/v1/{resource}/?page_size={size}").status_code == 200
        return len(ctx.captured_queries)

    queries(1)
    assert queries(1) == queries(100)


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
    assert response.status_code in (400, 409, 422)
    assert response.json()["error"]["message"]
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"


def test_a_reader_cannot_review(reader_api):
    suggestion = _article().suggestions.get()
    response = reader_api.post(f"/api/v1/suggestions/{suggestion.pk}/reject/", {}, format="json")
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
