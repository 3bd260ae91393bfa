"""Test settings: fast hashing, in-memory email, loopback fetching for the local test server."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, env

SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
INGEST_ALLOW_LOOPBACK = True
# Throttling is exercised by its own tests with an override; elsewhere it would only add noise.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="100000/hour"),
        "user": env("API_THROTTLE_USER", default="100000/hour"),
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# One process: a local-memory cache keeps the query counts of the API tests about the API (the
# shared database/Redis cache of base.py is exercised by tests/hostile).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The read cache would answer the query-count tests from memory; its own tests switch it on.
READ_CACHE_ENABLED = False
# Tests add records with factories, not the services that bump the data version: a kept count
# would be stale. Its own tests switch it on.
COUNT_CACHE_ENABLED = False
# Likewise a kept table (a factory's write leaves the version as it was). Its tests switch it
# on; off, the lists read those related rows by key.
KEPT_TABLES_ENABLED = False
