"""The one exception family raised by the ingestion layer.

Every failure the outside world can cause (a hostile URL, a slow server, a broken feed, a page
without an article) surfaces as an :class:`IngestError` carrying a short ``code`` slug and a
``transient`` flag. Callers (Celery tasks) retry only when ``transient`` is true and record the
``code`` otherwise; they never need to catch ``requests`` or ``lxml`` exceptions.
"""

from __future__ import annotations

__all__ = [
    "ExtractionError",
    "FeedError",
    "FetchError",
    "IngestError",
]


class IngestError(Exception):
    """Base class: a failure caused by outside input or an outside server.

    ``code`` is a stable short slug (``"ssrf_blocked"``, ``"too_large"``, ``"timeout"``...);
    ``transient`` is True when the same request may succeed later (timeouts, connection
    errors, HTTP 5xx and 429) and False when retrying is pointless.
    """

    default_code = "ingest_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        transient: bool = False,
        url: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.transient = transient
        self.url = url
        self.status = status

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, code={self.code!r}, "
            f"transient={self.transient!r})"
        )


class FetchError(IngestError):
    """Fetching a URL failed (SSRF guard, HTTP status, size, type, redirects, network)."""

    default_code = "fetch_error"


class FeedError(IngestError):
    """A feed document could not be parsed safely (``malformed_feed``, ``xml_bomb``)."""

    default_code = "malformed_feed"


class ExtractionError(IngestError):
    """No usable article could be extracted (``no_article``, ``binary_content``)."""

    default_code = "no_article"
