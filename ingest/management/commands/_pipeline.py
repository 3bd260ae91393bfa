"""Shared helpers of the ingestion commands (not a command itself)."""

import json

from ingest import services


def link_now(article_id: int) -> None:
    """Run the configured link task in this process, whatever the broker setting."""
    services.article_link_task().apply(args=[article_id], throw=True)


def result_line(result: services.IngestResult) -> str:
    """One JSON line describing an ingested article (``id`` first)."""
    result.article.refresh_from_db()
    data = result.as_dict()
    data["suggestions"] = result.article.suggestions.count()
    data["extraction"] = result.article.extraction
    return json.dumps(data, ensure_ascii=False)
