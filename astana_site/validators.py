"""What makes a value renderable everywhere: every page, chart, feed and export format.

A curated date outside :data:`DATE_MIN`..:data:`DATE_MAX` overflows chart axes, iCalendar and
date arithmetic; a C0 control character (other than tab, newline and carriage return), a lone
surrogate or a non-character cannot be written to XML (the Atom feed) or stored by PostgreSQL
(NUL). :class:`RenderableFieldsMixin` refuses both in ``full_clean``, which the admin's forms
and every service write run, so the API answers 422 and the admin shows the field's error.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext

__all__ = [
    "DATE_MAX",
    "DATE_MIN",
    "RenderableFieldsMixin",
    "has_control_characters",
    "renderable_errors",
    "without_control_characters",
]

# The Astana process began in 2017; its prehistory and any announced future fit easily.
DATE_MIN = datetime.date(1990, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)

_UNRENDERABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a character no feed, page or database should get."""
    return bool(_UNRENDERABLE.search(text))


def without_control_characters(text: str) -> str:
    """``text`` without those characters: for output of records stored before they were
    refused, so one old record cannot break a feed."""
    return _UNRENDERABLE.sub("", text)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def renderable_errors(instance: models.Model, exclude=None) -> dict[str, list[ValidationError]]:
    """Field errors for dates out of range and text with control characters in ``instance``."""
    errors: dict[str, list[ValidationError]] = {}
    for field in instance._meta.concrete_fields:
        if exclude and field.name in exclude:
            continue
        value = getattr(instance, field.attname)
        if value is None:
            continue
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            if isinstance(value, datetime.date) and not DATE_MIN <= value <= DATE_MAX:
                errors.setdefault(field.name, []).append(
                    ValidationError(
                        gettext("Enter a date between %(min)s and %(max)s."),
                        code="date_out_of_range",
                        params={"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
                    )
                )
        elif isinstance(field, models.CharField | models.TextField | models.JSONField) and any(
            has_control_characters(text) for text in _strings(value)
        ):
            errors.setdefault(field.name, []).append(
                ValidationError(
                    gettext(
                        "Remove the control characters (only tabs and line breaks are allowed)."
                    ),
                    code="control_characters",
                )
            )
    return errors


class RenderableFieldsMixin:
    """Adds :func:`renderable_errors` to a model's ``clean_fields``."""

    def clean_fields(self, exclude=None):
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, field_errors in renderable_errors(self, exclude).items():
            if name not in errors:  # one message per field is enough
                errors[name] = field_errors
        if errors:
            raise ValidationError(errors)
