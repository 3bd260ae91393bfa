"""The statement comparison endpoint: documented, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds.models import Statement
from tests.factories import RoundFactory, StatementFactory
from tests.rounds.statement_texts import NEWER_BODY, OLDER_BODY

pytestmark = pytest.mark.django_db

URL = "/api/v1/statements/{}/comparison/"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


@pytest.fixture
def pair():
    older = StatementFactory(slug="cmp-older", round=RoundFactory(number=150), text=OLDER_BODY)
    newer = StatementFactory(slug="cmp-newer", round=RoundFactory(number=151), text=NEWER_BODY)
    return older, newer


def test_comparison_and_page_take_a_fixed_number_of_queries(api_client, client, pair):
    _, newer = pair
    _count(api_client, URL.format("cmp-newer"))  # warm caches (content types)

    # The statement with its round, issuers and citations; the previous one of its kind.
    assert _count(api_client, URL.format("cmp-newer")) == 4
    assert _count(api_client, URL.format("cmp-older")) == 4
    # The page: the statement, issuers, citations, the previous statement, the choices.
    assert _count(client, newer.get_absolute_url()) <= 6


def test_comparison_of_a_statement_with_no_earlier_one_of_its_kind(api_client):
    StatementFactory(slug="lonely", kind="memorandum", round=None, date=None, text="x")

    data = api_client.get(URL.format("lonely")).json()

    assert (data["previous"], data["compared"], data["summary"]) == (None, False, None)
    assert "No earlier memorandum" in data["note"]


def test_an_unknown_statement_has_no_comparison(api_client):
    response = api_client.get(URL.format("no-such-statement"))
    assert response.status_code == 404


def test_the_comparison_is_documented_in_the_schema(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()

    operation = schema["paths"]["/api/v1/statements/{slug}/comparison/"]["get"]
    assert "paragraph" in operation["description"]
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert response["$ref"].endswith("/StatementComparison")
    fields = schema["components"]["schemas"]["StatementComparison"]["properties"]
    assert {"summary", "paragraphs", "previous", "compared", "note"} <= set(fields)
    assert "text_source" in schema["components"]["schemas"]["Statement"]["properties"]


def test_the_comparison_speaks_the_readers_language(api_client):
    StatementFactory(slug="lonely-ru", kind="memorandum", round=None, date=None, text="x")
    english = api_client.get(URL.format("lonely-ru")).json()["note"]
    russian = api_client.get(URL.format("lonely-ru") + "?lang=ru")
    assert russian["Content-Language"] == "ru"
    assert russian.json()["note"] != english

    data = api_client.get(URL.format("round-8-document-1") + "?lang=ar").json()
    previous = Statement.objects.get(slug=data["previous"])
    assert previous.title_ar and data["previous_title"] == previous.title_ar
