"""Pages for anonymous readers kept in the shared cache until the data changes, with an
``ETag`` and ``Last-Modified`` so a repeat visit costs a 304 (see ``astana_site.cache``).

A page depends on the data version, its full URL (filters included), the language and the
day (a meeting becomes overdue at midnight). Signed-in users always get a fresh page.
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date

from astana_site.cache import (
    READ_CACHE_SECONDS,
    data_version,
    etag_matches,
    list_etag,
    read_cache_enabled,
    version_seconds,
    versioned_key,
)


def _validators(response, tag: str, version: int) -> None:
    response["ETag"] = tag
    response["Last-Modified"] = http_date(version_seconds(version))
    # Caches may keep it but must ask again (a write changes it at any time).
    response["Cache-Control"] = "no-cache"


def cached_page(view):
    """Decorate a read-only page view for anonymous readers (GET and HEAD)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        version = data_version()
        language = getattr(request, "LANGUAGE_CODE", "")
        key = f"{request.get_full_path()}\n{language}\n{timezone.localdate().isoformat()}"
        tag = list_etag(key, version)
        if etag_matches(request.headers.get("If-None-Match", ""), tag):
            response = HttpResponseNotModified()
            _validators(response, tag, version)
            return response
        cache_key = versioned_key("page", key, version)
        hit = cache.get(cache_key) if read_cache_enabled() else None
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            if hasattr(response, "render"):
                response.render()
            if read_cache_enabled():
                cache.set(
                    cache_key, (response.content, response["Content-Type"]), READ_CACHE_SECONDS
                )
        _validators(response, tag, version)
        return response

    return wrapped
