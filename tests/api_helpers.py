"""Helpers for API tests that write: the If-Match a write to a record needs."""

from __future__ import annotations


def if_match(client, url: str) -> dict[str, str]:
    """Request headers naming the record's current ETag (read with a GET), for PUT/PATCH/DELETE."""
    response = client.get(url)
    assert response.status_code == 200, url
    return {"HTTP_IF_MATCH": response["ETag"]}
