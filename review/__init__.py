"""Between ingestion and the curated records: linking articles, suggestions and their review."""
