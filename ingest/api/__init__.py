"""The ingestion API: sources (feeds and pages to poll), for analysts."""
