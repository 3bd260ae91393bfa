"""Conditional requests (RFC 9110): a record's ``ETag`` and the ``If-Match`` precondition that
makes a write fail instead of overwriting a change the writer never saw.

A record's entity tag names two things: ``"<version>.<representation>"``. The version is a
hash of the record's stored fields, what a write is conditional on; the representation part is
a hash of what else its detail shows in this answer: the data version (``astana_site.cache``,
bumped by every write, so a change to a delegation shown inside its round is seen), the
language and format asked for, and the day (the overdue status). So a conditional GET
(``If-None-Match``) is a 304 only for the same answer, in the same language and format, and the
tag is strong, as a tag that changes with every representation may be.

A write to a record (PUT, PATCH, DELETE) must send ``If-Match`` with a tag it read (428
without it) and is refused with 412 when the record's version has changed since: only the
version part is compared, so a tag read in Arabic or as CSV, or before another record changed,
still names the version it was read at. ``If-Match: *`` asks for no check (the write still
changes only the fields sent). A tag that is not a quoted string is a 400.
"""

from __future__ import annotations

import hashlib
from functools import cached_property

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


def etag(version: str, representation: str, data: int) -> str:
    """The strong entity tag of a record's ``version`` in the answer ``representation``
    (``representation_key``) stands for, at the data version ``data``."""
    digest = hashlib.sha256(f"{data}\n{representation}".encode()).hexdigest()[:16]
    return f'"{version}.{digest}"'


def representation_key(request) -> str:
    """What an answer depends on besides the data: the path and query, the format, the
    language asked for (names follow Accept-Language, see rounds.api.languages) and the day
    (overdue status)."""
    from django.utils import timezone

    renderer = getattr(request, "accepted_renderer", None)
    return "\n".join(
        [
            request.get_full_path(),
            renderer.format if renderer is not None else "",
            request.headers.get("Accept-Language", ""),
            timezone.localdate().isoformat(),
        ]
    )


def if_match(request) -> list[str] | None:
    """The versions ``If-Match`` names ([``ANY``] for ``*``): of each tag, the record's
    version (before the first "."). Weak tags never match a write.

    Raises ``PreconditionRequired`` when the header is missing or empty, and a 400 when it
    is not ``*`` or a list of entity tags (RFC 9110 13.1.1)."""
    raw = request.headers.get(IF_MATCH_HEADER, "").strip()
    if not raw:
        raise PreconditionRequired()
    if raw == ANY:
        return [ANY]
    versions = []
    for part in raw.split(","):
        tag = part.strip()
        if tag.startswith("W/") and _quoted(tag[2:]):
            continue  # weak: never matches a write
        if not _quoted(tag):
            raise exceptions.ValidationError(
                {
                    IF_MATCH_HEADER: [
                        _("Send the ETag as you read it, in quotes (or * for no check).")
                    ]
                },
                code="invalid",
            )
        versions.append(tag[1:-1].split(".", 1)[0])
    return versions


def _quoted(tag: str) -> bool:
    return len(tag) >= 2 and tag.startswith('"') and tag.endswith('"') and '"' not in tag[1:-1]


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

    def cache_reads_ahead(self, request) -> list[str]:
        """What a list reads from the shared cache first: the data version and its kept count
        (read by the throttle in its own round trip to Redis, ``astana_site.api.throttling``)."""
        from astana_site.cache import VERSION_KEY

        if getattr(self, "action", None) != "list" or request.method not in ("GET", "HEAD"):
            return []
        count_key = self._count_key
        return [] if count_key is None else [VERSION_KEY, count_key]

    @cached_property
    def _count_key(self) -> str | None:
        """Where this request's list keeps its count (the paginator's ``count_key``), worked
        out once: the throttle and the list both ask."""
        keyed = getattr(self.paginator, "count_key", None)
        return keyed(self.request) if keyed is not None else None

    def list(self, request, *args, **kwargs):
        from astana_site.cache import (
            data_version,
            data_version_and_count,
            list_etag,
            read_cache_enabled,
            reading_at,
            version_seconds,
            versioned_key,
        )

        # The list's count is kept by data version (pagination): both in one round trip, the
        # throttle's where it read them (cache_reads_ahead).
        count_key = self._count_key
        if count_key is None:
            version = data_version()
        else:
            ahead = getattr(request, "cache_read_ahead", None)
            self.kept_count = data_version_and_count(count_key, ahead)
            version = self.kept_count.version
        key = representation_key(request)
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
        with reading_at(version):  # what the list reads next is judged by the same version
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
