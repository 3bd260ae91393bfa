"""One JSON error shape for every API error.

``{"error": {"status": int, "code": str, "message": str, "detail": object}}``
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from rounds.exceptions import TrackerError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, TrackerError):
        exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        if isinstance(codes, str):
            code = codes
    message = detail.get("detail") if isinstance(detail, dict) and "detail" in detail else None
    if message is None:
        message = (
            "Invalid input." if response.status_code == status.HTTP_400_BAD_REQUEST else str(exc)
        )
    response.data = {
        "error": {
            "status": response.status_code,
            "code": str(code),
            "message": str(message),
            "detail": detail
            if not (isinstance(detail, dict) and set(detail) == {"detail"})
            else {},
        }
    }
    return response
