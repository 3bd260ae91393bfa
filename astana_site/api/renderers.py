"""The CSV format every list offers (``?format=csv``) and the rule every other format follows:
errors are always rendered as the JSON error shape, whatever format was asked for."""

from __future__ import annotations

import csv
import io
import json

from rest_framework.renderers import BaseRenderer, JSONRenderer

# Cells that a spreadsheet would evaluate as a formula are prefixed with a quote (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def response_records(data) -> tuple[list[dict], bool]:
    """The records in a response body and whether it was a list (paginated or not)."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"], True
    if isinstance(data, list):
        return data, True
    return ([data] if isinstance(data, dict) else []), False


class ErrorsAsJSONMixin:
    """Renders error responses as the one JSON error shape, with a JSON content type."""

    @classmethod
    def openapi_schema(cls, *, many: bool) -> dict:
        """What a successful response in this format looks like, for the OpenAPI schema."""
        return {"type": "string", "description": cls.__doc__.split("\n\n")[0].strip()}

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            response["Content-Type"] = "application/json"
            return JSONRenderer().render(data, "application/json", renderer_context)
        return self.render_data(data, renderer_context or {})

    def render_data(self, data, renderer_context: dict) -> bytes:
        raise NotImplementedError


def _cell(value) -> str | int | float:
    """One CSV cell; every text cell, joined lists included, goes through the formula guard."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return _neutralised(_text(value))


def _text(value) -> str:
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) for v in value):
            return "; ".join(str(v) for v in value)
        for key in ("slug", "url", "name"):
            if all(isinstance(v, dict) and v.get(key) for v in value):
                return "; ".join(str(v[key]) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _flatten(record: dict, prefix: str = "") -> dict:
    """Nested objects become dotted columns (``next_meeting.start``); lists become one cell."""
    flat: dict = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and key not in {"details", "polygon"}:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = _cell(value)
    return flat


class CSVRenderer(ErrorsAsJSONMixin, BaseRenderer):
    """One row per record, one column per field; related lists are joined with ``; ``."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render_data(self, data, renderer_context: dict) -> bytes:
        records, _ = response_records(data)
        rows = [_flatten(r) for r in records]
        header: list[str] = []
        for row in rows:
            header.extend(k for k in row if k not in header)
        if not header:
            view = renderer_context.get("view")
            if view is not None and hasattr(view, "get_serializer"):
                header = list(view.get_serializer().fields)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")
