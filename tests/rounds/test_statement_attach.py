"""Attaching a statement's official text by URL (a local test server), by file, in the admin;
stored with its source and history, then compared on the page and in the API."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from rounds.models import Citation, Statement
from rounds.models.base import record_version
from tests.factories import RoundFactory, StatementFactory
from tests.ingest.httpserver import LocalHTTPServer
from tests.rounds.statement_texts import (
    EXPECTED_KINDS,
    EXPECTED_SUMMARY,
    NEWER,
    NEWER_BODY,
    NEWER_PATH,
    OLDER_BODY,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture
def pair() -> tuple[Statement, Statement]:
    """Two joint statements of consecutive rounds; the older one's text is on record."""
    older = StatementFactory(
        slug="guarantors-older", round=RoundFactory(number=140), text=OLDER_BODY
    )
    newer = StatementFactory(slug="guarantors-newer", round=RoundFactory(number=141))
    return older, newer


def _page(body: str, title: str = "Joint Statement of the Guarantors") -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta name="date" content="2030-01-11"></head>'
        f"<body><nav>Home | News</nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Ministry of Foreign Affairs</footer></body></html>"
    ).encode()


def _citations(statement: Statement):
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Statement), object_id=statement.pk
    )


def test_attaching_by_url_fetches_extracts_cites_and_records_history(pair, http_server):
    # Given the newer statement published on a (local) page
    _, newer = pair
    http_server.add("/statement", _page(NEWER_BODY))
    url = http_server.url("/statement")

    # When an analyst attaches it by URL
    call_command("statement_attach", "guarantors-newer", url, "--reason", "Official text")

    # Then its text, address and source are stored, with a citation and history
    newer.refresh_from_db()
    assert newer.text.split("\n")[0].startswith("They agreed to hold the next meeting")
    assert "voluntary return" in newer.text and "Home | News" not in newer.text
    assert newer.url == url
    assert newer.text_source.startswith("Fetched from 127.0.0.1 on ")
    citation = _citations(newer).get()
    assert (citation.url, citation.title) == (url, "Joint Statement of the Guarantors")
    assert citation.retrieved is not None
    assert newer.history.first().history_change_reason == "Official text"
    assert [r.path for r in http_server.requests] == ["/statement"]


def test_attaching_the_same_url_again_updates_the_one_citation(pair, http_server):
    http_server.add("/statement", _page(NEWER_BODY))
    url = http_server.url("/statement")

    call_command("statement_attach", "guarantors-newer", url)
    call_command("statement_attach", "guarantors-newer", url)

    newer = Statement.objects.get(slug="guarantors-newer")
    assert _citations(newer).count() == 1
    assert newer.history.first().history_change_reason == f"Statement text attached from {url}"


def test_attaching_by_file_keeps_no_server_path_anywhere_public(pair, client, api_client):
    # When an analyst attaches the text from a file on the server
    call_command("statement_attach", "guarantors-newer", str(NEWER_PATH))

    # Then the text is stored, the source is a note without the path, nothing is cited
    newer = Statement.objects.get(slug="guarantors-newer")
    assert newer.text == NEWER_BODY
    assert newer.url == ""
    assert newer.text_source.startswith("A file supplied by an analyst, attached on ")
    assert not _citations(newer).exists()
    assert newer.history.first().history_change_reason == (
        "Statement text attached from file newer.txt"
    )
    page = client.get(newer.get_absolute_url()).content.decode()
    api = api_client.get("/api/v1/statements/guarantors-newer/").content.decode()
    for public in (page, api):
        assert str(NEWER_PATH.parent) not in public and "file://" not in public
    assert "A file supplied by an analyst" in page


def test_a_file_with_the_address_it_is_published_at_is_cited_there(pair):
    url = "https://mfa.example.org/statements/guarantors"
    call_command("statement_attach", "guarantors-newer", str(NEWER_PATH), "--url", url)

    newer = Statement.objects.get(slug="guarantors-newer")
    assert newer.url == url
    assert "published at mfa.example.org" in newer.text_source
    assert _citations(newer).get().url == url


def test_attached_texts_are_compared_on_the_page_and_in_the_api(pair, http_server, client):
    # Given the newer text attached from its page
    http_server.add("/statement", _page(NEWER_BODY))
    call_command("statement_attach", "guarantors-newer", http_server.url("/statement"))
    newer = Statement.objects.get(slug="guarantors-newer")

    # When a reader opens the statement page and the API's comparison
    html = client.get(newer.get_absolute_url()).content.decode()
    data = client.get("/api/v1/statements/guarantors-newer/comparison/").json()

    # Then both show each paragraph's fate against the previous round's statement
    assert [row["kind"] for row in data["paragraphs"]] == EXPECTED_KINDS
    assert data["summary"] == EXPECTED_SUMMARY
    assert (data["previous"], data["compared"]) == ("guarantors-older", True)
    assert html.count('data-kind="') == len(EXPECTED_KINDS)
    assert "Moved from paragraph 5" in html
    assert "<ins>urgent </ins>" in html
    assert "<strong>1</strong> reworded" in html


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("http://10.0.0.1/statement", "Could not read a text"),
        ("/nonexistent/statement.txt", "Could not read statement.txt"),
    ],
)
def test_a_refused_address_or_missing_file_changes_nothing(pair, source, message):
    _, newer = pair
    with pytest.raises(CommandError, match=message):
        call_command("statement_attach", "guarantors-newer", source)
    newer.refresh_from_db()
    assert (newer.text, newer.text_source) == ("", "")


def test_a_page_without_a_text_is_refused(pair, http_server):
    http_server.add("/empty", b"<html><body><p>Short.</p></body></html>")
    with pytest.raises(CommandError, match="no article text"):
        call_command("statement_attach", "guarantors-newer", http_server.url("/empty"))


def test_an_unknown_statement_is_refused():
    with pytest.raises(CommandError, match="No statement"):
        call_command("statement_attach", "no-such-statement", str(NEWER_PATH))


def test_the_api_serves_the_text_and_says_when_there_is_nothing_to_compare(pair, api_client):
    older, _ = pair
    detail = api_client.get("/api/v1/statements/guarantors-older/").json()
    assert detail["text"] == OLDER_BODY
    assert "text_source" in detail

    data = api_client.get("/api/v1/statements/guarantors-newer/comparison/").json()
    assert (data["compared"], data["previous"], data["paragraphs"]) == (
        False,
        "guarantors-older",
        [],
    )
    assert "not on record" in data["note"]


def _attach_url(statement: Statement) -> str:
    return reverse("admin:rounds_statement_attach_text", args=[statement.pk])


def test_admin_attaches_a_text_by_url(pair, analyst_client, analyst, http_server):
    _, newer = pair
    http_server.add("/statement", _page(NEWER_BODY))
    change = analyst_client.get(reverse("admin:rounds_statement_change", args=[newer.pk]))
    assert _attach_url(newer) in change.content.decode()

    response = analyst_client.post(
        _attach_url(newer),
        {
            "url": http_server.url("/statement"),
            "change_reason": "Text from the MFA",
            "opened_version": record_version(newer),
        },
    )

    assert response.status_code == 302
    newer.refresh_from_db()
    assert "voluntary return" in newer.text
    latest = newer.history.first()
    assert (latest.history_user, latest.history_change_reason) == (analyst, "Text from the MFA")


def test_admin_attaches_an_uploaded_file_or_pasted_text(pair, analyst_client):
    _, newer = pair
    upload = SimpleUploadedFile("newer.txt", NEWER.encode(), content_type="text/plain")
    response = analyst_client.post(_attach_url(newer), {"file": upload})
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.text == NEWER_BODY
    assert newer.text_source.startswith("A file supplied by an analyst")

    response = analyst_client.post(
        _attach_url(newer),
        {"text": OLDER_BODY, "published_url": "https://mfa.example.org/older"},
    )
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.text == OLDER_BODY
    assert newer.text_source.startswith("Text pasted by an analyst, published at mfa.example.org")


def test_admin_refuses_a_stale_form_and_a_form_with_two_sources(pair, analyst_client):
    _, newer = pair
    stale = analyst_client.post(
        _attach_url(newer), {"text": NEWER_BODY, "opened_version": "stale-version"}
    )
    both = analyst_client.post(
        _attach_url(newer), {"text": NEWER_BODY, "url": "https://mfa.example.org/x"}
    )

    assert stale.status_code == both.status_code == 200
    assert "changed since you read it" in stale.content.decode()
    assert "Give one of" in both.content.decode()
    newer.refresh_from_db()
    assert newer.text == ""


def test_readers_cannot_open_the_attach_page(pair, client, reader):
    _, newer = pair
    client.force_login(reader)
    response = client.get(_attach_url(newer))
    assert response.status_code in (302, 403)
