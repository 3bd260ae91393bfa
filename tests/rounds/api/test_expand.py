"""Lists are lists: heavy parts come from the detail or ``?expand=``, bounded and documented."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds.api.serializers import CITATIONS_PER_RECORD
from rounds.models import Citation, Round
from tests.factories import (
    EventFactory,
    RoundFactory,
    StatementFactory,
    first_event_has_a_parent,
)

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_a_rounds_list_carries_the_rounds_and_links_not_what_they_touch(api_client):
    row = api_client.get("/api/v1/rounds/?number=8").json()["results"][0]

    assert row["number"] == 8 and row["start_date"] and row["status"] == "held"
    assert row["api_url"] == "http://testserver/api/v1/rounds/8/"
    for heavy in ["delegations", "documents", "events", "citations"]:
        assert heavy not in row
    detail = api_client.get(row["api_url"]).json()
    assert detail["delegations"] and detail["documents"] and detail["citations"]


def test_expand_adds_the_parts_named_and_only_those(api_client):
    row = api_client.get("/api/v1/rounds/?number=8&expand=delegations,citations").json()
    row = row["results"][0]
    detail = api_client.get("/api/v1/rounds/8/").json()

    assert row["delegations"] == detail["delegations"]
    assert row["citations"]
    assert "documents" not in row and "events" not in row


def test_a_statements_list_leaves_the_text_to_the_detail_or_expand(api_client):
    StatementFactory(text="The guarantors met and agreed on a further exchange.")
    lean = api_client.get("/api/v1/statements/?page_size=100").json()["results"]
    full = api_client.get("/api/v1/statements/?page_size=100&expand=text").json()["results"]

    assert lean and all("text" not in r and "citations" not in r for r in lean)
    assert any(r["text"] for r in full)
    detail = api_client.get(lean[0]["api_url"]).json()
    assert "text" in detail and "citations" in detail


def test_events_expand_participants_and_citations(api_client):
    lean = api_client.get("/api/v1/events/?page_size=5").json()["results"]
    full = api_client.get("/api/v1/events/?page_size=5&expand=participants,citations").json()

    assert all("participants" not in r and "citations" not in r for r in lean)
    assert all("participants" in r and "citations" in r for r in full["results"])
    assert [r["page_url"] for r in lean] == [f"http://testserver/events/{r['slug']}/" for r in lean]


def test_citations_in_a_list_are_capped_per_record_and_all_in_the_detail(api_client):
    rnd = RoundFactory()
    ct = ContentType.objects.get_for_model(Round)
    Citation.objects.bulk_create(
        Citation(content_type=ct, object_id=rnd.pk, url=f"https://example.org/{i}")
        for i in range(CITATIONS_PER_RECORD + 5)
    )

    listed = api_client.get(f"/api/v1/rounds/?number={rnd.number}&expand=citations").json()
    detail = api_client.get(f"/api/v1/rounds/{rnd.number}/").json()

    assert len(listed["results"][0]["citations"]) == CITATIONS_PER_RECORD
    assert len(detail["citations"]) == CITATIONS_PER_RECORD + 5


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rounds/?expand=histories",
        "/api/v1/rounds/?expand=delegations,nothing",
        "/api/v1/citations/?expand=citations",
        "/api/v1/events/?expand=text",
    ],
)
def test_an_unknown_expand_is_a_400_in_the_error_shape(api_client, url):
    response = api_client.get(url)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "expand" in error["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rounds/?expand=delegations,documents,events,citations",
        "/api/v1/events/?expand=participants,citations",
        "/api/v1/statements/?expand=text,citations",
        "/api/v1/places/?expand=citations",
        "/api/v1/zones/?expand=citations",
    ],
)
def test_expanded_lists_cost_the_same_queries_for_1_and_100_records(api_client, url, kept_tables):
    RoundFactory.create_batch(3)
    EventFactory.create_batch(3)
    first_event_has_a_parent()
    _queries(api_client, f"{url}&page_size=1")  # warm caches (content types)

    one = _queries(api_client, f"{url}&page_size=1")
    hundred = _queries(api_client, f"{url}&page_size=100")

    assert one == hundred


def test_the_schema_documents_expand_and_leaves_expandable_fields_optional(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/rounds/"]["get"]["parameters"]
    expand = next(p for p in parameters if p["name"] == "expand")
    assert "delegations" in expand["schema"]["pattern"]
    required = schema["components"]["schemas"]["Round"]["required"]
    assert "number" in required
    assert not {"delegations", "documents", "events", "citations"} & set(required)


def test_a_detail_lists_its_citations_best_first_as_the_expanded_list_does(api_client):
    rnd = RoundFactory()
    ct = ContentType.objects.get_for_model(Round)
    # by URL, the press source comes first; by tier, the primary one
    for url, tier in [("https://a.example/press", "press"), ("https://z.example/mfa", "primary")]:
        Citation.objects.create(content_type=ct, object_id=rnd.pk, url=url, tier=tier)

    detail = api_client.get(f"/api/v1/rounds/{rnd.number}/").json()
    listed = api_client.get(f"/api/v1/rounds/?number={rnd.number}&expand=citations").json()

    assert [c["tier"] for c in detail["citations"]] == ["primary", "press"]
    assert detail["citations"] == listed["results"][0]["citations"]
