"""Conditional requests (RFC 9110): a record's ``ETag`` and the ``If-Match`` precondition that
makes a write fail instead of overwriting a change the writer never saw.

A record's entity tag is its version (a hash of its stored fields) in quotes: strong, so it can
be compared with ``If-Match``. A write to a record (PUT, PATCH, DELETE) must send
``If-Match`` with the tag it read (428 without it) and is refused with 412 when the record has
changed since; ``If-Match: *`` asks for no check (the write still changes only the fields sent).
"""

from __future__ import annotations

from rest_framework import exceptions, status

IF_MATCH_HEADER = "If-Match"
ETAG_HEADER = "ETag"
ANY = "*"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record changed since you read it (If-Match does not match its ETag); "
        "read it again and redo your change."
    )
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "Send If-Match with the ETag you read from this record, so a change made since is "
        "not overwritten."
    )
    default_code = "precondition_required"


def etag(version: str) -> str:
    """The strong entity tag of a version."""
    return f'"{version}"'


def if_match(request) -> list[str] | None:
    """The versions ``If-Match`` names ([``ANY``] for ``*``); weak tags never match a write.

    Raises ``PreconditionRequired`` when the header is missing or empty.
    """
    raw = request.headers.get(IF_MATCH_HEADER, "").strip()
    if not raw:
        raise PreconditionRequired()
    if raw == ANY:
        return [ANY]
    versions = []
    for part in raw.split(","):
        tag = part.strip()
        if tag.startswith('"') and tag.endswith('"') and len(tag) >= 2:
            versions.append(tag[1:-1])
    return versions


def expected_version(request, current: str) -> str | None:
    """The version a write is conditional on: ``current`` when ``If-Match`` names it, None for
    ``*``. Raises ``PreconditionRequired`` (no header) or ``PreconditionFailed`` (no match)."""
    versions = if_match(request)
    if versions == [ANY]:
        return None
    if current not in versions:
        raise PreconditionFailed()
    return current
