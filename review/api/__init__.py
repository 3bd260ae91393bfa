"""The review API: articles with the curated records they support, and the suggestion queue."""
