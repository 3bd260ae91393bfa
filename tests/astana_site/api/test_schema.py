"""The OpenAPI schema says what the API does (``astana_site.api.schema``)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_reading_the_analysts_own_data_needs_credentials(schema):
    for path in ("/api/v1/sources/", "/api/v1/suggestions/", "/api/v1/suggestions/{id}/"):
        assert {} not in schema["paths"][path]["get"]["security"], path
    assert {} in schema["paths"]["/api/v1/rounds/"]["get"]["security"]  # anyone reads these


def test_anonymous_reads_of_the_analysts_data_are_refused_as_the_schema_says(api_client):
    assert api_client.get("/api/v1/sources/").status_code == 401
    assert api_client.get("/api/v1/suggestions/").status_code == 401


def test_an_optional_link_may_be_sent_blank(schema, analyst_api):
    from tests.api_helpers import if_match

    url_schema = schema["components"]["schemas"]["PatchedStatementRequest"]["properties"]["url"]
    assert "minLength" not in url_schema and re.fullmatch(url_schema["pattern"], "")
    detail = "/api/v1/statements/round-8-document-1/"
    response = analyst_api.patch(
        detail,
        {"url": ""},
        format="json",
        HTTP_X_CHANGE_REASON="no link known",
        **if_match(analyst_api, detail),
    )
    assert response.status_code == 200 and response.json()["url"] == ""


def test_a_citation_is_written_with_a_link_and_may_be_read_without_one(schema):
    components = schema["components"]["schemas"]
    read = components["Citation"]["properties"]["url"]["pattern"]
    written = components["CitationRequest"]["properties"]["url"]["pattern"]
    assert re.fullmatch(read, "") and not re.fullmatch(written, "")
    assert re.fullmatch(written, "https://mid.ru/x")


def test_a_pending_suggestion_has_no_reviewer(schema):
    reviewed_by = schema["components"]["schemas"]["Suggestion"]["properties"]["reviewed_by"]
    assert reviewed_by["nullable"] is True
    assert "150 characters" not in reviewed_by["description"]
