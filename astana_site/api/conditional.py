"""Conditional requests (RFC 9110): a record's ``ETag`` and the ``If-Match`` precondition that
makes a write fail instead of overwriting a change the writer never saw.

A record's entity tag is its version (a hash of its stored fields) in quotes: strong, so it can
be compared with ``If-Match``. A write to a record (PUT, PATCH, DELETE) must send
``If-Match`` with the tag it read (428 without it) and is refused with 412 when the record has
changed since; ``If-Match: *`` asks for no check (the write still changes only the fields sent).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

IF_MATCH_HEADER = "If-Match"
ETAG_HEADER = "ETag"
ANY = "*"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The record changed since you read it (If-Match does not match its ETag); "
        "read it again and redo your change."
    )
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
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


# --- Conditional GET ------------------------------------------------------------------------

IF_NONE_MATCH_HEADER = "If-None-Match"
IF_MODIFIED_SINCE_HEADER = "If-Modified-Since"


def _plain(value):
    """Serializer output as plain dicts and lists (no serializer attached), for the cache."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def not_modified(request, *, etag_value: str, last_modified: float | None):
    """A 304 response when the request's validators match (``If-None-Match`` first, else
    ``If-Modified-Since``, RFC 9110 13.2.2), else None."""
    from django.utils.http import parse_http_date_safe

    from astana_site.cache import etag_matches

    inm = request.headers.get(IF_NONE_MATCH_HEADER, "")
    if inm:
        matched = etag_matches(inm, etag_value)
    else:
        since = parse_http_date_safe(request.headers.get(IF_MODIFIED_SINCE_HEADER, ""))
        matched = since is not None and last_modified is not None and int(last_modified) <= since
    if not matched:
        return None
    return Response(
        status=status.HTTP_304_NOT_MODIFIED, headers=_validators(etag_value, last_modified)
    )


def _validators(etag_value: str, last_modified: float | None) -> dict:
    from django.utils.http import http_date

    headers = {ETAG_HEADER: etag_value}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    return headers


class ConditionalListMixin:
    """A list answers conditional GETs: its ``ETag`` and ``Last-Modified`` come from the data
    version (``astana_site.cache``), so a client repeating a request gets a 304 without the
    list being read. An anonymous reader's page is kept in the shared cache until the data
    changes. Writes bump the version through the services."""

    def list(self, request, *args, **kwargs):
        from django.utils import timezone

        from astana_site.cache import (
            data_version,
            list_etag,
            read_cache_enabled,
            version_seconds,
            versioned_key,
        )

        version = data_version()
        # The answer depends on the path and query, the format, the language asked for (names
        # follow Accept-Language, see rounds.api.languages) and the day (overdue status).
        key = "\n".join(
            [
                request.get_full_path(),
                request.accepted_renderer.format,
                request.headers.get("Accept-Language", ""),
                timezone.localdate().isoformat(),
            ]
        )
        tag = list_etag(key, version)
        modified = version_seconds(version)
        if (answer := not_modified(request, etag_value=tag, last_modified=modified)) is not None:
            return answer
        cache_key = versioned_key("api-list", key, version)
        anonymous = read_cache_enabled() and not (request.user and request.user.is_authenticated)
        if anonymous:
            from django.core.cache import cache

            hit = cache.get(cache_key)
            if hit is not None:
                data, headers = hit
                return Response(data, headers={**headers, **_validators(tag, modified)})
        response = super().list(request, *args, **kwargs)
        if response.status_code == status.HTTP_200_OK:
            if anonymous:
                from django.core.cache import cache

                from astana_site.cache import READ_CACHE_SECONDS

                kept = {h: response[h] for h in ("Link", "X-Total-Count") if h in response}
                cache.set(cache_key, (_plain(response.data), kept), READ_CACHE_SECONDS)
            for name, value in _validators(tag, modified).items():
                response[name] = value
        return response
