"""Request wiring: the Content-Security-Policy (django-csp) and malformed requests refused early.

The strict policy of ``CONTENT_SECURITY_POLICY`` applies everywhere, relaxed only where
third-party pages need it. Pages embed data with ``json_script`` and render it from static
files, so no inline script or CDN is needed. The admin and the API docs keep Django's and the
sidecar's own needs.
"""

import logging
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers

from astana_site.outages import outage_message

logger = logging.getLogger(__name__)

# Swagger UI and ReDoc inject inline styles and use blob: workers; the admin's forms and
# widgets use inline styles too.
RELAXED_PREFIXES = ("/api/v1/docs", "/admin/")
RELAXED_DIRECTIVES = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "style-src-attr": None,
    "font-src": ["'self'", "data:"],
    "worker-src": ["'self'", "blob:"],
    "form-action": None,
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(RELAXED_PREFIXES):
            parts.replace = {**RELAXED_DIRECTIVES, **(parts.replace or {})}
        return parts


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip for what anyone may read; never for a signed-in session or the admin.

    BREACH recovers a secret from the compressed size of a page that holds it next to text the
    attacker chooses. Public pages hold no secret (no CSRF token: their only forms are GET
    searches and filters), so they are compressed; a request with a session cookie, and
    anything under ``/admin/`` (CSRF tokens, the user's data), is sent uncompressed. Django's
    own GZip adds random bytes per response on top (its "Heal the Breach" mitigation).
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        return super().process_response(request, response)


# --- malformed requests ------------------------------------------------------------------------

# JSON nested deeper than this is refused before any parser sees it: Python's parser recurses
# once per level and a 100,000-deep body would exhaust the stack.
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")
_PERCENT_NUL = re.compile(r"%00", re.IGNORECASE)


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest in ``body`` (strings skipped); linear time."""
    depth = deepest = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub(b'""', body)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def error_response(status: int, code: str, message: str) -> JsonResponse:
    from astana_site.api.errors import error_body  # the API's one error shape

    return JsonResponse(error_body(status, code, message), status=status)


class MalformedRequestMiddleware:
    """Refuses what no view should ever see, as a 4xx in the API's one JSON error shape.

    - a NUL character, raw or percent-encoded, in the query string or raw in a header: 400
      (PostgreSQL cannot store or search for it);
    - a body announced larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413, before it is read;
      a ``Content-Length`` that is not a number: 400;
    - a JSON body nested deeper than :data:`MAX_JSON_DEPTH`: 400.

    And an outage of the database or the broker met by a view becomes a 503 in the same shape
    instead of a 500 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def _refusal(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or _PERCENT_NUL.search(query):
            return error_response(400, "parse_error", "The query string contains a NUL character.")
        for name, value in request.META.items():
            if name.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                header = name[5:].replace("_", "-").title()
                return error_response(400, "parse_error", f"Header {header} contains a NUL.")
        raw_length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw_length)
        except ValueError:
            length = -1
        if length < 0:
            return error_response(400, "parse_error", "Content-Length is not a byte count.")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return error_response(
                413, "request_too_large", f"The request body is larger than {limit} bytes."
            )
        if length and "json" in request.META.get("CONTENT_TYPE", "").lower():
            try:
                body = request.body
            except RequestDataTooBig:
                return error_response(
                    413, "request_too_large", f"The request body is larger than {limit} bytes."
                )
            if json_depth(body) > MAX_JSON_DEPTH:
                return error_response(
                    400, "parse_error", f"JSON nested deeper than {MAX_JSON_DEPTH} levels."
                )
        return None

    def process_exception(self, request, exception):
        message = outage_message(exception)
        if message is None:
            return None
        logger.error("service unavailable for %s: %s", request.path, message)
        return error_response(503, "service_unavailable", message[0].upper() + message[1:] + ".")


# --- languages ---------------------------------------------------------------------------------


class LanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` for a site whose public pages are in ``i18n_patterns``
    (English unprefixed) and whose admin and API are not.

    - A public page's language is its prefix (``/ru/rounds/``); no prefix is English.
    - An unprefixed public page asked for with GET by a reader whose language cookie (the
      switcher's choice) or, without one, ``Accept-Language`` prefers another language is
      redirected to that language's page (the first visit is negotiated, the choice remembered).
    - Every other path (the admin, the API, ``/i18n/``) follows the cookie, then
      ``Accept-Language`` (Django's own middleware would pin them to English).
    """

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return None
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        preferred = translation.get_language_from_request(request, check_path=False)
        # A public (translated) page is one that also resolves under a prefixed language.
        prefixed = next(
            code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        )
        with translation.override(prefixed):
            request.language_public_page = is_valid_path(f"/{prefixed}{request.path_info}", urlconf)
        if not request.language_public_page:
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        if request.method in ("GET", "HEAD") and preferred != settings.LANGUAGE_CODE:
            # Resolved in English (active now), reversed in the preferred language.
            target = translate_url(request.get_full_path(), preferred)
            if target != request.get_full_path():
                response = HttpResponseRedirect(target)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if getattr(request, "language_public_page", False):
            # The same unprefixed address may redirect another reader elsewhere.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
