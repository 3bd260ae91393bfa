"""``/attendance/``: the same rows as the API, against the reference data, linked from rounds."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.rounds.api.test_attendance import _expected

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr><td><a href="/rounds/(\d+)/">\d+</a></td>.*?'
    r'<a href="\?participant=([-a-z0-9]+)">[^<]*</a></td><td>([^<]+?)(?: <span[^>]*>[^<]*</span>)?'
    r"</td><td[^>]*>([^<]*)"
)
ROLES = {
    "Guarantor": "guarantor",
    "Observer": "observer",
    "Host": "host",
    "Syrian government": "syrian_government",
    "Syrian opposition": "opposition",
    "United Nations": "un",
}


def _rows(html: str) -> list[tuple]:
    return sorted(
        (int(n), slug, ROLES[role], "" if head.strip() == "—" else head.strip())
        for n, slug, role, head in ROW.findall(html)
    )


def test_round_8_attendance_page_matches_the_reference(client):
    html = client.get("/attendance/?round=8").content.decode()

    assert _rows(html) == _expected(round=8)
    assert f"{len(_expected(round=8))} delegations at 1 round matching the filters" in html


def test_jordan_attendance_page_matches_the_reference_and_links_its_csv(client):
    html = client.get("/attendance/?participant=jordan").content.decode()

    assert _rows(html) == _expected(participant="jordan")
    csv_link = "/api/v1/attendance/?participant=jordan&amp;format=csv&amp;page_size=500"
    assert f'href="{csv_link}&amp;expand=sources"' in html


def test_invalid_filters_are_ignored_and_said_so(client):
    html = client.get("/attendance/?year=twenty&round=8").content.decode()

    assert _rows(html) == _expected(round=8)
    assert "Ignored: year" in html


def test_round_page_and_navigation_link_to_attendance(client):
    html = client.get("/rounds/8/").content.decode()

    assert 'href="/attendance/?round=8"' in html
    assert 'href="/attendance/?participant=jordan"' not in html  # Jordan was not at round 8
    assert 'href="/attendance/?participant=syrian-government"' in html
    assert 'href="/attendance/"' in client.get("/").content.decode()


def test_attendance_page_takes_a_fixed_number_of_queries(client):
    client.get("/attendance/")  # warm caches (content types)

    with CaptureQueriesContext(connection) as everything:
        client.get("/attendance/")
    with CaptureQueriesContext(connection) as one_round:
        client.get("/attendance/?round=8")

    assert len(everything.captured_queries) == len(one_round.captured_queries) == 6
