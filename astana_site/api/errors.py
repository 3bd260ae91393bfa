"""One JSON error shape for every API error.

``{"error": {"status": int, "code": str, "message": str, "detail": object}}``

Statuses: 400 malformed input (bad filter, page, body field, a field the resource does not
have); 401 no or bad credentials; 403 no permission; 404 no such record or page (code
``not_found``, from every endpoint); 405 method not allowed; 406 a format (``?format=`` or
``Accept``) the endpoint does not offer; 409 conflicts with
stored data (a duplicate key, a record still referenced); 422 well-formed but against the
domain's rules (end before start, a forbidden status transition, a reference to a record that
does not exist, a date outside 1990-2100); 413 a body too large; 429 throttled; 500 a bug,
logged; 503 the database or the task broker is away.
"""

import logging
import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from astana_site.exceptions import TrackerConflict, TrackerError
from astana_site.outages import outage_message

logger = logging.getLogger(__name__)

# Validation codes that mean "conflicts with stored data" and "well-formed but not allowed".
CONFLICT_CODES = {"unique", "unique_together"}
UNPROCESSABLE_CODES = {"does_not_exist", "invalid_transition", "invalid_geometry"}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The change conflicts with stored data.")
    default_code = "conflict"


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("The change breaks a rule of the curated data.")
    default_code = "unprocessable"


def _leaf_codes(codes) -> set[str]:
    if isinstance(codes, dict):
        return set().union(*(_leaf_codes(v) for v in codes.values())) if codes else set()
    if isinstance(codes, list):
        return set().union(*(_leaf_codes(v) for v in codes)) if codes else set()
    return {str(codes)}


def _django_detail(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages]
            for field, errors in exc.error_dict.items()
        }
    return {"non_field_errors": exc.messages}


def _django_codes(exc: DjangoValidationError) -> set[str]:
    errors = (
        [e for errors in exc.error_dict.values() for e in errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return {e.code or "invalid" for e in errors}


_LOOKUP_MISSED = re.compile(r"No \w+ matches the given query\.")


def _translate(exc):
    """Map domain and Django exceptions to the API exception that says what went wrong."""
    if isinstance(exc, Http404):
        # The one 404 code (``not_found``), whether a view or DRF raised it; Django's
        # get_object_or_404 says "No Round matches the given query." in English only.
        message = str(exc)
        if not message or _LOOKUP_MISSED.fullmatch(message):
            return exceptions.NotFound()
        return exceptions.NotFound(message)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        codes = _django_codes(exc)
        kind = Conflict if codes <= CONFLICT_CODES else Unprocessable
        return kind(_django_detail(exc))
    if isinstance(exc, TrackerConflict):
        return Conflict({"non_field_errors": [str(exc)]})
    if isinstance(exc, TrackerError):
        return exceptions.ValidationError({"non_field_errors": [str(exc)]})
    if isinstance(exc, ProtectedError | RestrictedError):
        blocking = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
        return Conflict(
            {
                "non_field_errors": [
                    gettext("Other records still refer to this one: %(records)s.")
                    % {"records": ", ".join(blocking)}
                ]
            }
        )
    if isinstance(exc, exceptions.ValidationError) and exc.get_codes():
        codes = _leaf_codes(exc.get_codes())
        if codes and codes <= CONFLICT_CODES:
            return Conflict(exc.detail)
        if codes and codes <= UNPROCESSABLE_CODES | CONFLICT_CODES:
            return Unprocessable(exc.detail)
    return exc


def _first_messages(detail, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            name = "" if key in {"non_field_errors", "detail"} else f"{prefix}{key}"
            out += _first_messages(value, f"{name}." if name else "")
        return out
    if isinstance(detail, list):
        return _first_messages(detail[0], prefix) if detail else []
    text = str(detail)
    return [f"{prefix.rstrip('.')}: {text}" if prefix else text]


def error_body(status_code: int, code: str, message: str, detail=None) -> dict:
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "detail": detail if detail is not None else {},
        }
    }


def exception_handler(exc, context):
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        outage = outage_message(exc)
        if outage is not None:  # the database or the broker is away: try again later
            logger.error("API unavailable: %s", outage)
            message = outage[0].upper() + outage[1:] + "."
            return JsonResponse(error_body(503, "service_unavailable", message), status=503)
        logger.exception("Unhandled API error", exc_info=exc)
        return JsonResponse(
            error_body(500, "server_error", gettext("Internal server error; it has been logged.")),
            status=500,
        )
    detail = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        if isinstance(codes, str):
            code = codes
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        message, detail = str(detail["detail"]), {}
    else:
        messages = _first_messages(detail)
        message = "; ".join(messages[:5]) or str(
            getattr(exc, "default_detail", gettext("Invalid input."))
        )
    response.data = error_body(response.status_code, str(code), message, detail)
    return response
