"""Telling an outage of the database or the broker apart from a bug.

Commands, the API and the tasks use :func:`outage_message` to turn "the server is away" into
one clear line (a command's exit message, a 503 in the one JSON error shape) instead of a
traceback.
"""

from __future__ import annotations

from django.db import InterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.utils.translation import gettext
from kombu.exceptions import OperationalError as BrokerOperationalError

__all__ = ["outage_message"]


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return (lines[0] if lines else type(error).__name__)[:300]


def outage_message(error: BaseException) -> str | None:
    """A one-line description when ``error`` (or its cause) means the database or the broker
    cannot be reached; None for anything else."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, BrokerOperationalError):
            return gettext("the task broker is unavailable: %(error)s") % {
                "error": _first_line(current)
            }
        if isinstance(current, DatabaseOperationalError | InterfaceError):
            return gettext("the database is unavailable: %(error)s") % {
                "error": _first_line(current)
            }
        current = current.__cause__ or current.__context__
    return None
